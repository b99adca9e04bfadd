package io.flexledger.marketplaceapi.security;

import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import java.util.Map;

/**
 * Which chaincode events a follower of {@code GET /api/events} receives: an event goes to a reader
 * only if the reader may read the event's record through this instance's API. Each event is mapped to
 * the read action of the endpoint that serves its record, and the reader is checked with that
 * endpoint's own rules ({@link AccessPolicy#refusal} and, for the records of one aggregator,
 * {@link AccessPolicy#showsRecordOf}), so the stream never tells more than the reads do.
 *
 * <p>What each role receives, on its own organisation's instance (the only one whose stream it may
 * follow):
 *
 * <ul>
 *   <li>every role: the market and registry events ({@link #MARKET}), as {@code GET /api/requests},
 *       {@code /offers}, {@code /orders}, {@code /congestion-points}, {@code /assets}, {@code /devices}
 *       and {@code /baselines/{day}/{assetId}} serve them to any role;
 *   <li>{@code ReadingsAnchored}, {@code OrderSettled}, {@code DisputeOpened}, {@code DisputeResolved}
 *       ({@link #SETTLEMENT}): roles dso, aggregator and admin on the DSO's instance, for every
 *       aggregator; the same roles on an aggregator's instance, for that aggregator's records only;
 *       never a prosumer, never through the community's instance; an auditor, as its reads, all;
 *   <li>{@code OrganisationRegistered}, the community market's events ({@code CommunityDayOpened},
 *       {@code MembershipProposed}, {@code MembershipApproved}, {@code CommunityOrderPosted},
 *       {@code CommunityCleared}, {@code CommunityMemberSettled}: their readers are decided per community, which the stream does not do
 *       yet) and any event not listed here: nobody.
 * </ul>
 */
public final class EventAudience {
    /** Events whose record any role of the organisation reads ({@link Action#READ}), with the endpoint. */
    static final Map<String, String> MARKET = Map.ofEntries(
            Map.entry("CongestionPointRegistered", "GET /api/congestion-points/{id}"),
            Map.entry("AssetRegistered", "GET /api/assets/{id}"),
            Map.entry("DeviceRegistered", "GET /api/devices/{id}"),
            Map.entry("MeterApproved", "GET /api/devices/{id}"),
            Map.entry("MeterKeyProposed", "GET /api/devices/{id}"),
            Map.entry("RequestCreated", "GET /api/requests/{id}"),
            Map.entry("RequestClosed", "GET /api/requests/{id}"),
            Map.entry("RequestCancelled", "GET /api/requests/{id}"),
            Map.entry("OfferCreated", "GET /api/offers/{id}"),
            Map.entry("OfferRevoked", "GET /api/offers/{id}/revocation"),
            // One transaction's several offers (a FlexOffer's options); the relay hands them on one by one.
            Map.entry("OffersCreated", "GET /api/offers/{id}"),
            Map.entry("OffersRevoked", "GET /api/offers/{id}/revocation"),
            Map.entry("OrderCreated", "GET /api/orders/{id}"),
            Map.entry("OrderCancelled", "GET /api/orders/{id}"),
            Map.entry("BaselineCommitted", "GET /api/baselines/{day}/{assetId}"),
            Map.entry("BaselineRevealed", "GET /api/baselines/{day}/{assetId}"));

    /**
     * Events whose record is one aggregator's (its {@code aggregatorMsp}), read with
     * {@link Action#READ_SETTLEMENTS}, with the endpoint.
     */
    static final Map<String, String> SETTLEMENT = Map.ofEntries(
            Map.entry("ReadingsAnchored", "GET /api/anchors/{day}/{aggregatorMsp}"),
            Map.entry("OrderSettled", "GET /api/settlements/{id}"),
            Map.entry("DisputeOpened", "GET /api/disputes/{id}"),
            Map.entry("DisputeResolved", "GET /api/disputes/{id}"));

    private EventAudience() {}

    /** Whether {@code event} goes to {@code caller}, following the stream of the instance of {@code instanceMsp}. */
    public static boolean shows(String instanceMsp, Caller caller, LedgerEvent event) {
        if (MARKET.containsKey(event.name())) {
            return AccessPolicy.refusal(instanceMsp, caller, Action.READ).isEmpty();
        }
        if (SETTLEMENT.containsKey(event.name())) {
            String owner = event.payload() == null
                    ? ""
                    : event.payload().path("aggregatorMsp").asText("");
            return AccessPolicy.refusal(instanceMsp, caller, Action.READ_SETTLEMENTS)
                            .isEmpty()
                    && AccessPolicy.showsRecordOf(instanceMsp, caller, owner);
        }
        // No endpoint serves the record: the stream does not tell it either.
        return false;
    }
}
