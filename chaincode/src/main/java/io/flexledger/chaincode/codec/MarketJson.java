package io.flexledger.chaincode.codec;

import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * JSON of the market's records (baselines, requests, offers, revocations, orders). Inputs are read
 * strictly; stored records carry the transaction id and time that created or last changed them.
 */
public final class MarketJson {
    /** The market calendar the chaincode enforces (zone, slot length, gate closure). */
    public static final MarketRules RULES = MarketRules.DEFAULT;

    /** Fields of a baseline commitment. */
    public static final Set<String> COMMIT_INPUT = Set.of("assetId", "day", "hashHex");
    /** Fields of a baseline reveal (transient field {@code baseline}). */
    public static final Set<String> REVEAL_INPUT = Set.of("assetId", "day", "kwBySlot", "salt");
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
        String assetId = in.string("assetId");
        LocalDate day = in.day("day");
        String hash = in.string("hashHex");
        in.done();
        return Build.of(
                in,
                () -> new BaselineCommitment(assetId, caller, RULES.period(day), hash, now, BaselineState.COMMITTED));
    }

    /** Reads a stored commitment. */
    public static BaselineCommitment storedCommitment(JsonInput in) {
        String assetId = in.string("assetId");
        String aggregator = in.string("aggregatorMsp");
        LocalDate day = in.day("day");
        String hash = in.string("hashHex");
        Instant at = instant(in, "committedAt");
        BaselineState state = in.enumValue("state", BaselineState.class);
        in.done();
        return Build.of(in, () -> new BaselineCommitment(assetId, aggregator, RULES.period(day), hash, at, state));
    }

    /** The version of a stored commitment (records written before versions existed are version 1). */
    public static int commitmentVersion(JsonInput stored) {
        return stored.has("version") ? stored.integer("version") : 1;
    }

    /** A commitment as JSON, as version {@code version} of the home's baseline for the day. */
    public static Map<String, Object> commitment(BaselineCommitment c, String txId, int version) {
        Map<String, Object> m = Fields.record();
        m.put("assetId", c.assetId());
        m.put("aggregatorMsp", c.aggregatorMsp());
        m.put("day", c.period().day().toString());
        m.put("hashHex", c.hashHex());
        m.put("committedAt", Fields.instant(c.committedAt()));
        m.put("state", c.state().name());
        m.put("txId", txId);
        m.put("version", version);
        return m;
    }

    /** A revealed baseline: the values and the salt they were hashed with. */
    public record Reveal(Baseline baseline, String salt) {}

    /** Reads a reveal (transient). */
    public static Reveal reveal(JsonInput in) {
        String assetId = in.string("assetId");
        LocalDate day = in.day("day");
        List<Kilowatts> kw = in.kwList("kwBySlot");
        String salt = in.string("salt");
        in.done();
        Baseline b = Build.of(in, () -> new Baseline(assetId, RULES.period(day), kw));
        Build.of(in, () -> {
            Baseline.checkSalt(salt);
            return salt;
        });
        return new Reveal(b, salt);
    }

    /** A baseline's values as private JSON. */
    public static Map<String, Object> baseline(Reveal r) {
        Map<String, Object> m = Fields.record();
        m.put("assetId", r.baseline().assetId());
        m.put("day", r.baseline().period().day().toString());
        m.put("kwBySlot", Fields.kwList(r.baseline().kwBySlot()));
        m.put("salt", r.salt());
        return m;
    }

    // ---- requests

    /** Reads a request input posted by {@code caller}. */
    public static FlexRequest request(JsonInput in, String caller) {
        String id = in.string("id");
        String dso = in.has("dsoMsp") ? in.string("dsoMsp") : caller;
        String cp = in.string("congestionPointId");
        MarketPeriod period = period(in);
        SortedMap<Integer, Kilowatts> kw = in.kwBySlot("kwBySlot");
        EurosPerKwh penalty = in.unit("unservedPenalty", EurosPerKwh::new);
        in.done();
        return Build.of(in, () -> new FlexRequest(id, dso, cp, period, kw, penalty, FlexRequestState.OPEN));
    }

    /** Reads a stored request. */
    public static FlexRequest storedRequest(JsonInput in) {
        FlexRequestState state = in.enumValue("state", FlexRequestState.class);
        FlexRequest r = request(in, null);
        return state == FlexRequestState.OPEN ? r : r.withState(state);
    }

    /** A request as JSON. */
    public static Map<String, Object> request(FlexRequest r, Instant at, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("id", r.id());
        m.put("dsoMsp", r.dsoMsp());
        m.put("congestionPointId", r.congestionPointId());
        m.put("day", r.period().day().toString());
        m.put("kwBySlot", Fields.kwBySlot(r.kwBySlot()));
        m.put("unservedPenalty", r.unservedPenalty().toString());
        m.put("state", r.state().name());
        m.put("updatedAt", Fields.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- offers

    /** Reads an offer input posted by {@code caller} (who is the aggregator unless the input names one). */
    public static FlexOffer offer(JsonInput in, String caller) {
        String id = in.string("id");
        String aggregator = in.has("aggregatorMsp") ? in.string("aggregatorMsp") : caller;
        String cp = in.string("congestionPointId");
        String asset = in.string("assetId");
        MarketPeriod period = period(in);
        String request = in.optionalString("requestId");
        SortedMap<Integer, Kilowatts> kw = in.kwBySlot("kwBySlot");
        EurosPerKwh price = in.unit("price", EurosPerKwh::new);
        BigDecimal min = in.decimal("minActivation");
        in.done();
        return Build.of(
                in,
                () -> new FlexOffer(
                        id, aggregator, cp, asset, period, request, kw, price, min, FlexOfferState.OFFERED));
    }

    /** Reads a stored offer. */
    public static FlexOffer storedOffer(JsonInput in) {
        FlexOfferState state = in.enumValue("state", FlexOfferState.class);
        FlexOffer o = offer(in, null);
        return state == FlexOfferState.OFFERED ? o : o.withState(state);
    }

    /** An offer as JSON. */
    public static Map<String, Object> offer(FlexOffer o, Instant at, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("id", o.id());
        m.put("aggregatorMsp", o.aggregatorMsp());
        m.put("congestionPointId", o.congestionPointId());
        m.put("assetId", o.assetId());
        m.put("day", o.period().day().toString());
        m.put("requestId", o.requestId());
        m.put("kwBySlot", Fields.kwBySlot(o.kwBySlot()));
        m.put("price", o.price().toString());
        m.put("minActivation", o.minActivation().toPlainString());
        m.put("state", o.state().name());
        m.put("updatedAt", Fields.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- revocations

    /** Reads a revocation input by {@code caller}. */
    public static FlexOfferRevocation revocation(JsonInput in, String caller) {
        String offerId = in.string("offerId");
        String reason = in.string("reason");
        in.done();
        return Build.of(in, () -> new FlexOfferRevocation(offerId, caller, reason));
    }

    /** A revocation as JSON. */
    public static Map<String, Object> revocation(FlexOfferRevocation r, Instant at, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("offerId", r.offerId());
        m.put("aggregatorMsp", r.aggregatorMsp());
        m.put("reason", r.reason());
        m.put("revokedAt", Fields.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- orders

    /** Reads an order input by {@code caller}. */
    public static FlexOrder order(JsonInput in, String caller) {
        String id = in.string("id");
        String offerId = in.string("offerId");
        BigDecimal activation = in.decimal("activation");
        in.done();
        return Build.of(in, () -> new FlexOrder(id, caller, offerId, activation, FlexOrderState.ACCEPTED));
    }

    /** Reads a stored order. */
    public static FlexOrder storedOrder(JsonInput in) {
        String dso = in.string("dsoMsp");
        FlexOrderState state = in.enumValue("state", FlexOrderState.class);
        FlexOrder o = order(in, dso);
        return new FlexOrder(o.id(), o.dsoMsp(), o.offerId(), o.activation(), state);
    }

    /** An order as JSON, with what it buys (kW per slot, asset, cost) copied from its offer. */
    public static Map<String, Object> order(FlexOrder o, FlexOffer offer, Instant at, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("id", o.id());
        m.put("dsoMsp", o.dsoMsp());
        m.put("offerId", o.offerId());
        m.put("activation", o.activation().toPlainString());
        m.put("aggregatorMsp", offer.aggregatorMsp());
        m.put("assetId", offer.assetId());
        m.put("congestionPointId", offer.congestionPointId());
        m.put("day", offer.period().day().toString());
        m.put("kwBySlot", Fields.kwBySlot(o.orderedKw(offer)));
        m.put("cost", o.cost(offer).toString());
        m.put("state", o.state().name());
        m.put("updatedAt", Fields.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- shared

    private static MarketPeriod period(JsonInput in) {
        LocalDate day = in.day("day");
        return day == null ? null : RULES.period(day);
    }

    private static Instant instant(JsonInput in, String name) {
        String s = in.string(name);
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            in.violations().check(false, in.at(name), "must be an ISO-8601 instant");
            return null;
        }
    }
}
