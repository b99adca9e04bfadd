package io.flexledger.contract.codec;

import io.flexledger.contract.Baselines;
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
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The one codec of the market's ledger records (baseline commitments, requests, offers, revocations,
 * orders): domain record to the map {@link CanonicalJson} writes, and JSON read by {@link JsonFields}
 * (an input or a stored record) to the domain record. Stored records carry the transaction id and time
 * that created or last changed them. A field at fault is reported to the reader's problems; a record the
 * domain refuses throws its {@code ValidationException} with paths under the object's path.
 */
public final class MarketRecords {
    /** The market calendar of the ledger (zone, slot length, gate closure). */
    public static final MarketRules RULES = MarketRules.DEFAULT;

    private MarketRecords() {}

    // ---- baseline commitments

    /** A commitment input; {@code caller} becomes the committing aggregator, committed {@code now}. */
    public static BaselineCommitment commitment(JsonFields in, String caller, Instant now) {
        String assetId = in.string("assetId");
        LocalDate day = in.day("day");
        String hash = in.string("hashHex");
        return in.build(
                () -> new BaselineCommitment(assetId, caller, RULES.period(day), hash, now, BaselineState.COMMITTED));
    }

    /** A commitment's input, as {@link #commitment(JsonFields, String, Instant)} reads it. */
    public static Map<String, Object> commitmentInput(BaselineCommitment c) {
        Map<String, Object> m = record();
        m.put("assetId", c.assetId());
        m.put("day", c.period().day().toString());
        m.put("hashHex", c.hashHex());
        return m;
    }

    /** A revealed baseline and the salt that hashes it to its commitment. */
    public record Reveal(Baseline baseline, String salt) {}

    /** A reveal {@code {assetId, day, kwBySlot: [one kW per slot], salt}}, the salt checked too. */
    public static Reveal reveal(JsonFields in) {
        String assetId = in.string("assetId");
        LocalDate day = in.day("day");
        List<Kilowatts> kw = in.kwList("kwBySlot");
        String salt = in.string("salt");
        Baseline b = in.build(() -> new Baseline(assetId, day == null ? null : RULES.period(day), kw));
        in.build(() -> {
            Baseline.checkSalt(salt);
            return salt;
        });
        return new Reveal(b, salt);
    }

    /** A reveal's input (transient field {@code baseline}), as the chaincode keeps it in private data too. */
    public static Map<String, Object> revealInput(Reveal r) {
        Map<String, Object> m = record();
        m.put("assetId", r.baseline().assetId());
        m.put("day", r.baseline().period().day().toString());
        m.put(
                "kwBySlot",
                r.baseline().kwBySlot().stream().map(Kilowatts::toString).toList());
        m.put("salt", r.salt());
        return m;
    }

    /** A stored commitment. */
    public static BaselineCommitment storedCommitment(JsonFields in) {
        String assetId = in.string("assetId");
        String aggregator = in.string("aggregatorMsp");
        LocalDate day = in.day("day");
        String hash = in.string("hashHex");
        Instant at = in.instant("committedAt");
        BaselineState state = in.enumValue("state", BaselineState.class);
        return in.build(() -> new BaselineCommitment(assetId, aggregator, RULES.period(day), hash, at, state));
    }

    /** The version of a stored commitment (records written before versions existed are version 1). */
    public static int commitmentVersion(JsonFields stored) {
        return stored.has("version") ? stored.integer("version") : 1;
    }

    /** A commitment as JSON, as version {@code version} of the home's baseline for the day. */
    public static Map<String, Object> commitment(BaselineCommitment c, String txId, int version) {
        return commitment(new StoredCommitment(c, txId, version, null));
    }

    /**
     * A home's baseline commitment of a day as the ledger stores it: the day's record ({@code
     * baselines:ReadBaseline}) or one of its versions ({@code baselines:ListBaselineVersions}).
     *
     * @param commitment the commitment, in its stored state
     * @param txId the transaction that wrote the record
     * @param version its version (1, 2, ...); null on a record written before versions existed (version 1)
     * @param revealedAt when it was revealed: present exactly on a revealed day's record
     */
    public record StoredCommitment(BaselineCommitment commitment, String txId, Integer version, Instant revealedAt) {
        public StoredCommitment {
            // Only the reveal writes its time, and it writes the REVEALED state with it.
            if ((revealedAt != null) != (commitment.state() == BaselineState.REVEALED)) {
                throw new ValidationException(
                        "revealedAt", "must be present exactly when the state is " + BaselineState.REVEALED);
            }
            if (version != null && version < 1) {
                throw new ValidationException("version", "must be at least 1");
            }
        }

        /** The version it is: records written before versions existed are version 1. */
        public int versionNumber() {
            return version == null ? 1 : version;
        }
    }

    /** The fields of a stored commitment. */
    public static final Set<String> COMMITMENT_RECORD_FIELDS = union(
            Baselines.COMMITMENT_FIELDS,
            Set.of("aggregatorMsp", "committedAt", "state", "txId", "version", "revealedAt"));

    /** A stored commitment record, every field it holds, as {@link #commitment(StoredCommitment)} writes it. */
    public static StoredCommitment storedCommitmentRecord(JsonFields in) {
        in.onlyFields(COMMITMENT_RECORD_FIELDS);
        BaselineCommitment c = storedCommitment(in);
        String txId = in.string("txId");
        Integer version = in.has("version") ? in.integer("version") : null;
        Instant revealedAt = in.has("revealedAt") ? in.instant("revealedAt") : null;
        return in.build(() -> new StoredCommitment(c, txId, version, revealedAt));
    }

    /** A stored commitment as JSON: the commitment, its transaction, version and, once revealed, when. */
    public static Map<String, Object> commitment(StoredCommitment s) {
        BaselineCommitment c = s.commitment();
        Map<String, Object> m = record();
        m.put("assetId", c.assetId());
        m.put("aggregatorMsp", c.aggregatorMsp());
        m.put("day", c.period().day().toString());
        m.put("hashHex", c.hashHex());
        m.put("committedAt", instant(c.committedAt()));
        m.put("state", c.state().name());
        m.put("txId", s.txId());
        m.put("version", s.version());
        m.put("revealedAt", instant(s.revealedAt()));
        return m;
    }

    /**
     * A revealed baseline as the private collection the aggregator shares with the DSO keeps it ({@code
     * baselines:ReadBaselineValues}), only {@link Baselines#REVEAL_FIELDS}; written by {@link #revealInput}.
     */
    public static Reveal storedReveal(JsonFields in) {
        in.onlyFields(Baselines.REVEAL_FIELDS);
        return reveal(in);
    }

    // ---- requests

    /** A request input posted by {@code caller} (the DSO unless the input names one). */
    public static FlexRequest request(JsonFields in, String caller) {
        String id = in.string("id");
        String dso = in.has("dsoMsp") ? in.string("dsoMsp") : caller;
        String cp = in.string("congestionPointId");
        MarketPeriod period = period(in);
        SortedMap<Integer, Kilowatts> kw = in.kwBySlot("kwBySlot");
        EurosPerKwh penalty = in.unit("unservedPenalty", EurosPerKwh::new);
        return in.build(() -> new FlexRequest(id, dso, cp, period, kw, penalty, FlexRequestState.OPEN));
    }

    /**
     * A request as {@code requests:CreateRequest} takes it ({@link #request(JsonFields, String)} reads it
     * back); a new request is open, so its state is not part of the input.
     */
    public static Map<String, Object> requestInput(FlexRequest r) {
        Map<String, Object> m = record();
        m.put("id", r.id());
        m.put("dsoMsp", r.dsoMsp());
        m.put("congestionPointId", r.congestionPointId());
        m.put("day", r.period().day().toString());
        m.put("kwBySlot", kwBySlot(r.kwBySlot()));
        m.put("unservedPenalty", r.unservedPenalty().toString());
        return m;
    }

    /** A stored request. */
    public static FlexRequest storedRequest(JsonFields in) {
        FlexRequestState state = in.enumValue("state", FlexRequestState.class);
        FlexRequest r = request(in, null);
        return state == FlexRequestState.OPEN ? r : r.withState(state);
    }

    /**
     * A request as the ledger stores it: the request and the time and transaction of its last change.
     *
     * @param request the request, in its stored state
     * @param updatedAt when it last changed
     * @param txId the transaction that last changed it
     */
    public record StoredRequest(FlexRequest request, Instant updatedAt, String txId) {}

    /** The fields of a stored request: the input's, its state and its last change. */
    public static final Set<String> REQUEST_RECORD_FIELDS =
            union(Requests.REQUEST_FIELDS, Set.of("state", "updatedAt", "txId"));

    /** A stored request record, every field it holds, as {@link #request(StoredRequest)} writes it. */
    public static StoredRequest storedRequestRecord(JsonFields in) {
        in.onlyFields(REQUEST_RECORD_FIELDS);
        FlexRequest request = storedRequest(in);
        Instant at = in.instant("updatedAt");
        String txId = in.string("txId");
        return in.build(() -> new StoredRequest(request, at, txId));
    }

    /** A stored request as JSON. */
    public static Map<String, Object> request(StoredRequest r) {
        return request(r.request(), r.updatedAt(), r.txId());
    }

    /** A request as JSON. */
    public static Map<String, Object> request(FlexRequest r, Instant at, String txId) {
        Map<String, Object> m = record();
        m.put("id", r.id());
        m.put("dsoMsp", r.dsoMsp());
        m.put("congestionPointId", r.congestionPointId());
        m.put("day", r.period().day().toString());
        m.put("kwBySlot", kwBySlot(r.kwBySlot()));
        m.put("unservedPenalty", r.unservedPenalty().toString());
        m.put("state", r.state().name());
        m.put("updatedAt", instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- offers

    /** An offer input posted by {@code caller} (who is the aggregator unless the input names one). */
    public static FlexOffer offer(JsonFields in, String caller) {
        String id = in.string("id");
        String aggregator = in.has("aggregatorMsp") ? in.string("aggregatorMsp") : caller;
        String cp = in.string("congestionPointId");
        String asset = in.string("assetId");
        MarketPeriod period = period(in);
        String request = in.optionalString("requestId");
        SortedMap<Integer, Kilowatts> kw = in.kwBySlot("kwBySlot");
        EurosPerKwh price = in.unit("price", EurosPerKwh::new);
        BigDecimal min = in.decimal("minActivation");
        return in.build(() ->
                new FlexOffer(id, aggregator, cp, asset, period, request, kw, price, min, FlexOfferState.OFFERED));
    }

    /**
     * An offer as {@code offers:CreateOffer} takes it ({@link #offer(JsonFields, String)} reads it back); a
     * new offer is offered, so its state is not part of the input, nor is an absent request.
     */
    public static Map<String, Object> offerInput(FlexOffer o) {
        Map<String, Object> m = record();
        m.put("id", o.id());
        m.put("aggregatorMsp", o.aggregatorMsp());
        m.put("congestionPointId", o.congestionPointId());
        m.put("assetId", o.assetId());
        m.put("day", o.period().day().toString());
        m.put("requestId", o.requestId());
        m.put("kwBySlot", kwBySlot(o.kwBySlot()));
        m.put("price", o.price().toString());
        m.put("minActivation", o.minActivation().toPlainString());
        return m;
    }

    /** A stored offer. */
    public static FlexOffer storedOffer(JsonFields in) {
        FlexOfferState state = in.enumValue("state", FlexOfferState.class);
        FlexOffer o = offer(in, null);
        return state == FlexOfferState.OFFERED ? o : o.withState(state);
    }

    /**
     * An offer as the ledger stores it: the offer and the time and transaction of its last change.
     *
     * @param offer the offer, in its stored state
     * @param updatedAt when it last changed
     * @param txId the transaction that last changed it
     */
    public record StoredOffer(FlexOffer offer, Instant updatedAt, String txId) {}

    /** The fields of a stored offer: the input's, its state and its last change. */
    public static final Set<String> OFFER_RECORD_FIELDS =
            union(Offers.OFFER_FIELDS, Set.of("state", "updatedAt", "txId"));

    /** A stored offer record, every field it holds, as {@link #offer(StoredOffer)} writes it. */
    public static StoredOffer storedOfferRecord(JsonFields in) {
        in.onlyFields(OFFER_RECORD_FIELDS);
        FlexOffer offer = storedOffer(in);
        Instant at = in.instant("updatedAt");
        String txId = in.string("txId");
        return in.build(() -> new StoredOffer(offer, at, txId));
    }

    /** A stored offer as JSON. */
    public static Map<String, Object> offer(StoredOffer o) {
        return offer(o.offer(), o.updatedAt(), o.txId());
    }

    /** An offer as JSON. */
    public static Map<String, Object> offer(FlexOffer o, Instant at, String txId) {
        Map<String, Object> m = record();
        m.put("id", o.id());
        m.put("aggregatorMsp", o.aggregatorMsp());
        m.put("congestionPointId", o.congestionPointId());
        m.put("assetId", o.assetId());
        m.put("day", o.period().day().toString());
        m.put("requestId", o.requestId());
        m.put("kwBySlot", kwBySlot(o.kwBySlot()));
        m.put("price", o.price().toString());
        m.put("minActivation", o.minActivation().toPlainString());
        m.put("state", o.state().name());
        m.put("updatedAt", instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- revocations

    /** A revocation input by {@code caller}. */
    public static FlexOfferRevocation revocation(JsonFields in, String caller) {
        String offerId = in.string("offerId");
        String reason = in.string("reason");
        return in.build(() -> new FlexOfferRevocation(offerId, caller, reason));
    }

    /**
     * A revocation as {@code revocations:RevokeOffer} takes it ({@link #revocation(JsonFields, String)} reads
     * it back): the revoking aggregator is the caller, not part of the input.
     */
    public static Map<String, Object> revocationInput(FlexOfferRevocation r) {
        Map<String, Object> m = record();
        m.put("offerId", r.offerId());
        m.put("reason", r.reason());
        return m;
    }

    /**
     * A revocation as the ledger stores it.
     *
     * @param revocation the revocation, its aggregator the one that signed it
     * @param revokedAt when the offer was revoked
     * @param txId the transaction that revoked it
     */
    public record StoredRevocation(FlexOfferRevocation revocation, Instant revokedAt, String txId) {}

    /** The fields of a stored revocation. */
    public static final Set<String> REVOCATION_RECORD_FIELDS =
            Set.of("offerId", "aggregatorMsp", "reason", "revokedAt", "txId");

    /** A stored revocation record, every field it holds, as {@link #revocation(StoredRevocation)} writes it. */
    public static StoredRevocation storedRevocationRecord(JsonFields in) {
        in.onlyFields(REVOCATION_RECORD_FIELDS);
        String aggregator = in.string("aggregatorMsp");
        FlexOfferRevocation revocation = revocation(in, aggregator);
        Instant at = in.instant("revokedAt");
        String txId = in.string("txId");
        return in.build(() -> new StoredRevocation(revocation, at, txId));
    }

    /** A stored revocation as JSON. */
    public static Map<String, Object> revocation(StoredRevocation r) {
        return revocation(r.revocation(), r.revokedAt(), r.txId());
    }

    /** A revocation as JSON. */
    public static Map<String, Object> revocation(FlexOfferRevocation r, Instant at, String txId) {
        Map<String, Object> m = record();
        m.put("offerId", r.offerId());
        m.put("aggregatorMsp", r.aggregatorMsp());
        m.put("reason", r.reason());
        m.put("revokedAt", instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- orders

    /** An order input by {@code caller}. */
    public static FlexOrder order(JsonFields in, String caller) {
        String id = in.string("id");
        String offerId = in.string("offerId");
        BigDecimal activation = in.decimal("activation");
        return in.build(() -> new FlexOrder(id, caller, offerId, activation, FlexOrderState.ACCEPTED));
    }

    /**
     * An order as {@code orders:CreateOrder} takes it ({@link #order(JsonFields, String)} reads it back): the
     * ordering DSO is the caller and a new order is accepted, so neither is part of the input.
     */
    public static Map<String, Object> orderInput(FlexOrder o) {
        Map<String, Object> m = record();
        m.put("id", o.id());
        m.put("offerId", o.offerId());
        m.put("activation", o.activation().toPlainString());
        return m;
    }

    /** A stored order. */
    public static FlexOrder storedOrder(JsonFields in) {
        String dso = in.string("dsoMsp");
        FlexOrderState state = in.enumValue("state", FlexOrderState.class);
        FlexOrder o = order(in, dso);
        return new FlexOrder(o.id(), o.dsoMsp(), o.offerId(), o.activation(), state);
    }

    /**
     * An order as the ledger stores it: the order and what it buys, copied from its offer when it was placed,
     * the time and transaction of its last change and, once settled, its settlement.
     *
     * @param kwBySlot the kW ordered per slot (activation applied)
     * @param cost what the order costs (EUR)
     * @param day the day of its offer
     * @param updatedAt when it last changed
     * @param txId the transaction that last changed it
     * @param settlementId its settlement, once settled (written by the settlement contract); else null
     */
    public record StoredOrder(
            FlexOrder order,
            String aggregatorMsp,
            String assetId,
            String congestionPointId,
            SortedMap<Integer, Kilowatts> kwBySlot,
            BigDecimal cost,
            LocalDate day,
            Instant updatedAt,
            String txId,
            String settlementId) {
        public StoredOrder {
            kwBySlot = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(kwBySlot));
        }

        /** The energy ordered (kWh), exact. */
        public BigDecimal kwh() {
            return MarketRecords.kwh(kwBySlot);
        }

        /** The same order, settled by {@code settlementId}: what the settlement contract writes. */
        public StoredOrder settledBy(String settlementId) {
            return new StoredOrder(
                    order,
                    aggregatorMsp,
                    assetId,
                    congestionPointId,
                    kwBySlot,
                    cost,
                    day,
                    updatedAt,
                    txId,
                    settlementId);
        }
    }

    /** The fields of a stored order: the input's, what it buys, its state, its last change and its settlement. */
    public static final Set<String> ORDER_RECORD_FIELDS = union(
            Orders.ORDER_FIELDS,
            Set.of(
                    "dsoMsp",
                    "aggregatorMsp",
                    "assetId",
                    "congestionPointId",
                    "day",
                    "kwBySlot",
                    "cost",
                    "state",
                    "updatedAt",
                    "txId",
                    "settlementId"));

    /** Order {@code o} of {@code offer} as stored when it changed at {@code at} in {@code txId}, not settled. */
    public static StoredOrder storedOrder(FlexOrder o, FlexOffer offer, Instant at, String txId) {
        return new StoredOrder(
                o,
                offer.aggregatorMsp(),
                offer.assetId(),
                offer.congestionPointId(),
                o.orderedKw(offer),
                o.cost(offer).value(),
                offer.period().day(),
                at,
                txId,
                null);
    }

    /** Hours per 15-minute slot: a slot's kWh is its kW times this. */
    private static final BigDecimal HOURS_PER_SLOT = new BigDecimal("0.25");

    /** The energy (kWh) of kW per 15-minute slot, exact. */
    public static BigDecimal kwh(SortedMap<Integer, Kilowatts> kwBySlot) {
        BigDecimal kwh = BigDecimal.ZERO;
        for (Kilowatts kw : kwBySlot.values()) {
            kwh = kwh.add(kw.value().multiply(HOURS_PER_SLOT));
        }
        return kwh;
    }

    /**
     * A stored order record with what it buys, its last change and its settlement if any, as {@link
     * #order(StoredOrder)} writes it (fields it does not write are left to the caller to refuse).
     */
    public static StoredOrder storedOrderRecord(JsonFields in) {
        FlexOrder order = storedOrder(in);
        String aggregatorMsp = in.string("aggregatorMsp");
        String assetId = in.string("assetId");
        String congestionPointId = in.string("congestionPointId");
        SortedMap<Integer, Kilowatts> kw = in.kwBySlot("kwBySlot");
        BigDecimal cost = in.decimal("cost");
        LocalDate day = in.day("day");
        Instant at = in.instant("updatedAt");
        String txId = in.string("txId");
        String settlementId = in.optionalString("settlementId");
        return in.build(() -> new StoredOrder(
                order, aggregatorMsp, assetId, congestionPointId, kw, cost, day, at, txId, settlementId));
    }

    /** An order as JSON, with what it buys (kW per slot, asset, cost) copied from its offer. */
    public static Map<String, Object> order(FlexOrder o, FlexOffer offer, Instant at, String txId) {
        return order(storedOrder(o, offer, at, txId));
    }

    /** A stored order as JSON: the order, what it buys, its last change and, once settled, its settlement. */
    public static Map<String, Object> order(StoredOrder s) {
        FlexOrder o = s.order();
        Map<String, Object> m = record();
        m.put("id", o.id());
        m.put("dsoMsp", o.dsoMsp());
        m.put("offerId", o.offerId());
        m.put("activation", o.activation().toPlainString());
        m.put("aggregatorMsp", s.aggregatorMsp());
        m.put("assetId", s.assetId());
        m.put("congestionPointId", s.congestionPointId());
        m.put("day", s.day().toString());
        m.put("kwBySlot", kwBySlot(s.kwBySlot()));
        m.put("cost", s.cost().toPlainString());
        m.put("state", o.state().name());
        m.put("updatedAt", instant(s.updatedAt()));
        m.put("txId", s.txId());
        m.put("settlementId", s.settlementId());
        return m;
    }

    // ---- shared

    /** A stored record's text read strictly, its problems thrown at once. */
    public static JsonFields stored(String json) {
        return JsonFields.parse(json, JsonReader.Limits.LEDGER, JsonFields.throwing());
    }

    /** A new map to fill (order is irrelevant: the writer sorts keys). */
    public static Map<String, Object> record() {
        return new LinkedHashMap<>();
    }

    /** kW per slot as {@code {"68":"2.000",...}}. */
    public static Map<String, Object> kwBySlot(SortedMap<Integer, Kilowatts> kw) {
        Map<String, Object> out = new LinkedHashMap<>();
        kw.forEach((slot, value) -> out.put(Integer.toString(slot), value.toString()));
        return out;
    }

    /** An instant as ISO-8601 UTC text. */
    public static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static MarketPeriod period(JsonFields in) {
        LocalDate day = in.day("day");
        return day == null ? null : RULES.period(day);
    }
}
