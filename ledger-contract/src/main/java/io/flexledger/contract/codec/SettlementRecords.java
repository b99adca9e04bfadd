package io.flexledger.contract.codec;

import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.DisputeState;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.FlexSettlementState;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one codec of the settle leg's ledger records (decision 0010): a signed reading presented with its
 * Merkle proof, a settlement's public record and private lines, and disputes with their claims. Domain
 * records in, the map {@link CanonicalJson} writes out; JSON read by {@link JsonFields} (input or stored)
 * back to domain records, a field at fault reported to the reader's problems and a record the domain
 * refuses thrown as its {@code ValidationException} with paths under the object's path.
 */
public final class SettlementRecords {
    /** Fields of one presented reading: the signed reading and its Merkle proof. */
    public static final Set<String> READING_FIELDS =
            Set.of("deviceId", "assetId", "day", "slot", "netKwh", "sequence", "signature", "proof");
    /** Fields of a Merkle proof. */
    public static final Set<String> PROOF_FIELDS = Set.of("leafIndex", "leafCount", "siblings");
    /** Fields of a dispute's claim: the corrected totals its opener states. */
    public static final Set<String> CLAIM_FIELDS = Set.of("creditedKwh", "shortfallKwh", "netEur");

    private SettlementRecords() {}

    // ---- presented readings

    /** A signed reading with its path to an anchored Merkle root. */
    public record ProvenReading(SignedReading signed, MerkleProof proof) {
        /** The reading itself. */
        public MeterReading reading() {
            return signed.reading();
        }
    }

    /** A reading as presented: the signed reading and its proof {@code {leafIndex, leafCount, siblings}}. */
    public static Map<String, Object> proven(SignedReading signed, MerkleProof proof) {
        Map<String, Object> p = MarketRecords.record();
        p.put("leafIndex", proof.leafIndex());
        p.put("leafCount", proof.leafCount());
        p.put("siblings", proof.siblingsHex());
        Map<String, Object> m = reading(signed);
        m.put("proof", p);
        return m;
    }

    /**
     * A signed reading as it travels (MQTT payload, the bridge's answers, a settlement's input): {@code
     * {deviceId, assetId, day, slot, netKwh, sequence, signature}}, {@code netKwh} a decimal string.
     */
    public static Map<String, Object> reading(SignedReading signed) {
        MeterReading r = signed.reading();
        Map<String, Object> m = MarketRecords.record();
        m.put("deviceId", r.deviceId());
        m.put("assetId", r.assetId());
        m.put("day", r.day().toString());
        m.put("slot", r.slot());
        m.put("netKwh", r.netKwh().toString());
        m.put("sequence", r.sequence());
        m.put("signature", signed.signatureBase64());
        return m;
    }

    /** A settlement's input: the order and its readings with their proofs, one per ordered slot. */
    public static Map<String, Object> settleInput(String orderId, List<ProvenReading> readings) {
        Map<String, Object> m = MarketRecords.record();
        m.put("orderId", orderId);
        m.put(
                "readings",
                readings.stream().map(r -> proven(r.signed(), r.proof())).toList());
        return m;
    }

    /**
     * A presented reading: the reading's fields and its proof's (only {@link #PROOF_FIELDS}) are read before
     * either is built, so that every field at fault in both is reported at once.
     */
    public static ProvenReading proven(JsonFields in) {
        Supplier<SignedReading> signed = readingFields(in);
        JsonFields p = in.object("proof");
        Supplier<MerkleProof> proof = p == null ? null : proofFields(p);
        SignedReading s = in.build(signed);
        return new ProvenReading(s, p.build(proof));
    }

    /** A signed reading {@code {deviceId, assetId, day, slot, netKwh, sequence, signature}}. */
    public static SignedReading signedReading(JsonFields in) {
        return in.build(readingFields(in));
    }

    /** A Merkle proof {@code {leafIndex, leafCount, siblings}}, no other field. */
    public static MerkleProof proof(JsonFields p) {
        return p.build(proofFields(p));
    }

    private static Supplier<SignedReading> readingFields(JsonFields in) {
        String deviceId = in.string("deviceId");
        String assetId = in.string("assetId");
        LocalDate day = in.day("day");
        Integer slot = in.integer("slot");
        KilowattHours net = in.kwh("netKwh");
        Long sequence = in.longValue("sequence");
        String signature = in.string("signature");
        return () -> new SignedReading(new MeterReading(deviceId, assetId, day, slot, net, sequence), signature);
    }

    private static Supplier<MerkleProof> proofFields(JsonFields p) {
        p.onlyFields(PROOF_FIELDS);
        Integer leafIndex = p.integer("leafIndex");
        Integer leafCount = p.integer("leafCount");
        List<String> siblings = p.stringList("siblings");
        return () -> new MerkleProof(leafIndex, leafCount, siblings);
    }

    // ---- settlements

    /**
     * The private lines of a settlement, each with the device, counter and leaf of the reading behind it
     * ({@code bySlot}: one reading per line, in the lines' order).
     */
    public static Map<String, Object> details(FlexSettlement s, String activation, List<ProvenReading> bySlot) {
        return details(storedDetails(s, activation, bySlot));
    }

    /** The per-slot lines of a settlement's private details. */
    public static List<SettlementLine> lines(JsonFields details) {
        List<SettlementLine> out = new ArrayList<>();
        List<JsonFields> lines = details.objects("lines");
        if (lines == null) {
            details.done();
            return out;
        }
        for (JsonFields l : lines) {
            if (l == null) {
                continue;
            }
            out.add(l.build(lineFields(l)));
        }
        details.done();
        return out;
    }

    private static Supplier<SettlementLine> lineFields(JsonFields l) {
        Integer slot = l.integer("slot");
        KilowattHours ordered = l.kwh("orderedKwh");
        KilowattHours baseline = l.kwh("baselineKwh");
        KilowattHours metered = l.kwh("meteredKwh");
        KilowattHours delivered = l.kwh("deliveredKwh");
        KilowattHours credited = l.kwh("creditedKwh");
        KilowattHours shortfall = l.kwh("shortfallKwh");
        return () -> new SettlementLine(slot, ordered, baseline, metered, delivered, credited, shortfall);
    }

    /**
     * The public record of a settlement: who, what, the totals, and the hashes that tie it to the anchored
     * readings, the revealed baseline and the private lines.
     */
    public static Map<String, Object> settlement(
            FlexSettlement s, String anchorRootHex, String baselineHash, String detailsHash, String at, String txId) {
        Map<String, Object> m = MarketRecords.record();
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

        /** Every field a stored settlement may have: those {@link #settlement} writes and a dispute's. */
        public static final Set<String> FIELDS = fieldNames();

        private final Map<String, Object> fields;

        private static Set<String> fieldNames() {
            Set<String> all = new java.util.LinkedHashSet<>(WRITTEN.keySet());
            all.addAll(DISPUTE.keySet());
            return Collections.unmodifiableSet(all);
        }

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

        /**
         * Reads a stored record: every written field present and well-formed, the dispute's when present,
         * no other field.
         */
        public static StoredSettlement read(JsonFields in) {
            in.onlyFields(FIELDS);
            Map<String, Object> m = MarketRecords.record();
            WRITTEN.forEach((name, kind) -> m.put(name, value(in, name, kind)));
            DISPUTE.forEach((name, kind) -> {
                if (in.has(name)) {
                    m.put(name, value(in, name, kind));
                }
            });
            in.done();
            return new StoredSettlement(m);
        }

        private static String value(JsonFields in, String name, Kind kind) {
            Object v = switch (kind) {
                case TEXT -> in.string(name);
                case KWH -> in.kwh(name);
                case EUR -> in.eur(name);
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

        public String offerId() {
            return text("offerId");
        }

        public String assetId() {
            return text("assetId");
        }

        public LocalDate day() {
            return LocalDate.parse(text("day"));
        }

        public KilowattHours creditedKwh() {
            return new KilowattHours(new BigDecimal(text("creditedKwh")));
        }

        public KilowattHours shortfallKwh() {
            return new KilowattHours(new BigDecimal(text("shortfallKwh")));
        }

        public Euros paymentEur() {
            return new Euros(new BigDecimal(text("paymentEur")));
        }

        public Euros penaltyEur() {
            return new Euros(new BigDecimal(text("penaltyEur")));
        }

        /** The root of the anchored readings the settlement was computed from. */
        public String anchorRootHex() {
            return text("anchorRootHex");
        }

        /** The transaction that wrote this version of the record. */
        public String txId() {
            return text("txId");
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
            Map<String, Object> m = MarketRecords.record();
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
            Map<String, Object> m = MarketRecords.record();
            m.putAll(fields);
            DISPUTE.keySet().forEach(name -> m.putIfAbsent(name, null));
            return m;
        }

        /** A settlement as first recorded: the record {@link #settlement} writes, as this type holds it. */
        public static StoredSettlement of(
                FlexSettlement s,
                String anchorRootHex,
                String baselineHash,
                String detailsHash,
                String at,
                String txId) {
            return new StoredSettlement(settlement(s, anchorRootHex, baselineHash, detailsHash, at, txId));
        }

        /** The hash of the revealed baseline the settlement was computed against. */
        public String baselineHash() {
            return text("baselineHash");
        }

        /** The hash of the private lines as stored. */
        public String detailsHash() {
            return text("detailsHash");
        }

        /** When the settlement was recorded (transaction time). */
        public String settledAt() {
            return text("settledAt");
        }

        /** When a dispute last changed the record, or null. */
        public String updatedAt() {
            return text("updatedAt");
        }

        /** The outcome of the dispute that resolved the record, or null. */
        public DisputeOutcome disputeOutcome() {
            String outcome = text("disputeOutcome");
            return outcome == null ? null : DisputeOutcome.valueOf(outcome);
        }

        /** The settled net an upheld dispute replaced, or null. */
        public Euros originalNetEur() {
            String original = text("originalNetEur");
            return original == null ? null : new Euros(new BigDecimal(original));
        }
    }

    /**
     * One line of a settlement's private details: the domain's line and the reading behind it, its device,
     * counter and leaf in the anchored tree.
     */
    public record DetailLine(SettlementLine line, String deviceId, long sequence, int leafIndex) {
        /** The fields of a line as stored. */
        public static final Set<String> FIELDS = Set.of(
                "slot",
                "orderedKwh",
                "baselineKwh",
                "meteredKwh",
                "deliveredKwh",
                "creditedKwh",
                "shortfallKwh",
                "deviceId",
                "sequence",
                "leafIndex");
    }

    /**
     * A settlement's private details as stored: the order's terms it was computed with and one line per
     * ordered slot.
     *
     * @param activation the order's activation (a plain decimal)
     * @param penaltyFactor the fraction of the price each kWh of shortfall costs
     */
    public record StoredSettlementDetails(
            String id,
            String orderId,
            String assetId,
            LocalDate day,
            EurosPerKwh price,
            BigDecimal activation,
            BigDecimal penaltyFactor,
            List<DetailLine> lines) {
        /** The fields of the details as stored. */
        public static final Set<String> FIELDS =
                Set.of("id", "orderId", "assetId", "day", "price", "activation", "penaltyFactor", "lines");

        public StoredSettlementDetails {
            lines = List.copyOf(lines);
        }
    }

    /** The private details of settlement {@code s}, one reading of {@code bySlot} behind each line, in order. */
    public static StoredSettlementDetails storedDetails(
            FlexSettlement s, String activation, List<ProvenReading> bySlot) {
        List<DetailLine> lines = new ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            ProvenReading r = bySlot.get(i);
            lines.add(new DetailLine(
                    s.lines().get(i),
                    r.reading().deviceId(),
                    r.reading().sequence(),
                    r.proof().leafIndex()));
        }
        return new StoredSettlementDetails(
                s.id(),
                s.orderId(),
                s.assetId(),
                s.day(),
                s.price(),
                new BigDecimal(activation),
                s.penaltyFactor(),
                lines);
    }

    /** Reads stored private details: every field present and well-formed, no other field (nor in a line). */
    public static StoredSettlementDetails storedDetails(JsonFields in) {
        in.onlyFields(StoredSettlementDetails.FIELDS);
        String id = in.string("id");
        String orderId = in.string("orderId");
        String assetId = in.string("assetId");
        LocalDate day = in.day("day");
        EurosPerKwh price = in.unit("price", EurosPerKwh::new);
        BigDecimal activation = in.decimal("activation");
        BigDecimal penaltyFactor = in.decimal("penaltyFactor");
        List<JsonFields> items = in.objects("lines");
        List<Supplier<DetailLine>> lines = new ArrayList<>();
        for (JsonFields l : items == null ? List.<JsonFields>of() : items) {
            if (l == null) {
                continue;
            }
            l.onlyFields(DetailLine.FIELDS);
            Supplier<SettlementLine> line = lineFields(l);
            String deviceId = l.string("deviceId");
            Long sequence = l.longValue("sequence");
            Integer leafIndex = l.integer("leafIndex");
            lines.add(() -> new DetailLine(l.build(line), deviceId, sequence, leafIndex));
        }
        in.done();
        List<DetailLine> built = lines.stream().map(Supplier::get).toList();
        return in.build(
                () -> new StoredSettlementDetails(id, orderId, assetId, day, price, activation, penaltyFactor, built));
    }

    /** Private details as JSON. */
    public static Map<String, Object> details(StoredSettlementDetails d) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", d.id());
        m.put("orderId", d.orderId());
        m.put("assetId", d.assetId());
        m.put("day", d.day().toString());
        m.put("price", d.price().toString());
        m.put("activation", d.activation().toPlainString());
        m.put("penaltyFactor", d.penaltyFactor().toPlainString());
        List<Object> lines = new ArrayList<>();
        for (DetailLine dl : d.lines()) {
            SettlementLine l = dl.line();
            Map<String, Object> line = MarketRecords.record();
            line.put("slot", l.slot());
            line.put("orderedKwh", l.orderedKwh().toString());
            line.put("baselineKwh", l.baselineKwh().toString());
            line.put("meteredKwh", l.meteredKwh().toString());
            line.put("deliveredKwh", l.deliveredKwh().toString());
            line.put("creditedKwh", l.creditedKwh().toString());
            line.put("shortfallKwh", l.shortfallKwh().toString());
            line.put("deviceId", dl.deviceId());
            line.put("sequence", dl.sequence());
            line.put("leafIndex", dl.leafIndex());
            lines.add(line);
        }
        m.put("lines", lines);
        return m;
    }

    // ---- disputes

    /** A dispute input opened by {@code caller}, with the claim it states (only {@link #CLAIM_FIELDS}). */
    public static Dispute dispute(JsonFields in, String caller) {
        String id = in.string("id");
        String settlementId = in.string("settlementId");
        String reason = in.string("reason");
        String evidence = in.string("evidenceHash");
        JsonFields c = in.object("claim");
        DisputeClaim claim = c == null ? null : claim(c.onlyFields(CLAIM_FIELDS));
        return in.build(() -> Dispute.open(id, settlementId, caller, reason, evidence, claim));
    }

    /** A dispute's input, as {@link #dispute(JsonFields, String)} reads it (its opener is the caller). */
    public static Map<String, Object> disputeInput(Dispute d) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", d.id());
        m.put("settlementId", d.settlementId());
        m.put("reason", d.reason());
        m.put("evidenceHash", d.evidenceHash());
        m.put("claim", d.claim() == null ? null : claim(d.claim()));
        return m;
    }

    /** A resolution's input: which dispute, the outcome and an optional note (absent when null). */
    public static Map<String, Object> resolutionInput(String disputeId, DisputeOutcome outcome, String note) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", disputeId);
        m.put("outcome", outcome.name());
        m.put("note", note);
        return m;
    }

    /** A claim {@code {creditedKwh, shortfallKwh, netEur}}. */
    public static DisputeClaim claim(JsonFields in) {
        KilowattHours credited = in.kwh("creditedKwh");
        KilowattHours shortfall = in.kwh("shortfallKwh");
        Euros net = in.eur("netEur");
        return in.build(() -> new DisputeClaim(credited, shortfall, net));
    }

    /** A claim as JSON. */
    public static Map<String, Object> claim(DisputeClaim c) {
        Map<String, Object> m = MarketRecords.record();
        m.put("creditedKwh", c.creditedKwh().toString());
        m.put("shortfallKwh", c.shortfallKwh().toString());
        m.put("netEur", c.netEur().toString());
        return m;
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
        Map<String, Object> m = MarketRecords.record();
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

    /**
     * A dispute as the ledger stores it: the domain record and the fields kept beside it.
     *
     * @param dispute the dispute, in its stored state
     * @param dsoMsp the DSO party of its settlement
     * @param aggregatorMsp the aggregator party of its settlement
     * @param openedAt when it was opened (transaction time, ISO-8601)
     * @param resolvedBy the party that resolved it; null while open
     * @param resolvedAt when it was resolved; null while open
     * @param txId the transaction that wrote this version of the record
     * @param adjustedNetEur the net a resolver named itself on a dispute upheld before disputes stated figures
     *     (never written since, only kept so that such a record is answered as it is); null otherwise
     */
    public record StoredDispute(
            Dispute dispute,
            String dsoMsp,
            String aggregatorMsp,
            String openedAt,
            String resolvedBy,
            String resolvedAt,
            String txId,
            Euros adjustedNetEur) {
        /** A dispute as {@link #dispute(Dispute, String, String, String, String, String, String)} writes it. */
        public StoredDispute(
                Dispute dispute,
                String dsoMsp,
                String aggregatorMsp,
                String openedAt,
                String resolvedBy,
                String resolvedAt,
                String txId) {
            this(dispute, dsoMsp, aggregatorMsp, openedAt, resolvedBy, resolvedAt, txId, null);
        }
    }

    /**
     * A stored dispute. A dispute recorded before disputes stated figures has no {@code claim} (and, if it
     * was upheld then, the resolver's {@code adjustedNetEur}, kept as read): it still decodes, so that it
     * can be read, and rejected while open.
     */
    public static StoredDispute storedDispute(JsonFields in) {
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
        String resolvedBy = in.optionalString("resolvedBy");
        String resolvedAt = in.optionalString("resolvedAt");
        String txId = in.optionalString("txId");
        Euros adjusted = in.has("adjustedNetEur") ? in.eur("adjustedNetEur") : null;
        Dispute d =
                in.build(() -> new Dispute(id, settlementId, openedBy, reason, evidence, claim, state, outcome, note));
        return new StoredDispute(d, dso, aggregator, openedAt, resolvedBy, resolvedAt, txId, adjusted);
    }

    /** The fields of a stored dispute: those its writer writes, and a resolver's net of old. */
    public static final Set<String> DISPUTE_RECORD_FIELDS = Set.of(
            "id",
            "settlementId",
            "openedBy",
            "reason",
            "evidenceHash",
            "state",
            "outcome",
            "note",
            "claim",
            "dsoMsp",
            "aggregatorMsp",
            "openedAt",
            "resolvedBy",
            "resolvedAt",
            "txId",
            "adjustedNetEur");

    /**
     * A stored dispute record, every field it holds, as {@link #dispute(StoredDispute)} writes it: the claim
     * only with {@link #CLAIM_FIELDS}, its transaction required, a resolved dispute with who resolved it and
     * when, an open one without.
     */
    public static StoredDispute storedDisputeRecord(JsonFields in) {
        in.onlyFields(DISPUTE_RECORD_FIELDS);
        if (in.has("claim")) {
            JsonFields c = in.object("claim");
            if (c != null) {
                c.onlyFields(CLAIM_FIELDS);
            }
        }
        in.string("txId");
        StoredDispute stored = storedDispute(in);
        boolean resolved = stored.dispute().state() == DisputeState.RESOLVED;
        return in.build(() -> {
            // Whom the dispute is shown to and who endorses it follow from its parties: both are named.
            if (stored.dsoMsp().isEmpty() || stored.aggregatorMsp().isEmpty()) {
                throw new ValidationException(
                        stored.dsoMsp().isEmpty() ? "dsoMsp" : "aggregatorMsp", "must name its settlement's party");
            }
            // The resolution writes who resolved and when; nothing else does.
            if ((stored.resolvedBy() != null) != resolved || (stored.resolvedAt() != null) != resolved) {
                throw new ValidationException(
                        resolved ? "resolvedBy" : "resolvedAt",
                        "resolvedBy and resolvedAt are present exactly when the dispute is RESOLVED");
            }
            return stored;
        });
    }

    /** A stored dispute as JSON: the dispute, its settlement's parties, when it was opened and resolved. */
    public static Map<String, Object> dispute(StoredDispute s) {
        Map<String, Object> m = dispute(
                s.dispute(), s.dsoMsp(), s.aggregatorMsp(), s.openedAt(), s.resolvedBy(), s.resolvedAt(), s.txId());
        m.put(
                "adjustedNetEur",
                s.adjustedNetEur() == null ? null : s.adjustedNetEur().toString());
        return m;
    }

    /**
     * One committed version of a dispute's key, as {@code disputes:DisputeHistory} lists it.
     *
     * @param txId the transaction that wrote it
     * @param timestamp when (the transaction's time); null when the peer gives none
     * @param isDelete whether the transaction deleted the key
     * @param value the dispute it wrote; null on a delete
     */
    public record DisputeVersion(String txId, Instant timestamp, boolean isDelete, StoredDispute value) {}

    /**
     * A dispute's history: every committed version of its key, in the order the peer returns them.
     *
     * @param id the dispute
     * @param history its versions
     */
    public record DisputeHistory(String id, List<DisputeVersion> history) {
        public DisputeHistory {
            history = List.copyOf(history);
        }
    }

    /** The fields of a dispute's history and of one of its versions. */
    public static final Set<String> DISPUTE_HISTORY_FIELDS = Set.of("id", "history");

    public static final Set<String> DISPUTE_VERSION_FIELDS = Set.of("txId", "timestamp", "isDelete", "value");

    /** A dispute's history {@code {id, history: [{txId, timestamp, isDelete, value}]}}, each value a stored dispute record. */
    public static DisputeHistory disputeHistory(JsonFields in) {
        in.onlyFields(DISPUTE_HISTORY_FIELDS);
        String id = in.string("id");
        List<JsonFields> versions = in.objects("history");
        List<DisputeVersion> history = new ArrayList<>();
        if (versions != null) {
            for (JsonFields v : versions) {
                if (v == null) {
                    continue;
                }
                v.onlyFields(DISPUTE_VERSION_FIELDS);
                String txId = v.string("txId");
                Instant timestamp = v.has("timestamp") ? v.instant("timestamp") : null;
                // The peer's time is written as Instant writes it; another spelling would be answered reshaped.
                if (timestamp != null && !timestamp.toString().equals(v.raw("timestamp"))) {
                    v.problems().report(v.at("timestamp"), "must be written as " + timestamp);
                }
                Boolean isDelete = v.bool("isDelete");
                JsonFields value = v.has("value") ? v.object("value") : null;
                StoredDispute stored = value == null ? null : storedDisputeRecord(value);
                history.add(v.build(() -> {
                    // A delete writes no value; every other version writes one.
                    if (Boolean.TRUE.equals(isDelete) == (stored != null)) {
                        throw new ValidationException("value", "is present exactly when the version is not a delete");
                    }
                    return new DisputeVersion(txId, timestamp, isDelete, stored);
                }));
            }
        }
        return in.build(() -> new DisputeHistory(id, history));
    }

    /** A dispute's history as JSON, each version's value written by {@link #dispute(StoredDispute)}. */
    public static Map<String, Object> disputeHistory(DisputeHistory h) {
        List<Object> versions = new ArrayList<>();
        for (DisputeVersion v : h.history()) {
            Map<String, Object> m = MarketRecords.record();
            m.put("txId", v.txId());
            m.put("timestamp", MarketRecords.instant(v.timestamp()));
            m.put("isDelete", v.isDelete());
            m.put("value", v.value() == null ? null : dispute(v.value()));
            versions.add(m);
        }
        Map<String, Object> m = MarketRecords.record();
        m.put("id", h.id());
        m.put("history", versions);
        return m;
    }
}
