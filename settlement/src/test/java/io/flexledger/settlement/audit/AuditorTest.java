package io.flexledger.settlement.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.participants.DeviceState;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.EvmAddress;
import io.flexledger.settlement.evm.Payout;
import io.flexledger.settlement.finding.Discrepancy;
import io.flexledger.settlement.ledger.DisputeRecord;
import io.flexledger.settlement.ledger.SettlementFacts;
import io.flexledger.settlement.ledger.SettlementRecord;
import io.flexledger.settlement.period.SettlementRoot;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The audit on a small, honest day built with real keys, a real Merkle tree and the market's rule;
 * then each tampering case, which the audit must name.
 */
class AuditorTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final String SALT = "00112233445566778899aabbccddeeff";
    private static final AggregatorAccounts ACCOUNTS = AggregatorAccounts.ganacheDefaults();
    /** The day has ended: 2026-11-28 ends at midnight in London (GMT in November). */
    private static final Instant DAY_END = Instant.parse("2026-11-29T00:00:00Z");

    private static final PeriodAuditor AUDITOR = auditorAt(DAY_END.plusSeconds(3600));

    private static PeriodAuditor auditorAt(Instant now) {
        return new PeriodAuditor(new Auditor(SettlementRule.DEFAULT), ACCOUNTS, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** One home of the day: its offer, order, baseline, meter and readings. */
    private record Home(
            FlexOffer offer, FlexOrder order, Baseline baseline, Device meter, List<SignedReading> readings) {}

    private List<Home> homes;
    private MerkleTree tree;
    private List<SignedReading> leaves;
    private Map<String, SettlementRecord> ledger;
    private Map<String, Map<String, String>> billing;
    private Map<String, DisputeRecord> disputes;
    private ReadingAnchor ledgerAnchor;
    /** The orders of the day as the ledger lists them. */
    private List<DayFacts.Order> orders;
    /** The aggregators whose readings of the day are anchored on the ledger. */
    private Set<String> anchored;

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Home i sells 2 kW in slots 68-71 at 0.20 EUR/kWh and delivers {@code deliveredShare} of it. */
    private static Home home(int i, double deliveredShare) throws Exception {
        String asset = "home-" + i;
        MarketPeriod period = MarketPeriod.of(DAY);
        TreeMap<Integer, Kilowatts> kw = new TreeMap<>();
        for (int s = 68; s <= 71; s++) {
            kw.put(s, Kilowatts.of("2"));
        }
        FlexOffer offer = new FlexOffer(
                "o-" + i,
                "Aggregator1MSP",
                "F1",
                asset,
                period,
                null,
                kw,
                EurosPerKwh.of("0.20"),
                BigDecimal.ZERO,
                FlexOfferState.ORDERED);
        FlexOrder order = new FlexOrder("ord-o-" + i, "DsoMSP", offer.id(), BigDecimal.ONE, FlexOrderState.ACCEPTED);
        List<Kilowatts> base = new ArrayList<>();
        for (int s = 0; s < period.slotCount(); s++) {
            base.add(Kilowatts.of("3"));
        }
        Baseline baseline = new Baseline(asset, period, base);
        KeyPair keys = p256();
        Device meter = new Device(
                "m-" + i,
                asset,
                DeviceKind.METER,
                "EC",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        List<SignedReading> readings = new ArrayList<>();
        for (int s = 64; s < 76; s++) {
            // 3 kW baseline; in ordered slots the home runs at 3 - 2 x share kW.
            double kwh = (kw.containsKey(s) ? 3 - 2 * deliveredShare : 3) * 0.25;
            readings.add(SignedReading.sign(
                    new MeterReading(meter.id(), asset, DAY, s, KilowattHours.of(String.format("%.3f", kwh)), s + 1L),
                    keys.getPrivate()));
        }
        return new Home(offer, order, baseline, meter, readings);
    }

    /** The public fields as the chaincode writes them. */
    private static Map<String, String> fields(
            FlexSettlement s, String anchorRoot, String baselineHash, String detailsHash) {
        Map<String, String> f = new HashMap<>();
        f.put("id", s.id());
        f.put("orderId", s.orderId());
        f.put("offerId", s.offerId());
        f.put("aggregatorMsp", s.aggregatorMsp());
        f.put("dsoMsp", s.dsoMsp());
        f.put("assetId", s.assetId());
        f.put("day", s.day().toString());
        f.put("creditedKwh", s.creditedKwh().toString());
        f.put("shortfallKwh", s.shortfallKwh().toString());
        f.put("paymentEur", s.paymentEur().toString());
        f.put("penaltyEur", s.penaltyEur().toString());
        f.put("netEur", s.netEur().toString());
        f.put("anchorRootHex", anchorRoot);
        f.put("baselineHash", baselineHash);
        f.put("detailsHash", detailsHash);
        f.put("state", "SETTLED");
        return f;
    }

    @BeforeEach
    void anHonestDay() throws Exception {
        homes = List.of(home(1, 1.0), home(2, 0.5), home(3, 0.0));
        leaves = homes.stream()
                .flatMap(h -> h.readings().stream())
                .sorted(Comparator.comparing((SignedReading r) -> r.reading().assetId())
                        .thenComparing(r -> r.reading().deviceId())
                        .thenComparingInt(r -> r.reading().slot()))
                .toList();
        tree = MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
        ledgerAnchor = new ReadingAnchor(DAY, "Aggregator1MSP", tree.rootHex(), tree.leafCount());
        ledger = new HashMap<>();
        billing = new HashMap<>();
        disputes = new HashMap<>();
        orders = new ArrayList<>();
        anchored = new HashSet<>(Set.of("Aggregator1MSP"));
        for (Home h : homes) {
            orders.add(new DayFacts.Order(h.order().id(), "SETTLED", h.offer().id(), null));
            List<MeterReading> ordered = h.readings().stream()
                    .map(SignedReading::reading)
                    .filter(r -> h.offer().kwBySlot().containsKey(r.slot()))
                    .toList();
            FlexSettlement s = SettlementRule.DEFAULT.settle(h.offer(), h.order(), h.baseline(), ordered);
            String details = "{\"id\":\"" + s.id() + "\",\"lines\":" + s.lines().size() + "}";
            Map<String, String> f =
                    fields(s, tree.rootHex(), h.baseline().commitmentHash(SALT), Baseline.sha256Hex(details));
            ledger.put(s.id(), new SettlementRecord(f, details, s.lines(), "tx-" + s.id(), 7));
            Map<String, String> b = new HashMap<>();
            for (String k : List.of("aggregatorMsp", "assetId", "creditedKwh", "netEur")) {
                b.put(k, f.get(k));
            }
            billing.put(s.id(), b);
        }
    }

    private List<SettlementFacts> facts() {
        List<SettlementFacts> out = new ArrayList<>();
        for (Home h : homes) {
            List<ProvenReading> proven = new ArrayList<>();
            for (SignedReading r : h.readings()) {
                int index = leaves.indexOf(r);
                proven.add(new ProvenReading(r, tree.proof(index)));
            }
            String id = FlexSettlement.idFor(h.order().id());
            out.add(new SettlementFacts(
                    ledger.get(id),
                    h.order(),
                    h.offer(),
                    h.baseline().commitmentHash(SALT),
                    h.baseline(),
                    SALT,
                    Optional.of(ledgerAnchor),
                    new DayReadings(
                            DAY,
                            h.offer().assetId(),
                            "Aggregator1MSP",
                            new ReadingAnchor(DAY, "Aggregator1MSP", tree.rootHex(), tree.leafCount()),
                            proven),
                    Map.of(h.meter().id(), DeviceRegistration.active(h.meter())),
                    Optional.ofNullable(billing.get(id)),
                    Optional.ofNullable(ledger.get(id).field("disputeId")).map(disputes::get)));
        }
        return out;
    }

    /** A payout transaction hash for a settlement id. */
    private static String tx(String settlementId) {
        return "0x" + Baseline.sha256Hex(settlementId);
    }

    /** The payouts the settlement run makes: each positive net, in cents, to the aggregator's account. */
    private static Map<String, Payout> paidWherePositive(List<SettlementFacts> facts) {
        Map<String, Payout> paid = new HashMap<>();
        facts.forEach(f -> {
            SettlementRecord s = f.settlement();
            long cents = SettlementRoot.cents(s.field("netEur"));
            if (cents > 0) {
                paid.put(s.id(), new Payout(ACCOUNTS.of(s.field("aggregatorMsp")), cents, tx(s.id())));
            }
        });
        return paid;
    }

    private static String root(List<SettlementFacts> facts) {
        return SettlementRoot.tree(
                        facts.stream().map(SettlementFacts::settlement).toList())
                .rootHex();
    }

    private DayFacts day(List<SettlementFacts> facts, String evmRoot, Map<String, Payout> payouts) {
        return new DayFacts(DAY, facts, orders, anchored, evmRoot, payouts, true);
    }

    private PeriodReport audit(List<SettlementFacts> facts, String evmRoot, Map<String, Payout> payouts) {
        return AUDITOR.audit(day(facts, evmRoot, payouts));
    }

    private PeriodReport audit(List<SettlementFacts> facts) {
        return audit(facts, root(facts), paidWherePositive(facts));
    }

    private static List<String> allDiscrepancies(PeriodReport r) {
        List<String> out = new ArrayList<>();
        r.settlements().forEach(v -> v.discrepancies().forEach(d -> out.add(v.settlementId() + " " + d)));
        r.periodDiscrepancies().forEach(d -> out.add(d.toString()));
        return out;
    }

    @Test
    void anHonestDayIsVerified() {
        PeriodReport r = audit(facts());
        assertThat(allDiscrepancies(r)).isEmpty();
        assertThat(r.verified()).isTrue();
        // Full, half and no delivery: the nets differ, and all three are re-derived.
        assertThat(r.settlements())
                .hasSize(3)
                .allSatisfy(v -> assertThat(v.readingsChecked()).isEqualTo(4));
        assertThat(ledger.get("stl-ord-o-3").field("netEur")).startsWith("-");
        assertThat(r.toText()).contains("VERIFIED").doesNotContain("DISCREPANC");
    }

    @Test
    void theReportListsWhatItCheckedWithCounts() {
        PeriodReport r = audit(facts());
        assertThat(r.readingsChecked()).isEqualTo(12);
        // Homes 1 and 2 are owed and paid; home 3 owes.
        assertThat(r.checked())
                .isEqualTo(new PeriodReport.Checked(2, true, 3, new PeriodReport.OrderCounts(3, 0, 0, 0)));
        assertThat(r.toText())
                .contains("  settlements       3 checked\n")
                .contains("  readings          12 checked (signature and Merkle proof)\n")
                .contains("  payouts           2 checked (amount and recipient)\n")
                .contains("  billing rows      3 checked\n")
                .contains("  orders of the day 3: 3 settled, 0 unsettled, 0 cancelled\n")
                .endsWith("VERIFIED\n");
    }

    @Test
    void anAggregatorAuditingItsOwnSettlementsIsToldTheDaysRootIsNotReDerived() {
        // Aggregator1 reads its own settlements only: here two of the three; the root anchored on the
        // EVM chain covers all three, so it cannot match and is not compared.
        List<SettlementFacts> facts = facts().subList(0, 2);
        PeriodReport r = AUDITOR.audit(new DayFacts(
                DAY,
                facts,
                orders.subList(0, 2),
                anchored,
                root(facts()),
                paidWherePositive(facts),
                true,
                "Aggregator1MSP"));
        assertThat(allDiscrepancies(r)).isEmpty();
        assertThat(r.toText())
                .contains("(not re-derived: it covers every aggregator's settlements and Aggregator1MSP reads its own;")
                .endsWith("VERIFIED\n");
        // The same facts as the whole day are a discrepancy: the root does not cover them.
        assertThat(allDiscrepancies(AUDITOR.audit(new DayFacts(
                        DAY, facts, orders.subList(0, 2), anchored, root(facts()), paidWherePositive(facts), true))))
                .singleElement()
                .satisfies(d -> assertThat(d).startsWith("EVM anchor of 2026-11-28: anchored root"));
    }

    @Test
    void withoutABillingStoreTheReportSaysBillingWasNotChecked() {
        billing.clear();
        List<SettlementFacts> facts = facts();
        PeriodReport r =
                AUDITOR.audit(new DayFacts(DAY, facts, orders, anchored, root(facts), paidWherePositive(facts), false));
        assertThat(allDiscrepancies(r)).isEmpty();
        assertThat(r.checked().billingChecked()).isFalse();
        assertThat(r.toText()).contains("  billing rows      not checked (no billing store)\n");
    }

    /**
     * Home 3 delivered nothing of its 2 kWh at 0.20 EUR/kWh: net -0.2000. Its aggregator disputes that
     * and claims half was delivered: 1 kWh credited and 1 short, net 0.2000 - 0.1000 = 0.1000.
     */
    static final Map<String, String> HALF =
            Map.of("creditedKwh", "1.000000", "shortfallKwh", "1.000000", "netEur", "0.1000");

    /** One version of dispute d-1 of stl-ord-o-3, opened by Aggregator1 with {@code claim}. */
    private static DisputeRecord.Version version(String txId, String state, Map<String, String> claim, String outcome) {
        Map<String, String> f = new HashMap<>();
        f.put("id", "d-1");
        f.put("settlementId", "stl-ord-o-3");
        f.put("openedBy", "Aggregator1MSP");
        f.put("dsoMsp", "DsoMSP");
        f.put("aggregatorMsp", "Aggregator1MSP");
        f.put("state", state);
        if (outcome != null) {
            f.put("outcome", outcome);
            f.put("resolvedBy", "DsoMSP");
        }
        return new DisputeRecord.Version(txId, f, claim);
    }

    /** Dispute d-1 opened with {@code claim} and resolved with {@code outcome}, and both its versions. */
    private static DisputeRecord dispute(Map<String, String> claim, String outcome) {
        DisputeRecord.Version resolved = version("tx-resolve", "RESOLVED", claim, outcome);
        return new DisputeRecord(
                new DisputeRecord.Version(null, resolved.fields(), claim),
                List.of(resolved, version("tx-open", "OPEN", claim, null)));
    }

    /**
     * stl-ord-o-3 as the ledger holds it after dispute d-1 was resolved with {@code outcome} and its net
     * became {@code net} (the settled net kept as originalNetEur when it changed); billing follows.
     */
    private void resolve(String outcome, String net) {
        SettlementRecord s = ledger.get("stl-ord-o-3");
        Map<String, String> f = new HashMap<>(s.fields());
        if (!net.equals(f.get("netEur"))) {
            f.put("originalNetEur", f.get("netEur"));
        }
        f.put("netEur", net);
        f.put("state", "RESOLVED");
        f.put("disputeId", "d-1");
        f.put("disputeOutcome", outcome);
        ledger.put(s.id(), new SettlementRecord(f, s.detailsJson(), s.lines(), s.txId(), s.blockNumber()));
        billing.get(s.id()).put("netEur", net);
    }

    @Nested
    class Disputes {
        @Test
        void anUpheldDisputeAppliesItsClaimAndKeepsTheAnchoredRoot() {
            List<SettlementFacts> honest = facts();
            String anchored = SettlementRoot.tree(
                            honest.stream().map(SettlementFacts::settlement).toList())
                    .rootHex();
            disputes.put("d-1", dispute(HALF, "UPHELD"));
            resolve("UPHELD", "0.1000");

            List<SettlementFacts> after = facts();
            PeriodReport r = audit(after, anchored, paidWherePositive(after));
            assertThat(allDiscrepancies(r)).isEmpty();
            assertThat(r.verified()).isTrue();
            // Changing the settled terms themselves still changes the root.
            SettlementRecord s = ledger.get("stl-ord-o-3");
            Map<String, String> f = new HashMap<>(s.fields());
            f.put("originalNetEur", "-0.1000");
            ledger.put(s.id(), new SettlementRecord(f, s.detailsJson(), s.lines(), s.txId(), s.blockNumber()));
            assertThat(SettlementRoot.tree(facts().stream()
                                    .map(SettlementFacts::settlement)
                                    .toList())
                            .rootHex())
                    .isNotEqualTo(anchored);
        }

        @Test
        void aRejectedDisputeLeavesTheNet() {
            disputes.put("d-1", dispute(HALF, "REJECTED"));
            resolve("REJECTED", "-0.2000");
            assertThat(allDiscrepancies(audit(facts()))).isEmpty();
            // Rejected, yet the net changed: both values are named.
            resolve("REJECTED", "0.1000");
            assertThat(allDiscrepancies(audit(facts())))
                    .contains(
                            "stl-ord-o-3 field netEur: ledger 0.1000, re-derived -0.2000",
                            "stl-ord-o-3 field originalNetEur: ledger -0.2000, but no upheld dispute replaced the net");
        }

        /** The attack: the net of a resolved settlement set to an amount no dispute states. */
        @Test
        void aResolvedNetWithoutADisputeIsNamedWithBothValues() {
            resolve("UPHELD", "1000000.0000");
            List<SettlementFacts> facts = facts();
            assertThat(allDiscrepancies(audit(facts)))
                    .containsExactly(
                            "stl-ord-o-3 settlement stl-ord-o-3: RESOLVED, but the ledger has no dispute d-1",
                            "stl-ord-o-3 field netEur: ledger 1000000.0000, re-derived -0.2000",
                            "stl-ord-o-3 field originalNetEur: ledger -0.2000, but no upheld dispute replaced the net");
            assertThat(audit(facts).toText()).containsPattern("stl-ord-o-3\\s+DISCREPANCY");
        }

        @Test
        void aNetOtherThanTheUpheldClaimIsNamedWithBothValues() {
            disputes.put("d-1", dispute(HALF, "UPHELD"));
            resolve("UPHELD", "1000000.0000");
            assertThat(allDiscrepancies(audit(facts())))
                    .containsExactly(
                            "stl-ord-o-3 field netEur: ledger 1000000.0000, claim of upheld dispute d-1 0.1000");
        }

        /** A dispute resolved the old way: upheld with the resolver's own amount and no claim. */
        @Test
        void anUpheldDisputeWithoutFiguresIsNamed() {
            DisputeRecord old = dispute(Map.of(), "UPHELD");
            Map<String, String> f = new HashMap<>(old.current().fields());
            f.put("adjustedNetEur", "1000000.0000");
            disputes.put("d-1", new DisputeRecord(new DisputeRecord.Version(null, f, Map.of()), old.history()));
            resolve("UPHELD", "1000000.0000");
            assertThat(allDiscrepancies(audit(facts())))
                    .containsExactly(
                            "stl-ord-o-3 dispute d-1 claim: upheld, but it states no figures: its net 1000000.0000 was"
                                    + " set by the resolver alone",
                            "stl-ord-o-3 field netEur: ledger 1000000.0000, re-derived -0.2000",
                            "stl-ord-o-3 field originalNetEur: ledger -0.2000, but no upheld dispute replaced the net");
        }

        @Test
        void aClaimBeyondWhatTheOrderCanBeWorthIsNamed() {
            Map<String, String> million =
                    Map.of("creditedKwh", "2.000000", "shortfallKwh", "0.000000", "netEur", "1000000.0000");
            disputes.put("d-1", dispute(million, "UPHELD"));
            resolve("UPHELD", "1000000.0000");
            assertThat(allDiscrepancies(audit(facts())))
                    .contains(
                            "stl-ord-o-3 dispute d-1 claim netEur: 1000000.0000 is outside [-0.2000, 0.4000], what the"
                                    + " order can be worth (2.000000 kWh ordered at 0.20000 EUR/kWh, penalty factor 0.5)",
                            "stl-ord-o-3 field netEur: ledger 1000000.0000, re-derived -0.2000");
        }

        @Test
        void aClaimChangedAfterItWasOpenedIsNamed() {
            Map<String, String> all = Map.of("creditedKwh", "2.000000", "shortfallKwh", "0.000000", "netEur", "0.4000");
            DisputeRecord accepted = dispute(all, "UPHELD");
            disputes.put(
                    "d-1",
                    new DisputeRecord(
                            accepted.current(),
                            List.of(accepted.history().get(0), version("tx-open", "OPEN", HALF, null))));
            resolve("UPHELD", "0.4000");
            assertThat(allDiscrepancies(audit(facts())))
                    .anySatisfy(
                            d -> assertThat(d).startsWith("stl-ord-o-3 dispute d-1 history tx-open claim: version {"))
                    .contains("stl-ord-o-3 field netEur: ledger 0.4000, re-derived -0.2000");
        }

        @Test
        void aDisputeResolvedByItsOpenerOrResolvedTwiceIsNamed() {
            DisputeRecord d = dispute(HALF, "UPHELD");
            Map<String, String> self = new HashMap<>(d.current().fields());
            self.put("resolvedBy", "Aggregator1MSP");
            disputes.put("d-1", new DisputeRecord(new DisputeRecord.Version(null, self, HALF), d.history()));
            resolve("UPHELD", "0.1000");
            assertThat(allDiscrepancies(audit(facts())))
                    .contains(
                            "stl-ord-o-3 dispute d-1 resolvedBy: dispute Aggregator1MSP, the other party DsoMSP",
                            "stl-ord-o-3 field netEur: ledger 0.1000, re-derived -0.2000");

            List<DisputeRecord.Version> twice = new ArrayList<>(d.history());
            twice.add(version("tx-again", "RESOLVED", HALF, "UPHELD"));
            disputes.put("d-1", new DisputeRecord(d.current(), twice));
            assertThat(allDiscrepancies(audit(facts())))
                    .contains(
                            "stl-ord-o-3 dispute d-1 history: 3 version(s), 1 OPEN and 2 RESOLVED; a dispute is opened"
                                    + " once and resolved once");
        }
    }

    @Nested
    class Orders {
        /** An order of Aggregator2MSP (whose readings are not anchored) in {@code state}, with no settlement. */
        private DayFacts.Order unsettled(String state) {
            DayFacts.Order o = new DayFacts.Order("ord-x", state, "o-x", "Aggregator2MSP");
            orders.add(o);
            return o;
        }

        @Test
        void anAcceptedOrderOfADayThatEndedIsNamed() {
            unsettled("ACCEPTED");
            PeriodReport r = audit(facts());
            assertThat(allDiscrepancies(r))
                    .containsExactly("order ord-x: accepted, never settled (the day ended at 2026-11-29T00:00:00Z)");
            assertThat(r.checked().orders()).isEqualTo(new PeriodReport.OrderCounts(3, 1, 0, 0));
            assertThat(r.verified()).isFalse();
            assertThat(r.toText()).contains("  orders of the day 4: 3 settled, 1 unsettled, 0 cancelled\n");
        }

        @Test
        void anActivatedOrderNeverSettledIsNamedToo() {
            unsettled("ACTIVATED");
            assertThat(allDiscrepancies(audit(facts())))
                    .containsExactly("order ord-x: activated, never settled (the day ended at 2026-11-29T00:00:00Z)");
        }

        @Test
        void beforeTheDayEndsAnAcceptedOrderIsNamedOnceItsReadingsAreAnchored() {
            unsettled("ACCEPTED");
            List<SettlementFacts> facts = facts();
            PeriodAuditor midday = auditorAt(DAY_END.minusSeconds(12 * 3600));
            // Its aggregator's readings are not anchored yet: it cannot be settled yet.
            PeriodReport early = midday.audit(day(facts, root(facts), paidWherePositive(facts)));
            assertThat(allDiscrepancies(early)).isEmpty();
            assertThat(early.checked().orders()).isEqualTo(new PeriodReport.OrderCounts(3, 1, 1, 0));
            assertThat(early.toText())
                    .contains("  orders of the day 4: 3 settled, 1 unsettled (1 not yet settleable), 0 cancelled\n");

            anchored.add("Aggregator2MSP");
            assertThat(allDiscrepancies(midday.audit(day(facts, root(facts), paidWherePositive(facts)))))
                    .containsExactly("order ord-x: accepted, never settled (the readings of Aggregator2MSP for"
                            + " 2026-11-28 are anchored on the ledger)");
        }

        @Test
        void aCancelledOrderIsCountedNotNamed() {
            orders.add(new DayFacts.Order("ord-x", "CANCELLED", "o-x", null));
            PeriodReport r = audit(facts());
            assertThat(allDiscrepancies(r)).isEmpty();
            assertThat(r.checked().orders()).isEqualTo(new PeriodReport.OrderCounts(3, 0, 0, 1));
        }

        @Test
        void aSettledOrderWithoutASettlementIsNamed() {
            orders.add(new DayFacts.Order("ord-x", "SETTLED", "o-x", null));
            assertThat(allDiscrepancies(audit(facts())))
                    .containsExactly("order ord-x: SETTLED, but the ledger lists no settlement of it for 2026-11-28");
        }

        @Test
        void anOrderStillAcceptedThoughSettledIsNamed() {
            orders.set(0, new DayFacts.Order("ord-o-1", "ACCEPTED", "o-1", "Aggregator1MSP"));
            assertThat(allDiscrepancies(audit(facts())))
                    .containsExactly("order ord-o-1: accepted on the ledger, but settlement stl-ord-o-1 settles it");
        }

        @Test
        void anUnknownOrderStateIsNamed() {
            orders.add(new DayFacts.Order("ord-x", "PAID", "o-x", null));
            assertThat(allDiscrepancies(audit(facts())))
                    .containsExactly("order ord-x: state PAID is not an order state");
        }
    }

    @Nested
    class NothingToAudit {
        @Test
        void anEmptyDayIsNothingToAuditNotVerified() {
            orders.clear();
            PeriodReport r = audit(List.of(), null, Map.of());
            assertThat(allDiscrepancies(r)).isEmpty();
            assertThat(r.state()).isEqualTo(PeriodReport.State.NOTHING_TO_AUDIT);
            assertThat(r.verified()).isFalse();
            assertThat(r.toText())
                    .contains("  orders of the day 0: 0 settled, 0 unsettled, 0 cancelled\n")
                    .endsWith("\nNOTHING TO AUDIT\n")
                    .doesNotContain("VERIFIED");
        }

        @Test
        void aDayWithOnlyCancelledOrdersOrOrdersNotYetSettleableIsNothingToAudit() {
            orders.clear();
            orders.add(new DayFacts.Order("ord-x", "ACCEPTED", "o-x", "Aggregator2MSP"));
            orders.add(new DayFacts.Order("ord-y", "CANCELLED", "o-y", null));
            PeriodReport r = auditorAt(DAY_END.minusSeconds(3600)).audit(day(List.of(), null, Map.of()));
            assertThat(allDiscrepancies(r)).isEmpty();
            assertThat(r.state()).isEqualTo(PeriodReport.State.NOTHING_TO_AUDIT);
        }

        @Test
        void aRootAnchoredForADayWithoutSettlementStaysADiscrepancy() {
            orders.clear();
            PeriodReport r = audit(List.of(), "ab".repeat(32), Map.of());
            assertThat(allDiscrepancies(r))
                    .containsExactly("EVM anchor of 2026-11-28: a root is anchored but the ledger has no settlement");
            assertThat(r.state()).isEqualTo(PeriodReport.State.DISCREPANCIES);
            assertThat(r.toText()).endsWith("\nDISCREPANCIES FOUND\n");
        }

        @Test
        void anEndedDayWhoseOrdersWereNeverSettledIsADiscrepancy() {
            orders.clear();
            orders.add(new DayFacts.Order("ord-x", "ACCEPTED", "o-x", "Aggregator2MSP"));
            PeriodReport r = audit(List.of(), null, Map.of());
            assertThat(r.state()).isEqualTo(PeriodReport.State.DISCREPANCIES);
            assertThat(r.verified()).isFalse();
        }

        @Test
        void aDayWithSettlementsThatAllVerifyIsVerified() {
            assertThat(audit(facts()).state()).isEqualTo(PeriodReport.State.VERIFIED);
        }
    }

    @Nested
    class Payouts {
        private final EvmAddress stranger = EvmAddress.of("0x" + "5a".repeat(20));

        /** The payouts of an honest run with {@code id}'s replaced by {@code p} (removed when null). */
        private Map<String, Payout> with(List<SettlementFacts> facts, String id, Payout p) {
            Map<String, Payout> paid = paidWherePositive(facts);
            if (p == null) {
                paid.remove(id);
            } else {
                paid.put(id, p);
            }
            return paid;
        }

        @Test
        void aPositiveNetWithoutPayoutIsNamed() {
            List<SettlementFacts> facts = facts();
            assertThat(allDiscrepancies(audit(facts, root(facts), with(facts, "stl-ord-o-2", null))))
                    .containsExactly("payout of stl-ord-o-2: not paid out, net owed 0.1000 EUR");
        }

        @Test
        void aPayoutOfANegativeNetIsNamed() {
            List<SettlementFacts> facts = facts();
            Payout p = new Payout(ACCOUNTS.of("Aggregator1MSP"), 20, tx("x"));
            assertThat(allDiscrepancies(audit(facts, root(facts), with(facts, "stl-ord-o-3", p))))
                    .containsExactly("payout of stl-ord-o-3: paid out 20 cents to " + p.recipient() + " (tx "
                            + p.txHash() + "), net -0.2000 EUR");
        }

        @Test
        void aPayoutOfAnotherAmountIsNamed() {
            List<SettlementFacts> facts = facts();
            Payout p = new Payout(ACCOUNTS.of("Aggregator1MSP"), 4_000, tx("x"));
            assertThat(allDiscrepancies(audit(facts, root(facts), with(facts, "stl-ord-o-1", p))))
                    .containsExactly("payout of stl-ord-o-1: paid 4000 cents (tx " + p.txHash()
                            + "), the net 0.4000 EUR is 40 cents");
        }

        @Test
        void aPayoutToAnotherAccountIsNamed() {
            List<SettlementFacts> facts = facts();
            Payout p = new Payout(stranger, 40, tx("x"));
            assertThat(allDiscrepancies(audit(facts, root(facts), with(facts, "stl-ord-o-1", p))))
                    .containsExactly("payout of stl-ord-o-1: paid to " + stranger + " (tx " + p.txHash()
                            + "), the account of Aggregator1MSP is " + ACCOUNTS.of("Aggregator1MSP"));
        }

        @Test
        void aPayoutToAnAggregatorWithoutAConfiguredAccountIsNamed() {
            List<SettlementFacts> facts = facts();
            PeriodAuditor unconfigured = new PeriodAuditor(
                    new Auditor(SettlementRule.DEFAULT),
                    new AggregatorAccounts(Map.of("Aggregator2MSP", AggregatorAccounts.GANACHE_ACCOUNT_2)),
                    Clock.systemUTC());
            assertThat(allDiscrepancies(unconfigured.audit(day(facts, root(facts), paidWherePositive(facts)))))
                    .hasSize(2)
                    .allSatisfy(d -> assertThat(d).endsWith("but no EVM account is configured for Aggregator1MSP"));
        }
    }

    @Nested
    class Tampering {
        @Test
        void aChangedStoredReadingIsNamedBySignatureAndProof() {
            List<SettlementFacts> facts = new ArrayList<>(facts());
            SettlementFacts f = facts.get(1);
            List<ProvenReading> readings = new ArrayList<>(f.readings().readings());
            ProvenReading slot69 = readings.stream()
                    .filter(p -> p.signed().reading().slot() == 69)
                    .findFirst()
                    .orElseThrow();
            MeterReading r = slot69.signed().reading();
            // The stored value is lowered to claim more delivery; the signature is kept.
            MeterReading lowered = new MeterReading(
                    r.deviceId(), r.assetId(), r.day(), r.slot(), KilowattHours.of("0.250"), r.sequence());
            readings.set(
                    readings.indexOf(slot69),
                    new ProvenReading(new SignedReading(lowered, slot69.signed().signatureBase64()), slot69.proof()));
            facts.set(1, withReadings(f, readings));

            List<String> found = allDiscrepancies(audit(facts));
            assertThat(found)
                    .anySatisfy(d ->
                            assertThat(d).contains("stl-ord-o-2 reading m-2 slot 69: the signature does not verify"))
                    .anySatisfy(d -> assertThat(d)
                            .contains("stl-ord-o-2 reading m-2 slot 69: its Merkle proof")
                            .contains(ledgerAnchor.rootHex()));
            // The re-derived settlement no longer matches either, and only home 2 is affected.
            assertThat(found).anySatisfy(d -> assertThat(d).contains("stl-ord-o-2 field creditedKwh"));
            assertThat(found).allSatisfy(d -> assertThat(d).startsWith("stl-ord-o-2"));
        }

        @Test
        void aChangedSettlementFieldOnTheLedgerIsNamedWithBothValues() {
            SettlementRecord s = ledger.get("stl-ord-o-1");
            Map<String, String> f = new HashMap<>(s.fields());
            String honest = f.get("paymentEur");
            f.put("paymentEur", "9.9900");
            ledger.put(s.id(), new SettlementRecord(f, s.detailsJson(), s.lines(), s.txId(), s.blockNumber()));

            List<String> found = allDiscrepancies(audit(facts()));
            assertThat(found)
                    .anySatisfy(d -> assertThat(d)
                            .isEqualTo("stl-ord-o-1 field paymentEur: ledger 9.9900, re-derived " + honest));
            assertThat(found)
                    .filteredOn(d -> d.startsWith("stl-ord-o-2") || d.startsWith("stl-ord-o-3"))
                    .isEmpty();
        }

        @Test
        void aChangedBillingFieldIsNamed() {
            billing.get("stl-ord-o-3").put("netEur", "1.0000");
            List<String> found = allDiscrepancies(audit(facts()));
            assertThat(found)
                    .containsExactly("stl-ord-o-3 billing netEur: billing 1.0000, ledger "
                            + ledger.get("stl-ord-o-3").field("netEur"));
        }

        @Test
        void aMissingBillingRowIsNamed() {
            billing.remove("stl-ord-o-2");
            PeriodReport r = audit(facts());
            assertThat(allDiscrepancies(r)).containsExactly("stl-ord-o-2 billing row of stl-ord-o-2: missing");
            assertThat(r.checked().billingRows()).isEqualTo(2);
            assertThat(r.toText()).containsPattern("stl-ord-o-2\\s+DISCREPANCY");
        }

        @Test
        void aChangedReadingAnchorIsNamed() {
            String forged = MerkleTree.hex(MerkleTree.leafHash("forged"));
            ledgerAnchor = new ReadingAnchor(DAY, "Aggregator1MSP", forged, tree.leafCount());
            List<String> found = allDiscrepancies(audit(facts()));
            assertThat(found)
                    .anySatisfy(d -> assertThat(d)
                            .isEqualTo("stl-ord-o-1 anchor rootHex: bridge " + tree.rootHex() + ", ledger " + forged))
                    .anySatisfy(d -> assertThat(d).contains("does not lead to the ledger anchor " + forged));
        }

        @Test
        void aBaselineThatIsNotTheCommittedOneIsNamed() {
            List<SettlementFacts> facts = new ArrayList<>(facts());
            SettlementFacts f = facts.get(0);
            facts.set(
                    0,
                    new SettlementFacts(
                            f.settlement(),
                            f.order(),
                            f.offer(),
                            f.committedBaselineHash(),
                            f.revealedBaseline(),
                            "ffeeddccbbaa99887766554433221100",
                            f.ledgerAnchor(),
                            f.readings(),
                            f.devices(),
                            f.billing(),
                            f.dispute()));
            assertThat(allDiscrepancies(audit(facts)))
                    .anySatisfy(d ->
                            assertThat(d).startsWith("stl-ord-o-1 baseline of home-1: the revealed values hash to"));
        }

        @Test
        void aDifferentEvmAnchorAndAMissingPayoutAreNamed() {
            List<SettlementFacts> facts = facts();
            String other = MerkleTree.hex(MerkleTree.leafHash("other"));
            PeriodReport r = audit(
                    facts, other, Map.of("stl-ord-o-1", paidWherePositive(facts).get("stl-ord-o-1")));
            assertThat(r.verified()).isFalse();
            assertThat(allDiscrepancies(r))
                    .anySatisfy(d -> assertThat(d).startsWith("EVM anchor of 2026-11-28: anchored root " + other))
                    .anySatisfy(d -> assertThat(d).startsWith("payout of stl-ord-o-2: not paid out"));
            assertThat(audit(facts, null, paidWherePositive(facts)).periodDiscrepancies())
                    .extracting(Discrepancy::toString)
                    .containsExactly("EVM anchor of 2026-11-28: no root anchored for the period");
        }

        @Test
        void aMissingMeterReadingIsNamed() {
            List<SettlementFacts> facts = new ArrayList<>(facts());
            SettlementFacts f = facts.get(2);
            facts.set(
                    2,
                    withReadings(
                            f,
                            f.readings().readings().stream()
                                    .filter(p -> p.signed().reading().slot() != 70)
                                    .toList()));
            assertThat(allDiscrepancies(audit(facts)))
                    .containsExactly("stl-ord-o-3 slot 70: no meter reading of home-3 from the bridge");
        }
    }

    /** The meter's registration on the ledger: its state and the keys it had, each with its period. */
    @Nested
    class MeterKeys {
        private final Instant slot70 = MarketPeriod.of(DAY).slot(70).start();

        /** Home 2's meter with its day's key retired at {@code retiredAt} and a new key current since then. */
        private DeviceRegistration rotatedAt(Instant retiredAt) throws Exception {
            Device meter = homes.get(1).meter();
            Device now = new Device(
                    meter.id(),
                    meter.assetId(),
                    DeviceKind.METER,
                    "EC",
                    Base64.getEncoder().encodeToString(p256().getPublic().getEncoded()));
            return new DeviceRegistration(
                    now,
                    DeviceState.ACTIVE,
                    List.of(
                            new DeviceKey(1, meter.keyAlgorithm(), meter.publicKeyBase64(), null, retiredAt),
                            new DeviceKey(2, now.keyAlgorithm(), now.publicKeyBase64(), retiredAt, null)));
        }

        private List<String> auditWithHome2(DeviceRegistration registration) {
            List<SettlementFacts> facts = new ArrayList<>(facts());
            facts.set(1, withDevice(facts.get(1), registration));
            return allDiscrepancies(audit(facts));
        }

        @Test
        void aKeyReplacedAfterTheDayStillVerifiesTheDaysReadings() throws Exception {
            // The current key is not the one the readings were signed with; the retired one covers the day.
            assertThat(auditWithHome2(rotatedAt(DAY_END.plusSeconds(600)))).isEmpty();
        }

        @Test
        void aKeyRetiredDuringTheDayCannotSignTheSlotsAfterIt() throws Exception {
            List<String> found = auditWithHome2(rotatedAt(slot70));
            assertThat(found)
                    .containsExactlyInAnyOrder(
                            "stl-ord-o-2 reading m-2 slot 70: the signature does not verify with any key the ledger"
                                    + " registered for the meter during the slot (2 key(s) on record)",
                            "stl-ord-o-2 reading m-2 slot 71: the signature does not verify with any key the ledger"
                                    + " registered for the meter during the slot (2 key(s) on record)");
        }

        @Test
        void aKeyApprovedAfterTheDayCannotSignTheDaysReadings() throws Exception {
            // The readings were signed with a key the ledger only knows from after the day: a key
            // introduced later must not vouch for readings of a day already over.
            DeviceRegistration r = rotatedAt(DAY_END.plusSeconds(600));
            DeviceKey old = r.keys().get(0);
            DeviceKey later =
                    new DeviceKey(2, old.keyAlgorithm(), old.publicKeyBase64(), DAY_END.plusSeconds(600), null);
            DeviceKey before = r.keys().get(1);
            DeviceRegistration swapped = new DeviceRegistration(
                    homes.get(1).meter(),
                    DeviceState.ACTIVE,
                    List.of(
                            new DeviceKey(
                                    1, before.keyAlgorithm(), before.publicKeyBase64(), null, DAY_END.plusSeconds(600)),
                            later));
            assertThat(auditWithHome2(swapped))
                    .contains("stl-ord-o-2 reading m-2 slot 68: the signature does not verify with any key the ledger"
                            + " registered for the meter during the slot (2 key(s) on record)");
        }

        @Test
        void aMeterTheDsoNeverApprovedIsNamed() {
            Device meter = homes.get(1).meter();
            List<String> found =
                    auditWithHome2(new DeviceRegistration(meter, DeviceState.PROPOSED, List.of(meter.key())));
            assertThat(found)
                    .hasSize(4)
                    .allSatisfy(d -> assertThat(d).endsWith("meter m-2 is PROPOSED: the DSO has not approved it"));
        }
    }

    private static SettlementFacts withDevice(SettlementFacts f, DeviceRegistration registration) {
        return new SettlementFacts(
                f.settlement(),
                f.order(),
                f.offer(),
                f.committedBaselineHash(),
                f.revealedBaseline(),
                f.revealedSalt(),
                f.ledgerAnchor(),
                f.readings(),
                Map.of(registration.id(), registration),
                f.billing(),
                f.dispute());
    }

    private static SettlementFacts withReadings(SettlementFacts f, List<ProvenReading> readings) {
        return new SettlementFacts(
                f.settlement(),
                f.order(),
                f.offer(),
                f.committedBaselineHash(),
                f.revealedBaseline(),
                f.revealedSalt(),
                f.ledgerAnchor(),
                new DayReadings(
                        f.readings().day(),
                        f.readings().assetId(),
                        f.readings().aggregatorMsp(),
                        f.readings().anchor(),
                        readings),
                f.devices(),
                f.billing(),
                f.dispute());
    }
}
