package io.flexledger.marketplaceapi.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which events of {@code GET /api/events} reach which reader, case by case: every instance, every
 * token organisation (and none), every role, every event the chaincode emits, for records of either
 * aggregator. The expectation is stated here from the read rules of the endpoints (README, decision
 * 0007), not from the code.
 */
class EventAudienceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> INSTANCES = AccessPolicyTest.INSTANCES;
    static final List<Optional<String>> TOKEN_ORGANISATIONS = List.of(
            Optional.of("DsoMSP"),
            Optional.of("Aggregator1MSP"),
            Optional.of("Aggregator2MSP"),
            Optional.of("CommunityMSP"),
            Optional.empty());
    static final List<String> ROLES = List.of(Role.PROSUMER, Role.AGGREGATOR, Role.DSO, Role.AUDITOR, Role.ADMIN);
    /** Requests, offers, orders, the registry, baseline commitments: any role of the organisation reads them. */
    static final Set<String> MARKET_EVENTS = Set.of(
            "CongestionPointRegistered",
            "AssetRegistered",
            "DeviceRegistered",
            "MeterApproved",
            "MeterKeyProposed",
            "RequestCreated",
            "RequestClosed",
            "RequestCancelled",
            "OfferCreated",
            "OfferRevoked",
            "OffersCreated",
            "OffersRevoked",
            "OrderCreated",
            "OrderCancelled",
            "BaselineCommitted",
            "BaselineRevealed");
    /** Anchors, settlements, disputes: one aggregator's records. */
    static final Set<String> SETTLEMENT_EVENTS =
            Set.of("ReadingsAnchored", "OrderSettled", "DisputeOpened", "DisputeResolved");
    /** Records no endpoint serves. */
    static final Set<String> UNSERVED_EVENTS = Set.of(
            "OrganisationRegistered",
            "UftpParticipantRegistered",
            "CommunityDayOpened",
            "MembershipProposed",
            "MembershipApproved",
            "CommunityOrderPosted",
            "CommunityCleared",
            "CommunityMemberSettled",
            "SomethingNew");

    static boolean expected(String instance, Optional<String> tokenMsp, String role, String event, String owner) {
        boolean own = tokenMsp.equals(Optional.of(instance));
        boolean auditor = role.equals(Role.AUDITOR);
        if (MARKET_EVENTS.contains(event)) {
            // GET /api/requests, /offers, /orders, /assets, …: every role of the organisation, an auditor anywhere.
            return own || auditor;
        }
        if (SETTLEMENT_EVENTS.contains(event)) {
            // GET /api/settlements/{id}, /anchors/…, /disputes/{id}: dso, auditor, the record's own aggregator.
            if (auditor) {
                return true;
            }
            boolean party = !role.equals(Role.PROSUMER);
            return own && party && (instance.equals("DsoMSP") || instance.equals(owner));
        }
        return false;
    }

    static LedgerEvent event(String name, String owner) {
        ObjectNode payload = JSON.createObjectNode().put("id", "rec-1").put("aggregatorMsp", owner);
        return new LedgerEvent(name, "tx-1", 7, payload);
    }

    @Test
    void everyInstanceOrganisationRoleAndEventAsTheReadRulesSay() {
        int cases = 0;
        Set<String> events = new HashSet<>(MARKET_EVENTS);
        events.addAll(SETTLEMENT_EVENTS);
        events.addAll(UNSERVED_EVENTS);
        for (String instance : INSTANCES) {
            for (Optional<String> msp : TOKEN_ORGANISATIONS) {
                for (String role : ROLES) {
                    Caller caller = new Caller("u", msp, Set.of(role));
                    for (String name : events) {
                        for (String owner : List.of("Aggregator1MSP", "Aggregator2MSP")) {
                            assertThat(EventAudience.shows(instance, caller, event(name, owner)))
                                    .as(
                                            "%s of %s to %s of %s on the %s instance",
                                            name, owner, role, msp.orElse("none"), instance)
                                    .isEqualTo(expected(instance, msp, role, name, owner));
                            cases++;
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(4 * 5 * 5 * 29 * 2);
    }

    @Test
    void aCommunityProsumerDoesNotHearOfAggregator2sSettlement() {
        Caller prosumer = new Caller("community-prosumer", Optional.of("CommunityMSP"), Set.of(Role.PROSUMER));
        Caller admin = new Caller("community-admin", Optional.of("CommunityMSP"), Set.of(Role.ADMIN));
        for (String name : SETTLEMENT_EVENTS) {
            assertThat(EventAudience.shows("CommunityMSP", prosumer, event(name, "Aggregator2MSP")))
                    .as(name)
                    .isFalse();
            assertThat(EventAudience.shows("CommunityMSP", admin, event(name, "Aggregator2MSP")))
                    .as(name)
                    .isFalse();
        }
        assertThat(EventAudience.shows("CommunityMSP", prosumer, event("OfferCreated", "Aggregator2MSP")))
                .isTrue();
    }

    @Test
    void theDsoAndTheSettlementsOwnAggregatorHearOfIt() {
        LedgerEvent settled = event("OrderSettled", "Aggregator2MSP");
        assertThat(EventAudience.shows(
                        "DsoMSP", new Caller("dso-operator", Optional.of("DsoMSP"), Set.of(Role.DSO)), settled))
                .isTrue();
        assertThat(EventAudience.shows(
                        "Aggregator2MSP",
                        new Caller("agg2-trader", Optional.of("Aggregator2MSP"), Set.of(Role.AGGREGATOR)),
                        settled))
                .isTrue();
        // Not another aggregator, not even its admin, nor the owner's own prosumers.
        assertThat(EventAudience.shows(
                        "Aggregator1MSP",
                        new Caller("agg1-admin", Optional.of("Aggregator1MSP"), Set.of(Role.ADMIN)),
                        settled))
                .isFalse();
        assertThat(EventAudience.shows(
                        "Aggregator2MSP",
                        new Caller("agg2-prosumer", Optional.of("Aggregator2MSP"), Set.of(Role.PROSUMER)),
                        settled))
                .isFalse();
    }

    @Test
    void aSettlementEventWithoutItsAggregatorGoesOnlyWhereEveryAggregatorIsShown() {
        Caller agg1 = new Caller("agg1-trader", Optional.of("Aggregator1MSP"), Set.of(Role.AGGREGATOR));
        LedgerEvent bare = new LedgerEvent("OrderSettled", "tx-1", 7, JSON.createObjectNode());
        assertThat(EventAudience.shows("Aggregator1MSP", agg1, bare)).isFalse();
        Caller dso = new Caller("dso-operator", Optional.of("DsoMSP"), Set.of(Role.DSO));
        assertThat(EventAudience.shows("DsoMSP", dso, bare)).isTrue();
    }

    /** Every event the chaincode emits by name is one of those stated above, so none is judged by accident. */
    @Test
    void everyEventTheChaincodeEmitsIsClassified() throws IOException {
        Pattern emit = Pattern.compile("emit\\(\"(\\w+)\"|\"(Request(?:Closed|Cancelled))\"");
        Set<String> emitted = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("..", "chaincode", "src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = emit.matcher(Files.readString(f));
                while (m.find()) {
                    emitted.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        Set<String> classified = new HashSet<>(MARKET_EVENTS);
        classified.addAll(SETTLEMENT_EVENTS);
        classified.addAll(UNSERVED_EVENTS);
        assertThat(emitted).hasSizeGreaterThanOrEqualTo(17);
        assertThat(classified).containsAll(emitted);
        assertThat(EventAudience.MARKET.keySet()).isEqualTo(MARKET_EVENTS);
        assertThat(EventAudience.SETTLEMENT.keySet()).isEqualTo(SETTLEMENT_EVENTS);
    }
}
