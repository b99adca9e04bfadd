package io.flexledger.chaincode.codec;

import io.flexledger.contract.codec.AnchorRecords;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.DisputeState;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.FlexSettlementState;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON of reading anchors, settlements (public record and private lines) and disputes. Inputs are
 * read strictly; every quantity is a decimal string at its unit's scale.
 */
public final class SettlementJson {
    /** Fields of an anchor. */
    public static final Set<String> ANCHOR_INPUT = Set.of("day", "aggregatorMsp", "rootHex", "leafCount");
    /** Fields of a settle request. */
    public static final Set<String> SETTLE_INPUT = Set.of("orderId", "readings");
    /** Fields of one presented reading: the signed reading and its Merkle proof. */
    public static final Set<String> READING_INPUT =
            Set.of("deviceId", "assetId", "day", "slot", "netKwh", "sequence", "signature", "proof");
    /** Fields of a Merkle proof. */
    public static final Set<String> PROOF_INPUT = Set.of("leafIndex", "leafCount", "siblings");
    /** Fields of a dispute. */
    public static final Set<String> DISPUTE_INPUT = Set.of("id", "settlementId", "reason", "evidenceHash", "claim");
    /** Fields of a dispute's claim: the corrected totals its opener states. */
    public static final Set<String> CLAIM_INPUT = Set.of("creditedKwh", "shortfallKwh", "netEur");
    /** Fields of a dispute's resolution. */
    public static final Set<String> RESOLUTION_INPUT = Set.of("id", "outcome", "note");

    private SettlementJson() {}

    // ---- anchors

    /** Reads an anchor (input or stored) by the ledger contract's codec. */
    public static ReadingAnchor anchor(JsonInput in) {
        return Build.read(() -> AnchorRecords.anchor(in.fields()));
    }

    /** An anchor as JSON, with who anchored it and when. */
    public static Map<String, Object> anchor(ReadingAnchor a, String anchoredBy, String at, String txId) {
        return AnchorRecords.anchor(a, anchoredBy, at, txId);
    }

    // ---- settle requests

    /** A reading as presented for settlement: signed by its device, with its path to the anchored root. */
    public record PresentedReading(SignedReading signed, MerkleProof proof, String path) {
        /** The reading itself. */
        public MeterReading reading() {
            return signed.reading();
        }
    }

    /** A settle request: the order and the readings of its slots. */
    public record SettleRequest(String orderId, List<PresentedReading> readings) {}

    /** Reads a settle request. */
    public static SettleRequest settleRequest(JsonInput in) {
        String orderId = in.string("orderId");
        List<JsonInput> items = in.objects("readings");
        in.done();
        List<PresentedReading> readings = new ArrayList<>();
        for (JsonInput r : items) {
            readings.add(presented(r.onlyFields(READING_INPUT)));
        }
        in.done();
        return new SettleRequest(orderId, readings);
    }

    /** Reads the presented readings of {@code in}'s field {@code readings}, each strictly. */
    static List<PresentedReading> readings(JsonInput in) {
        List<JsonInput> items = in.objects("readings");
        List<PresentedReading> readings = new ArrayList<>();
        if (items != null) {
            for (JsonInput r : items) {
                readings.add(presented(r.onlyFields(READING_INPUT)));
            }
        }
        return readings;
    }

    /** A presented reading as JSON, in the form it is presented: the signed reading and its proof. */
    public static Map<String, Object> presented(PresentedReading p) {
        MeterReading r = p.reading();
        Map<String, Object> proof = Fields.record();
        proof.put("leafIndex", p.proof().leafIndex());
        proof.put("leafCount", p.proof().leafCount());
        proof.put("siblings", p.proof().siblingsHex());
        Map<String, Object> m = Fields.record();
        m.put("deviceId", r.deviceId());
        m.put("assetId", r.assetId());
        m.put("day", r.day().toString());
        m.put("slot", r.slot());
        m.put("netKwh", r.netKwh().toString());
        m.put("sequence", r.sequence());
        m.put("signature", p.signed().signatureBase64());
        m.put("proof", proof);
        return m;
    }

    private static PresentedReading presented(JsonInput in) {
        String deviceId = in.string("deviceId");
        String assetId = in.string("assetId");
        LocalDate day = in.day("day");
        Integer slot = in.integer("slot");
        KilowattHours net = in.unit("netKwh", KilowattHours::new);
        Long sequence = in.longValue("sequence");
        String signature = in.string("signature");
        JsonInput p = in.object("proof");
        Integer leafIndex = null;
        Integer leafCount = null;
        List<String> siblings = null;
        if (p != null) {
            p.onlyFields(PROOF_INPUT);
            leafIndex = p.integer("leafIndex");
            leafCount = p.integer("leafCount");
            siblings = p.stringList("siblings");
        }
        in.done();
        MeterReading reading = Build.of(in, () -> new MeterReading(deviceId, assetId, day, slot, net, sequence));
        SignedReading signed = Build.of(in, () -> new SignedReading(reading, signature));
        int index = leafIndex;
        int count = leafCount;
        List<String> hashes = siblings;
        MerkleProof proof = Build.of(p, () -> new MerkleProof(index, count, hashes));
        return new PresentedReading(signed, proof, in.path());
    }

    // ---- settlements

    /** The private lines of a settlement, with the device and counter of the reading behind each. */
    public static Map<String, Object> details(FlexSettlement s, String activation, List<PresentedReading> bySlot) {
        Map<String, Object> m = Fields.record();
        m.put("id", s.id());
        m.put("orderId", s.orderId());
        m.put("assetId", s.assetId());
        m.put("day", s.day().toString());
        m.put("price", s.price().toString());
        m.put("activation", activation);
        m.put("penaltyFactor", s.penaltyFactor().toPlainString());
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            SettlementLine l = s.lines().get(i);
            PresentedReading r = bySlot.get(i);
            Map<String, Object> line = Fields.record();
            line.put("slot", l.slot());
            line.put("orderedKwh", l.orderedKwh().toString());
            line.put("baselineKwh", l.baselineKwh().toString());
            line.put("meteredKwh", l.meteredKwh().toString());
            line.put("deliveredKwh", l.deliveredKwh().toString());
            line.put("creditedKwh", l.creditedKwh().toString());
            line.put("shortfallKwh", l.shortfallKwh().toString());
            line.put("deviceId", r.reading().deviceId());
            line.put("sequence", r.reading().sequence());
            line.put("leafIndex", r.proof().leafIndex());
            lines.add(line);
        }
        m.put("lines", lines);
        return m;
    }

    /**
     * The public record of a settlement: who, what, the totals, and the hashes that tie it to the
     * anchored readings, the revealed baseline and the private lines.
     */
    public static Map<String, Object> settlement(
            FlexSettlement s, String anchorRootHex, String baselineHash, String detailsHash, String at, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("id", s.id());
        m.put("orderId", s.orderId());
        m.put("offerId", s.offerId());
        m.put("aggregatorMsp", s.aggregatorMsp());
        m.put("dsoMsp", s.dsoMsp());
        m.put("assetId", s.assetId());
        m.put("day", s.day().toString());
        m.put("creditedKwh", s.creditedKwh().toString());
        m.put("shortfallKwh", s.shortfallKwh().toString());
        m.put("paymentEur", s.paymentEur().toString());
        m.put("penaltyEur", s.penaltyEur().toString());
        m.put("netEur", s.netEur().toString());
        m.put("anchorRootHex", anchorRootHex);
        m.put("baselineHash", baselineHash);
        m.put("detailsHash", detailsHash);
        m.put("state", s.state().name());
        m.put("txId", txId);
        m.put("settledAt", at);
        return m;
    }

    /**
     * A stored public settlement record, kept as the fields it was stored with (each checked when read),
     * so that a state change rewrites the record with everything else unchanged.
     */
    public static final class StoredSettlement {
        /** How a stored field is checked when read. */
        private enum Kind {
            TEXT,
            KWH,
            EUR,
            STATE,
            OUTCOME
        }

        /** The fields every stored settlement has, as {@link #settlement} writes them. */
        private static final Map<String, Kind> WRITTEN = kinds(
                "id",
                Kind.TEXT,
                "orderId",
                Kind.TEXT,
                "offerId",
                Kind.TEXT,
                "aggregatorMsp",
                Kind.TEXT,
                "dsoMsp",
                Kind.TEXT,
                "assetId",
                Kind.TEXT,
                "day",
                Kind.TEXT,
                "creditedKwh",
                Kind.KWH,
                "shortfallKwh",
                Kind.KWH,
                "paymentEur",
                Kind.EUR,
                "penaltyEur",
                Kind.EUR,
                "netEur",
                Kind.EUR,
                "anchorRootHex",
                Kind.TEXT,
                "baselineHash",
                Kind.TEXT,
                "detailsHash",
                Kind.TEXT,
                "state",
                Kind.STATE,
                "txId",
                Kind.TEXT,
                "settledAt",
                Kind.TEXT);

        /** The fields a dispute adds (written as null until they have a value). */
        private static final Map<String, Kind> DISPUTE = kinds(
                "disputeId",
                Kind.TEXT,
                "disputeOutcome",
                Kind.OUTCOME,
                "originalNetEur",
                Kind.EUR,
                "updatedAt",
                Kind.TEXT);

        private final Map<String, Object> fields;

        private StoredSettlement(Map<String, Object> fields) {
            this.fields = fields;
        }

        private static Map<String, Kind> kinds(Object... pairs) {
            Map<String, Kind> m = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                m.put((String) pairs[i], (Kind) pairs[i + 1]);
            }
            return Collections.unmodifiableMap(m);
        }

        /** Reads a stored record: every written field present and well-formed, the dispute's when present. */
        static StoredSettlement read(JsonInput in) {
            Map<String, Object> m = Fields.record();
            WRITTEN.forEach((name, kind) -> m.put(name, value(in, name, kind)));
            DISPUTE.forEach((name, kind) -> {
                if (in.has(name)) {
                    m.put(name, value(in, name, kind));
                }
            });
            in.done();
            return new StoredSettlement(m);
        }

        private static String value(JsonInput in, String name, Kind kind) {
            Object v = switch (kind) {
                case TEXT -> in.string(name);
                case KWH -> in.unit(name, KilowattHours::new);
                case EUR -> in.unit(name, Euros::new);
                case STATE -> in.enumValue(name, FlexSettlementState.class);
                case OUTCOME -> in.enumValue(name, DisputeOutcome.class);
            };
            return v == null ? null : v instanceof Enum<?> e ? e.name() : v.toString();
        }

        private String text(String name) {
            return (String) fields.get(name);
        }

        public String id() {
            return text("id");
        }

        public String orderId() {
            return text("orderId");
        }

        public String aggregatorMsp() {
            return text("aggregatorMsp");
        }

        public String dsoMsp() {
            return text("dsoMsp");
        }

        public FlexSettlementState state() {
            return FlexSettlementState.valueOf(text("state"));
        }

        /** The open or last dispute, or null. */
        public String disputeId() {
            return text("disputeId");
        }

        public Euros netEur() {
            return new Euros(new BigDecimal(text("netEur")));
        }

        /** This record disputed by dispute {@code disputeId}. */
        public StoredSettlement disputed(String disputeId, String at, String txId) {
            return changed(FlexSettlementState.DISPUTED, txId, at, Map.of("disputeId", disputeId));
        }

        /**
         * This record resolved by {@code dispute}: when it was upheld the net becomes the one its opener
         * claimed (the settled one kept as {@code originalNetEur}); when rejected the net stands.
         */
        public StoredSettlement resolved(Dispute dispute, String at, String txId) {
            Map<String, Object> change = new HashMap<>();
            change.put("disputeOutcome", dispute.outcome().name());
            dispute.appliedNetEur().ifPresent(applied -> {
                change.put("netEur", applied.toString());
                change.put("originalNetEur", text("netEur"));
            });
            return changed(FlexSettlementState.RESOLVED, txId, at, change);
        }

        private StoredSettlement changed(FlexSettlementState next, String txId, String at, Map<String, Object> change) {
            Map<String, Object> m = Fields.record();
            m.putAll(fields);
            // A state change starts the dispute's fields afresh but for the dispute that caused it.
            m.put("disputeOutcome", null);
            m.put("originalNetEur", null);
            m.put("state", state().to(next).name());
            m.put("txId", txId);
            m.put("updatedAt", at);
            m.putAll(change);
            return new StoredSettlement(m);
        }

        /** As JSON: the written fields and the dispute's (null where they have no value). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = Fields.record();
            m.putAll(fields);
            DISPUTE.keySet().forEach(name -> m.putIfAbsent(name, null));
            return m;
        }
    }

    /** Reads a stored public settlement record. */
    public static StoredSettlement storedSettlement(JsonInput in) {
        return StoredSettlement.read(in);
    }

    // ---- disputes

    /** Reads a dispute input opened by {@code caller}, with the claim it states. */
    public static Dispute dispute(JsonInput in, String caller) {
        String id = in.string("id");
        String settlementId = in.string("settlementId");
        String reason = in.string("reason");
        String evidence = in.string("evidenceHash");
        JsonInput c = in.object("claim");
        DisputeClaim claim = c == null ? null : claim(c.onlyFields(CLAIM_INPUT));
        in.done();
        return Build.of(in, () -> Dispute.open(id, settlementId, caller, reason, evidence, claim));
    }

    private static DisputeClaim claim(JsonInput in) {
        KilowattHours credited = in.unit("creditedKwh", KilowattHours::new);
        KilowattHours shortfall = in.unit("shortfallKwh", KilowattHours::new);
        Euros net = in.unit("netEur", Euros::new);
        in.done();
        return Build.of(in, () -> new DisputeClaim(credited, shortfall, net));
    }

    /** A resolution input: which dispute, the outcome, an optional note. */
    public record Resolution(String id, DisputeOutcome outcome, String note) {}

    /** The amount fields a resolution input carries, in name order (none is allowed). */
    public static List<String> resolutionAmounts(JsonInput in) {
        return Dispute.RESOLUTION_AMOUNTS.stream().filter(in::has).sorted().toList();
    }

    /** Reads a resolution input. */
    public static Resolution resolution(JsonInput in) {
        String id = in.string("id");
        DisputeOutcome outcome = in.enumValue("outcome", DisputeOutcome.class);
        String note = in.optionalString("note");
        in.done();
        return new Resolution(id, outcome, note);
    }

    /** Applies a resolution to an open dispute, refusing inconsistent fields with their JSON path. */
    public static Dispute resolve(JsonInput in, Dispute open, Resolution r) {
        return Build.of(in, () -> open.resolve(r.outcome(), r.note()));
    }

    /** A dispute as JSON, with the two parties of its settlement. */
    public static Map<String, Object> dispute(
            Dispute d,
            String dsoMsp,
            String aggregatorMsp,
            String openedAt,
            String resolvedBy,
            String resolvedAt,
            String txId) {
        Map<String, Object> m = Fields.record();
        m.put("id", d.id());
        m.put("settlementId", d.settlementId());
        m.put("openedBy", d.openedBy());
        m.put("reason", d.reason());
        m.put("evidenceHash", d.evidenceHash());
        m.put("state", d.state().name());
        m.put("outcome", d.outcome() == null ? null : d.outcome().name());
        m.put("note", d.note());
        m.put("claim", d.claim() == null ? null : claim(d.claim()));
        m.put("dsoMsp", dsoMsp);
        m.put("aggregatorMsp", aggregatorMsp);
        m.put("openedAt", openedAt);
        m.put("resolvedBy", resolvedBy);
        m.put("resolvedAt", resolvedAt);
        m.put("txId", txId);
        return m;
    }

    /** A claim as JSON. */
    public static Map<String, Object> claim(DisputeClaim c) {
        Map<String, Object> m = Fields.record();
        m.put("creditedKwh", c.creditedKwh().toString());
        m.put("shortfallKwh", c.shortfallKwh().toString());
        m.put("netEur", c.netEur().toString());
        return m;
    }

    /** A stored dispute with the fields kept beside the domain record. */
    public record StoredDispute(Dispute dispute, String dsoMsp, String aggregatorMsp, String openedAt) {}

    /**
     * Reads a stored dispute. A dispute recorded before disputes stated figures has no {@code claim}
     * (and, if it was upheld then, the resolver's {@code adjustedNetEur}, which is left unread): it
     * still decodes, so that it can be read, and rejected while open.
     */
    public static StoredDispute storedDispute(JsonInput in) {
        String id = in.string("id");
        String settlementId = in.string("settlementId");
        String openedBy = in.string("openedBy");
        String reason = in.string("reason");
        String evidence = in.string("evidenceHash");
        DisputeClaim claim = in.has("claim") ? claim(in.object("claim")) : null;
        DisputeState state = in.enumValue("state", DisputeState.class);
        DisputeOutcome outcome = in.has("outcome") ? in.enumValue("outcome", DisputeOutcome.class) : null;
        String note = in.optionalString("note");
        String dso = in.string("dsoMsp");
        String aggregator = in.string("aggregatorMsp");
        String openedAt = in.string("openedAt");
        in.done();
        Dispute d = Build.of(
                in, () -> new Dispute(id, settlementId, openedBy, reason, evidence, claim, state, outcome, note));
        return new StoredDispute(d, dso, aggregator, openedAt);
    }
}
