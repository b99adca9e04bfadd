package io.flexledger.chaincode.codec;

import io.flexledger.contract.Baselines;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.time.MarketRules;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * JSON of the market's records (baselines, requests, offers, revocations, orders), written and read
 * by the ledger contract's codec ({@link MarketRecords}), whose field problems become this input's
 * violations and whose domain refusals the chaincode's; the private baseline values (a reveal) too.
 */
public final class MarketJson {
    /** The market calendar the chaincode enforces (zone, slot length, gate closure). */
    public static final MarketRules RULES = MarketRecords.RULES;

    /** Fields of a baseline commitment. */
    public static final Set<String> COMMIT_INPUT = Baselines.COMMITMENT_FIELDS;
    /** Fields of a baseline reveal (transient field {@code baseline}). */
    public static final Set<String> REVEAL_INPUT = Baselines.REVEAL_FIELDS;
    /** Fields a client may send to post a request. */
    public static final Set<String> REQUEST_INPUT = Requests.REQUEST_FIELDS;
    /** Fields a client may send to post an offer. */
    public static final Set<String> OFFER_INPUT = Offers.OFFER_FIELDS;
    /** Fields a client may send to revoke an offer. */
    public static final Set<String> REVOCATION_INPUT = Set.of("offerId", "reason");
    /** Fields a client may send to order an offer. */
    public static final Set<String> ORDER_INPUT = Orders.ORDER_FIELDS;

    private MarketJson() {}

    // ---- baselines

    /** Reads a commitment input; the caller becomes the committing aggregator. */
    public static BaselineCommitment commitment(JsonInput in, String caller, Instant now) {
        return Build.read(() -> MarketRecords.commitment(in.fields(), caller, now));
    }

    /** Reads a stored commitment. */
    public static BaselineCommitment storedCommitment(JsonInput in) {
        return Build.read(() -> MarketRecords.storedCommitment(in.fields()));
    }

    /** The version of a stored commitment (records written before versions existed are version 1). */
    public static int commitmentVersion(JsonInput stored) {
        return MarketRecords.commitmentVersion(stored.fields());
    }

    /** A commitment as JSON, as version {@code version} of the home's baseline for the day. */
    public static Map<String, Object> commitment(BaselineCommitment c, String txId, int version) {
        return MarketRecords.commitment(c, txId, version);
    }

    /** Reads a reveal (the transient input, or the values the private collection keeps). */
    public static MarketRecords.Reveal reveal(JsonInput in) {
        return Build.read(() -> MarketRecords.reveal(in.fields()));
    }

    // ---- requests, offers, revocations, orders: the ledger contract's codec

    /** Reads a request input posted by {@code caller}. */
    public static FlexRequest request(JsonInput in, String caller) {
        return Build.read(() -> MarketRecords.request(in.fields(), caller));
    }

    /** Reads a stored request. */
    public static FlexRequest storedRequest(JsonInput in) {
        return Build.read(() -> MarketRecords.storedRequest(in.fields()));
    }

    /** A request as JSON. */
    public static Map<String, Object> request(FlexRequest r, Instant at, String txId) {
        return MarketRecords.request(r, at, txId);
    }

    /** Reads an offer input posted by {@code caller} (who is the aggregator unless the input names one). */
    public static FlexOffer offer(JsonInput in, String caller) {
        return Build.read(() -> MarketRecords.offer(in.fields(), caller));
    }

    /** Reads a stored offer. */
    public static FlexOffer storedOffer(JsonInput in) {
        return Build.read(() -> MarketRecords.storedOffer(in.fields()));
    }

    /** An offer as JSON. */
    public static Map<String, Object> offer(FlexOffer o, Instant at, String txId) {
        return MarketRecords.offer(o, at, txId);
    }

    /** Reads a revocation input by {@code caller}. */
    public static FlexOfferRevocation revocation(JsonInput in, String caller) {
        return Build.read(() -> MarketRecords.revocation(in.fields(), caller));
    }

    /** A revocation as JSON. */
    public static Map<String, Object> revocation(FlexOfferRevocation r, Instant at, String txId) {
        return MarketRecords.revocation(r, at, txId);
    }

    /** Reads an order input by {@code caller}. */
    public static FlexOrder order(JsonInput in, String caller) {
        return Build.read(() -> MarketRecords.order(in.fields(), caller));
    }

    /** Reads a stored order. */
    public static FlexOrder storedOrder(JsonInput in) {
        return Build.read(() -> MarketRecords.storedOrder(in.fields()));
    }

    /** An order as JSON, with what it buys (kW per slot, asset, cost) copied from its offer. */
    public static Map<String, Object> order(FlexOrder o, FlexOffer offer, Instant at, String txId) {
        return MarketRecords.order(o, offer, at, txId);
    }
}
