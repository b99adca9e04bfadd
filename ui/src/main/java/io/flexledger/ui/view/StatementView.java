package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityStatementLine;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A member's settlement of one home's community trades of a day (decision 0021): what the home delivered
 * against what it traded, slot by slot, the statement's totals, and the proof of each settled line, as
 * the audit page shows a DSO settlement's: the reading as the ledger checked it, its signature checked
 * here with the meter's registered key, its Merkle path to the anchor root the statement names (the
 * DSO's anchor on the ledger, which the endorsing peers read when they recorded the statement), and,
 * where device-bridge serves the viewer the home's readings, that root against the bridge's. The statement's lines and totals
 * are computed here again with {@link CommunitySettlementRule} from the member's trades, the day's grid
 * prices and those readings. Nothing of this is computed in the page's own code: the rule, the Merkle
 * paths and the signatures are {@code domain}'s.
 */
final class StatementView {
    private StatementView() {}

    /** Whether the statement was read, is not there yet, was refused, or could not be read. */
    enum State {
        SETTLED,
        NOT_SETTLED,
        REFUSED,
        UNAVAILABLE
    }

    /**
     * One home's statement of a community day.
     *
     * @param homeId the home
     * @param state what the ledger gave
     * @param note what the member should know, in plain words
     * @param lines the statement's lines when settled; otherwise those the meter readings so far would
     *     give ({@code provisional}), or none
     * @param provisional whether the lines are computed from the readings so far, not settled
     * @param totals the statement's totals (empty when not settled)
     * @param recomputed what computing the statement again here gave: agrees, or what differs
     * @param recomputedAgrees whether it agrees
     * @param proofs the proof of each settled line's reading
     * @param proofsVerified how many of {@code proofs} verify (signature and path)
     */
    @TemplateData
    public record Statement(
            String homeId,
            State state,
            String note,
            List<Line> lines,
            boolean provisional,
            Totals totals,
            String txId,
            String recordedAt,
            String anchorRootHex,
            String bridgeRootHex,
            String bridgeCheck,
            boolean rootsAgree,
            String clearingSha256,
            String recomputed,
            boolean recomputedAgrees,
            List<Proof> proofs,
            long proofsVerified) {
        public boolean settled() {
            return state == State.SETTLED;
        }

        public boolean refused() {
            return state == State.REFUSED;
        }
    }

    /** One traded slot: sold/bought against metered delivered/taken, the shortfall/unused, the money. */
    @TemplateData
    public record Line(
            int slot,
            String slotLabel,
            String soldKwh,
            String boughtKwh,
            String meteredKwh,
            String deliveredKwh,
            String takenKwh,
            String shortfallKwh,
            String unusedKwh,
            String paidEur,
            String receivedEur) {}

    /** The statement's totals as the ledger holds them. */
    @TemplateData
    public record Totals(
            String boughtKwh,
            String soldKwh,
            String deliveredKwh,
            String takenKwh,
            String shortfallKwh,
            String unusedKwh,
            String paidEur,
            String receivedEur,
            String netEur) {
        static final Totals NONE = new Totals("", "", "", "", "", "", "", "", "");
    }

    /**
     * The proof of one settled line: its reading, the signature check and the path to the anchor root.
     *
     * @param signature how the signature checked: {@code verified with key version N}, or why it fails
     * @param signatureOk whether it verified with a key the meter had during the slot
     * @param pathOk whether the Merkle path leads to the anchor root the statement names
     */
    @TemplateData
    public record Proof(
            int slot,
            String deviceId,
            String netKwh,
            long sequence,
            String signatureBase64,
            String signature,
            boolean signatureOk,
            String leafHash,
            int leafIndex,
            int leafCount,
            List<String> siblings,
            boolean pathOk) {
        public boolean verified() {
            return signatureOk && pathOk;
        }
    }

    /** A home's trade: its order's slot and side, and the trade's kW and price as the clearing recorded them. */
    record Trade(String orderId, int slot, String side, BigDecimal kw, BigDecimal price) {}

    /** No statement to show: refused, or unreadable. */
    static Statement without(String homeId, State state, String note) {
        return unsettled(homeId, state, note, List.of());
    }

    /** A statement not on the ledger: its lines, if any, are provisional ones from the readings so far. */
    private static Statement unsettled(String homeId, State state, String note, List<Line> lines) {
        return new Statement(
                homeId,
                state,
                note,
                lines,
                !lines.isEmpty(),
                Totals.NONE,
                "",
                "",
                "",
                "",
                "",
                false,
                "",
                "",
                false,
                List.of(),
                0);
    }

    /**
     * Not settled yet: what the home's meter readings so far ({@code bridge}, device-bridge's answer, if
     * any) would give under the rule, when they cover every traded slot.
     */
    static Statement pending(
            String community, LocalDate day, String homeId, List<Trade> trades, JsonNode dayRecord, JsonNode bridge) {
        String note = "Not settled yet: your community trades of " + day + " for home " + homeId
                + " have no statement on the ledger. The operator settles them from your meter after the day.";
        List<Line> lines = List.of();
        List<Integer> traded =
                trades.stream().map(Trade::slot).distinct().sorted().toList();
        Map<Integer, MeterReading> bySlot = new LinkedHashMap<>();
        if (bridge != null) {
            for (JsonNode r : bridge.path("readings")) {
                int slot = r.path("slot").asInt(-1);
                if (traded.contains(slot) && !bySlot.containsKey(slot)) {
                    reading(r).ifPresent(m -> bySlot.put(slot, m));
                }
            }
        }
        if (!traded.isEmpty() && bySlot.keySet().containsAll(traded)) {
            try {
                CommunityStatement s = settle(community, day, homeId, trades, dayRecord, List.copyOf(bySlot.values()));
                lines = lines(day, s);
                note += " Below, provisional: what your meter's readings of the traded slots would give.";
            } catch (IllegalArgumentException e) {
                note += " What your readings would give cannot be computed here (" + e.getMessage() + ").";
            }
        } else if (!traded.isEmpty() && bridge == null) {
            note += " Your meter's readings could not be read here, so what they would give is not shown.";
        } else if (!traded.isEmpty()) {
            note += " Your meter's readings of the traded slots are not all there yet.";
        }
        return unsettled(homeId, State.NOT_SETTLED, note, lines);
    }

    /**
     * A settled statement as the ledger holds it, with the proof of each line's reading and the statement
     * computed again here.
     *
     * @param statement the statement (community, day, homeId, member, lines, totals, readings, anchorRoot, ...)
     * @param trades the home's trades of the day
     * @param dayRecord the community day (its import and export prices per slot), or null
     * @param devices a meter's record on the ledger by its id (its keys), if readable
     * @param bridge device-bridge's readings of the home and day (with its anchor), or null
     */
    static Statement settled(
            String community,
            LocalDate day,
            String homeId,
            JsonNode statement,
            List<Trade> trades,
            JsonNode dayRecord,
            Function<String, Optional<JsonNode>> devices,
            JsonNode bridge) {
        String anchorRoot = Fmt.text(statement, "anchorRoot");
        String bridgeRoot = bridge == null ? "" : Fmt.text(bridge.path("anchor"), "rootHex");
        List<Proof> proofs = new ArrayList<>();
        List<MeterReading> readings = new ArrayList<>();
        Map<String, Optional<JsonNode>> deviceById = new LinkedHashMap<>();
        for (JsonNode r : statement.path("readings")) {
            Optional<MeterReading> reading = reading(r);
            reading.ifPresent(readings::add);
            String deviceId = Fmt.text(r, "deviceId");
            Optional<JsonNode> device = deviceById.computeIfAbsent(deviceId, devices);
            proofs.add(proof(r, reading, device, anchorRoot));
        }
        JsonNode t = statement.path("totals");
        Totals totals = totals(field -> Fmt.text(t, field));
        List<Line> lines = new ArrayList<>();
        List<String> labels = io.flexledger.ui.calc.Slots.labels(day);
        for (JsonNode l : statement.path("lines")) {
            lines.add(line(l.path("slot").asInt(), labels, field -> Fmt.text(l, field)));
        }
        String recomputed;
        boolean agrees = false;
        try {
            CommunityStatement again = settle(community, day, homeId, trades, dayRecord, readings);
            List<String> differences = differences(statement, again);
            agrees = differences.isEmpty();
            recomputed = agrees
                    ? "agrees: computed here with the settlement rule from your trades, the day's grid prices and"
                            + " these readings, every line and total is the ledger's"
                    : "differs: " + String.join("; ", differences);
        } catch (IllegalArgumentException e) {
            recomputed = "cannot be computed here (" + e.getMessage() + ")";
        }
        long verified = proofs.stream().filter(Proof::verified).count();
        String note =
                "Settled on the ledger: net " + Fmt.text(t, "netEur") + " EUR (positive: the community owes" + " you).";
        return new Statement(
                homeId,
                State.SETTLED,
                note,
                lines,
                false,
                totals,
                Fmt.text(statement, "txId"),
                Fmt.text(statement, "recordedAt"),
                anchorRoot,
                bridgeRoot,
                bridgeRoot.isEmpty()
                        ? "not read (device-bridge serves a home's readings to its aggregator, the DSO and"
                                + " auditors)"
                        : anchorRoot.equalsIgnoreCase(bridgeRoot) ? "the same root" : "a different root",
                !anchorRoot.isEmpty() && anchorRoot.equalsIgnoreCase(bridgeRoot),
                Fmt.text(statement, "clearingSha256"),
                recomputed,
                agrees,
                proofs,
                verified);
    }

    /** The rule on the home's trades, the day's grid prices and {@code readings}. */
    private static CommunityStatement settle(
            String community,
            LocalDate day,
            String homeId,
            List<Trade> trades,
            JsonNode dayRecord,
            List<MeterReading> readings) {
        List<CommunityTrade> own = trades.stream()
                .map(t -> new CommunityTrade(
                        t.orderId(),
                        t.slot(),
                        CommunityTrade.Side.valueOf(t.side()),
                        new io.flexledger.domain.units.Kilowatts(t.kw()),
                        t.price()))
                .toList();
        return CommunitySettlementRule.DEFAULT.settle(
                community,
                homeId,
                MarketPeriod.of(day),
                own,
                prices(dayRecord, "importPrice"),
                prices(dayRecord, "exportPrice"),
                readings);
    }

    private static List<EurosPerKwh> prices(JsonNode dayRecord, String field) {
        if (dayRecord == null || !dayRecord.path(field).isArray()) {
            throw new IllegalArgumentException("the community day's " + field + " is not readable");
        }
        List<EurosPerKwh> out = new ArrayList<>();
        dayRecord.path(field).forEach(p -> out.add(EurosPerKwh.parse(p.asText())));
        return out;
    }

    /**
     * One figure of a statement's line or of its totals: its field on the ledger, its words where a
     * difference names it, and its value by the rule.
     */
    private record Figure<T>(String field, String words, Function<T, BigDecimal> rule) {}

    /** A line's figures, in the order a difference names them. */
    private static final List<Figure<CommunityStatementLine>> LINE_FIGURES = List.of(
            new Figure<>("boughtKwh", "bought kWh", l -> l.boughtKwh().value()),
            new Figure<>("soldKwh", "sold kWh", l -> l.soldKwh().value()),
            new Figure<>("meteredKwh", "metered kWh", l -> l.meteredKwh().value()),
            new Figure<>("deliveredKwh", "delivered kWh", l -> l.deliveredKwh().value()),
            new Figure<>("takenKwh", "taken kWh", l -> l.takenKwh().value()),
            new Figure<>("shortfallKwh", "shortfall kWh", l -> l.shortfallKwh().value()),
            new Figure<>("unusedKwh", "unused kWh", l -> l.unusedKwh().value()),
            new Figure<>("paidEur", "paid EUR", l -> l.paidEur().value()),
            new Figure<>("receivedEur", "received EUR", l -> l.receivedEur().value()));

    /** The totals' figures, in the order a difference names them. */
    private static final List<Figure<CommunityStatement>> TOTAL_FIGURES = List.of(
            new Figure<>("boughtKwh", "total bought kWh", s -> s.boughtKwh().value()),
            new Figure<>("soldKwh", "total sold kWh", s -> s.soldKwh().value()),
            new Figure<>(
                    "deliveredKwh", "total delivered kWh", s -> s.deliveredKwh().value()),
            new Figure<>("takenKwh", "total taken kWh", s -> s.takenKwh().value()),
            new Figure<>(
                    "shortfallKwh", "total shortfall kWh", s -> s.shortfallKwh().value()),
            new Figure<>("unusedKwh", "total unused kWh", s -> s.unusedKwh().value()),
            new Figure<>("paidEur", "total paid EUR", s -> s.paidEur().value()),
            new Figure<>(
                    "receivedEur", "total received EUR", s -> s.receivedEur().value()),
            new Figure<>("netEur", "net EUR", s -> s.netEur().value()));

    /** A line of the page, each figure's text given by its field name. */
    private static Line line(int slot, List<String> labels, Function<String, String> text) {
        return new Line(
                slot,
                label(labels, slot),
                text.apply("soldKwh"),
                text.apply("boughtKwh"),
                text.apply("meteredKwh"),
                text.apply("deliveredKwh"),
                text.apply("takenKwh"),
                text.apply("shortfallKwh"),
                text.apply("unusedKwh"),
                text.apply("paidEur"),
                text.apply("receivedEur"));
    }

    /** The totals of the page, each figure's text given by its field name. */
    private static Totals totals(Function<String, String> text) {
        return new Totals(
                text.apply("boughtKwh"),
                text.apply("soldKwh"),
                text.apply("deliveredKwh"),
                text.apply("takenKwh"),
                text.apply("shortfallKwh"),
                text.apply("unusedKwh"),
                text.apply("paidEur"),
                text.apply("receivedEur"),
                text.apply("netEur"));
    }

    /** The text of a line's figure {@code field} by the rule. */
    private static String ruled(CommunityStatementLine l, String field) {
        return LINE_FIGURES.stream()
                .filter(f -> f.field().equals(field))
                .findFirst()
                .orElseThrow()
                .rule()
                .apply(l)
                .toPlainString();
    }

    /** Where the ledger's statement and the one computed here differ, by line and total. */
    private static List<String> differences(JsonNode stored, CommunityStatement again) {
        List<String> out = new ArrayList<>();
        compare(out, "", TOTAL_FIGURES, stored.path("totals"), again);
        JsonNode lines = stored.path("lines");
        if (lines.size() != again.lines().size()) {
            out.add("the ledger has " + lines.size() + " lines, the rule "
                    + again.lines().size());
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            CommunityStatementLine a = again.lines().get(i);
            String at = "slot " + a.slot();
            if (l.path("slot").asInt() != a.slot()) {
                out.add("line " + i + " is slot " + l.path("slot").asInt() + ", the rule's " + a.slot());
                continue;
            }
            compare(out, at + " ", LINE_FIGURES, l, a);
        }
        return out;
    }

    /** Each of {@code figures} of the ledger's {@code n} against {@code computed}'s, named after {@code prefix}. */
    private static <T> void compare(List<String> out, String prefix, List<Figure<T>> figures, JsonNode n, T computed) {
        for (Figure<T> f : figures) {
            compare(out, prefix + f.words(), n, f.field(), f.rule().apply(computed));
        }
    }

    private static void compare(List<String> out, String what, JsonNode n, String field, BigDecimal computed) {
        String text = Fmt.text(n, field);
        boolean same;
        try {
            same = new BigDecimal(text).compareTo(computed) == 0;
        } catch (NumberFormatException e) {
            same = false;
        }
        if (!same) {
            out.add(what + " is " + (text.isEmpty() ? "missing" : text) + " on the ledger, " + computed.toPlainString()
                    + " by the rule");
        }
    }

    private static List<Line> lines(LocalDate day, CommunityStatement s) {
        List<String> labels = io.flexledger.ui.calc.Slots.labels(day);
        List<Line> out = new ArrayList<>();
        for (CommunityStatementLine l : s.lines()) {
            out.add(line(l.slot(), labels, field -> ruled(l, field)));
        }
        return out;
    }

    /** A reading's JSON as a domain reading, if it is one. */
    private static Optional<MeterReading> reading(JsonNode r) {
        try {
            return Optional.of(new MeterReading(
                    Fmt.text(r, "deviceId"),
                    Fmt.text(r, "assetId"),
                    LocalDate.parse(Fmt.text(r, "day")),
                    r.path("slot").asInt(),
                    KilowattHours.parse(Fmt.text(r, "netKwh")),
                    r.path("sequence").asLong()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The proof of one presented reading: its signature with the meter's keys, its path to {@code rootHex}. */
    private static Proof proof(JsonNode r, Optional<MeterReading> reading, Optional<JsonNode> device, String rootHex) {
        String signatureBase64 = Fmt.text(r, "signature");
        Optional<SignedReading> signed = reading.flatMap(m -> {
            try {
                return Optional.of(new SignedReading(m, signatureBase64));
            } catch (ValidationException e) {
                return Optional.empty();
            }
        });
        String signature;
        boolean signatureOk = false;
        if (signed.isEmpty()) {
            signature = "fails: not a well-formed signed reading";
        } else if (device.isEmpty()) {
            signature = "not checked: the meter's record could not be read";
        } else if (!Fmt.text(device.get(), "assetId")
                .equals(signed.get().reading().assetId())) {
            signature = "fails: meter " + signed.get().reading().deviceId() + " is not a meter of "
                    + signed.get().reading().assetId();
        } else {
            MeterReading m = signed.get().reading();
            Optional<DeviceKey> with = DeviceKey.coveringSlot(keys(device.get()), m.day(), m.slot()).stream()
                    .filter(k -> signed.get().verify(k.publicKey()))
                    .findFirst();
            signatureOk = with.isPresent();
            signature = with.map(k -> "verified with the meter's registered key version " + k.version())
                    .orElse("fails: no key of the meter during the slot verifies it");
        }
        byte[] leaf = signed.map(SignedReading::leafHash).orElseGet(() -> AuditView.leafHash(r));
        JsonNode p = r.path("proof");
        List<String> siblings = new ArrayList<>();
        p.path("siblings").forEach(x -> siblings.add(x.asText()));
        int leafIndex = p.path("leafIndex").asInt();
        int leafCount = p.path("leafCount").asInt();
        boolean pathOk = !rootHex.isEmpty() && AuditView.leadsTo(leaf, leafIndex, leafCount, siblings, rootHex);
        return new Proof(
                r.path("slot").asInt(),
                Fmt.text(r, "deviceId"),
                Fmt.text(r, "netKwh"),
                r.path("sequence").asLong(),
                signatureBase64,
                signature,
                signatureOk,
                MerkleTree.hex(leaf),
                leafIndex,
                leafCount,
                siblings,
                pathOk);
    }

    /** Every key a meter's record names: its previous keys and its current one. */
    static List<DeviceKey> keys(JsonNode device) {
        List<DeviceKey> out = new ArrayList<>();
        for (JsonNode k : device.path("previousKeys")) {
            key(
                            k.path("keyVersion").asInt(1),
                            Fmt.text(k, "keyAlgorithm"),
                            Fmt.text(k, "publicKeyBase64"),
                            Fmt.text(k, "validFrom"),
                            Fmt.text(k, "validUntil"))
                    .ifPresent(out::add);
        }
        key(
                        device.path("keyVersion").asInt(1),
                        Fmt.text(device, "keyAlgorithm"),
                        Fmt.text(device, "publicKeyBase64"),
                        Fmt.text(device, "keyValidFrom"),
                        "")
                .ifPresent(out::add);
        return out;
    }

    private static Optional<DeviceKey> key(int version, String algorithm, String key, String from, String until) {
        try {
            return Optional.of(new DeviceKey(version, algorithm, key, instant(from), instant(until)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(String text) {
        return text.isEmpty() || text.equals("null") ? null : Instant.parse(text);
    }

    private static String label(List<String> labels, int slot) {
        return slot >= 0 && slot < labels.size() ? slot + " (" + labels.get(slot) + ")" : Integer.toString(slot);
    }
}
