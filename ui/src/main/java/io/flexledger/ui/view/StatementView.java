package io.flexledger.ui.view;

import io.flexledger.client.CommunityJson;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityStatementLine;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.LocalDate;
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
            String community, LocalDate day, String homeId, List<Trade> trades, Day dayRecord, DayReadings bridge) {
        String note = "Not settled yet: your community trades of " + day + " for home " + homeId
                + " have no statement on the ledger. The operator settles them from your meter after the day.";
        List<Line> lines = List.of();
        List<Integer> traded =
                trades.stream().map(Trade::slot).distinct().sorted().toList();
        Map<Integer, MeterReading> bySlot = new LinkedHashMap<>();
        if (bridge != null) {
            for (ProvenReading r : bridge.readings()) {
                int slot = r.reading().slot();
                if (traded.contains(slot) && !bySlot.containsKey(slot)) {
                    bySlot.put(slot, r.reading());
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
            CommunityJson.Statement statement,
            List<Trade> trades,
            Day dayRecord,
            Function<String, Optional<DeviceRegistration>> devices,
            DayReadings bridge) {
        String anchorRoot = statement.anchorRoot();
        String bridgeRoot = bridge == null ? "" : bridge.anchor().rootHex();
        List<Proof> proofs = new ArrayList<>();
        List<MeterReading> readings = new ArrayList<>();
        Map<String, Optional<DeviceRegistration>> deviceById = new LinkedHashMap<>();
        for (ProvenReading r : statement.readings()) {
            readings.add(r.reading());
            Optional<DeviceRegistration> device =
                    deviceById.computeIfAbsent(r.reading().deviceId(), devices);
            proofs.add(proof(r, device, anchorRoot));
        }
        CommunityStatement stored = statement.statement();
        Totals totals = totals(field -> text(stored, TOTAL_FIGURES, field));
        List<Line> lines = new ArrayList<>();
        List<String> labels = io.flexledger.ui.calc.Slots.labels(day);
        for (CommunityStatementLine l : stored.lines()) {
            lines.add(line(l.slot(), labels, field -> ruled(l, field)));
        }
        String recomputed;
        boolean agrees = false;
        try {
            CommunityStatement again = settle(community, day, homeId, trades, dayRecord, readings);
            List<String> differences = differences(stored, again);
            agrees = differences.isEmpty();
            recomputed = agrees
                    ? "agrees: computed here with the settlement rule from your trades, the day's grid prices and"
                            + " these readings, every line and total is the ledger's"
                    : "differs: " + String.join("; ", differences);
        } catch (IllegalArgumentException e) {
            recomputed = "cannot be computed here (" + e.getMessage() + ")";
        }
        long verified = proofs.stream().filter(Proof::verified).count();
        String note = "Settled on the ledger: net " + stored.netEur() + " EUR (positive: the community owes you).";
        return new Statement(
                homeId,
                State.SETTLED,
                note,
                lines,
                false,
                totals,
                statement.txId(),
                statement.recordedAt(),
                anchorRoot,
                bridgeRoot,
                bridgeRoot.isEmpty()
                        ? "not read (device-bridge serves a home's readings to its aggregator, the DSO and"
                                + " auditors)"
                        : anchorRoot.equalsIgnoreCase(bridgeRoot) ? "the same root" : "a different root",
                !anchorRoot.isEmpty() && anchorRoot.equalsIgnoreCase(bridgeRoot),
                statement.clearingSha256(),
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
            Day dayRecord,
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
                prices(dayRecord, Day::importPrice, "importPrice"),
                prices(dayRecord, Day::exportPrice, "exportPrice"),
                readings);
    }

    private static List<EurosPerKwh> prices(Day dayRecord, Function<Day, List<EurosPerKwh>> side, String field) {
        if (dayRecord == null) {
            throw new IllegalArgumentException("the community day's " + field + " is not readable");
        }
        return side.apply(dayRecord);
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

    /** The text of a line's figure {@code field}. */
    private static String ruled(CommunityStatementLine l, String field) {
        return text(l, LINE_FIGURES, field);
    }

    /** The text of the figure {@code field} of {@code value}. */
    private static <T> String text(T value, List<Figure<T>> figures, String field) {
        return figures.stream()
                .filter(f -> f.field().equals(field))
                .findFirst()
                .orElseThrow()
                .rule()
                .apply(value)
                .toPlainString();
    }

    /** Where the ledger's statement and the one computed here differ, by line and total. */
    private static List<String> differences(CommunityStatement stored, CommunityStatement again) {
        List<String> out = new ArrayList<>();
        compare(out, "", TOTAL_FIGURES, stored, again);
        List<CommunityStatementLine> lines = stored.lines();
        if (lines.size() != again.lines().size()) {
            out.add("the ledger has " + lines.size() + " lines, the rule "
                    + again.lines().size());
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            CommunityStatementLine l = lines.get(i);
            CommunityStatementLine a = again.lines().get(i);
            if (l.slot() != a.slot()) {
                out.add("line " + i + " is slot " + l.slot() + ", the rule's " + a.slot());
                continue;
            }
            compare(out, "slot " + a.slot() + " ", LINE_FIGURES, l, a);
        }
        return out;
    }

    /** Each of {@code figures} of the ledger's {@code stored} against {@code computed}'s, named after {@code prefix}. */
    private static <T> void compare(List<String> out, String prefix, List<Figure<T>> figures, T stored, T computed) {
        for (Figure<T> f : figures) {
            BigDecimal onLedger = f.rule().apply(stored);
            BigDecimal byRule = f.rule().apply(computed);
            if (onLedger.compareTo(byRule) != 0) {
                out.add(prefix + f.words() + " is " + onLedger.toPlainString() + " on the ledger, "
                        + byRule.toPlainString() + " by the rule");
            }
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

    /** The proof of one presented reading: its signature with the meter's keys, its path to {@code rootHex}. */
    private static Proof proof(ProvenReading r, Optional<DeviceRegistration> device, String rootHex) {
        SignedReading signed = r.signed();
        MeterReading m = signed.reading();
        String signature;
        boolean signatureOk = false;
        if (device.isEmpty()) {
            signature = "not checked: the meter's record could not be read";
        } else if (!device.get().device().assetId().equals(m.assetId())) {
            signature = "fails: meter " + m.deviceId() + " is not a meter of " + m.assetId();
        } else {
            Optional<DeviceKey> with = DeviceKey.coveringSlot(device.get().keys(), m.day(), m.slot()).stream()
                    .filter(k -> signed.verify(k.publicKey()))
                    .findFirst();
            signatureOk = with.isPresent();
            signature = with.map(k -> "verified with the meter's registered key version " + k.version())
                    .orElse("fails: no key of the meter during the slot verifies it");
        }
        byte[] leaf = signed.leafHash();
        MerkleProof p = r.proof();
        boolean pathOk =
                !rootHex.isEmpty() && AuditView.leadsTo(leaf, p.leafIndex(), p.leafCount(), p.siblingsHex(), rootHex);
        return new Proof(
                m.slot(),
                m.deviceId(),
                m.netKwh().toString(),
                m.sequence(),
                signed.signatureBase64(),
                signature,
                signatureOk,
                MerkleTree.hex(leaf),
                p.leafIndex(),
                p.leafCount(),
                p.siblingsHex(),
                pathOk);
    }

    private static String label(List<String> labels, int slot) {
        return slot >= 0 && slot < labels.size() ? slot + " (" + labels.get(slot) + ")" : Integer.toString(slot);
    }
}
