package io.flexledger.settlement.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.settlement.blocks.CommittedWrites;
import io.flexledger.settlement.finding.Discrepancy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit of community statements on a small, honest community day built with real keys, a real
 * Merkle tree and the community settlement rule, as the chaincode records it; then each tampering case,
 * which the audit must name.
 */
class CommunityAuditorTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final String COMMUNITY = "Aggregator1MSP";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CommunityAuditor AUDITOR = new CommunityAuditor(CommunitySettlementRule.DEFAULT);

    /** A home of the community: its meter and its signed readings of slots 64-75. */
    private record Home(String id, String member, Device meter, KeyPair keys, List<SignedReading> readings) {}

    private Home seller;
    private Home buyer;
    private MerkleTree tree;
    private List<SignedReading> leaves;
    private ReadingAnchor anchor;
    private ObjectNode clearing;
    private ObjectNode dayRecord;

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Home i: its meter reads {@code kwh} in every slot from 64 to 75. */
    private static Home home(int i, String member, String kwh) throws Exception {
        KeyPair keys = p256();
        String asset = "home-" + i;
        Device meter = new Device(
                "m-" + i,
                asset,
                DeviceKind.METER,
                "EC",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        List<SignedReading> readings = new ArrayList<>();
        for (int s = 64; s < 76; s++) {
            readings.add(SignedReading.sign(
                    new MeterReading(meter.id(), asset, DAY, s, KilowattHours.of(kwh), s + 1L), keys.getPrivate()));
        }
        return new Home(asset, member, meter, keys, readings);
    }

    private static ObjectNode trade(String orderId, Home h, int slot, String side, String kw, String price) {
        return JSON.createObjectNode()
                .put("orderId", orderId)
                .put("homeId", h.id())
                .put("member", h.member())
                .put("slot", slot)
                .put("side", side)
                .put("flexible", false)
                .put("kw", kw)
                .put("price", price);
    }

    @BeforeEach
    void anHonestDay() throws Exception {
        // The seller exports 0.3 kWh per slot, the buyer imports 0.4 kWh.
        seller = home(1, "agg1-prosumer", "-0.300");
        buyer = home(2, "community-prosumer", "0.400");
        leaves = new ArrayList<>();
        leaves.addAll(seller.readings());
        leaves.addAll(buyer.readings());
        leaves.sort(Comparator.comparing((SignedReading r) -> r.reading().assetId())
                .thenComparingInt(r -> r.reading().slot()));
        tree = MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
        anchor = new ReadingAnchor(DAY, COMMUNITY, tree.rootHex(), tree.leafCount());
        clearing = JSON.createObjectNode()
                .put("community", COMMUNITY)
                .put("day", DAY.toString())
                .put("pricing", "PAY_AS_CLEAR");
        ArrayNode trades = clearing.putArray("trades");
        trades.add(trade("s-68", seller, 68, "SELL", "2", "0.165"));
        trades.add(trade("b-68", buyer, 68, "BUY", "2", "0.165"));
        trades.add(trade("s-69", seller, 69, "SELL", "1", "0.165"));
        trades.add(trade("b-69", buyer, 69, "BUY", "1", "0.165"));
        clearing.put("recordedAt", "2026-11-28T19:00:00Z").put("txId", "tx-clearing");
        dayRecord = JSON.createObjectNode().put("community", COMMUNITY).put("day", DAY.toString());
        ArrayNode imports = dayRecord.putArray("importPrice");
        ArrayNode exports = dayRecord.putArray("exportPrice");
        for (int s = 0; s < MarketPeriod.of(DAY).slotCount(); s++) {
            imports.add("0.3");
            exports.add("0.05");
        }
    }

    /** The home's trades in {@code clearing}, as the chaincode reads them. */
    private static List<CommunityTrade> trades(JsonNode clearing, String homeId) {
        return CommunityRecords.trades(MarketRecords.stored(clearing.toString()), homeId);
    }

    private List<EurosPerKwh> prices(String side) {
        return CommunityRecords.prices(MarketRecords.stored(dayRecord.toString()), side);
    }

    /**
     * The private statement the chaincode records for {@code h} on the trades of {@code tradesOf} (the
     * clearing, unless a test makes the operator settle other trades).
     */
    private ObjectNode statement(Home h, JsonNode tradesOf) {
        List<CommunityTrade> trades = trades(tradesOf, h.id());
        List<Integer> slots = CommunitySettlementRule.tradedSlots(trades);
        List<SignedReading> signed = h.readings().stream()
                .filter(r -> slots.contains(r.reading().slot()))
                .toList();
        CommunityStatement s = CommunitySettlementRule.DEFAULT.settle(
                COMMUNITY,
                h.id(),
                MarketPeriod.of(DAY),
                trades,
                prices("importPrice"),
                prices("exportPrice"),
                signed.stream().map(SignedReading::reading).toList());
        List<JsonNode> readings = new ArrayList<>();
        for (SignedReading r : signed) {
            readings.add(ReadingCodec.toJson(r, tree.proof(leaves.indexOf(r))));
        }
        return JSON.valueToTree(CommunityRecords.statement(
                s,
                h.member(),
                readings,
                anchor.rootHex(),
                Baseline.sha256Hex(clearing.toString()),
                Instant.parse("2026-11-29T01:00:00Z"),
                "tx-" + h.id()));
    }

    /** The public record the statement's transaction wrote, committing to {@code privateStatement}. */
    private static CommittedWrites.Committed committed(JsonNode privateStatement) {
        String p = CanonicalJson.write(CommunityRecords.publicStatement(
                privateStatement.path("community").asText(),
                privateStatement.path("day").asText(),
                privateStatement.path("homeId").asText(),
                Baseline.sha256Hex(privateStatement.toString()),
                privateStatement.path("anchorRoot").asText(),
                privateStatement.path("clearingSha256").asText(),
                Instant.parse(privateStatement.path("recordedAt").asText()),
                privateStatement.path("txId").asText()));
        return new CommittedWrites.Committed(
                9, "VALID", List.of(new CommittedWrites.Write("flexledger", "\u0000communityStatement\u0000", p)));
    }

    private CommunityFacts.Statement honest(Home h) {
        ObjectNode st = statement(h, clearing);
        return fact(h, st, committed(st));
    }

    private static CommunityFacts.Statement fact(Home h, JsonNode st, CommittedWrites.Committed committed) {
        return new CommunityFacts.Statement(
                st, Map.of(h.meter().id(), DeviceRegistration.active(h.meter())), Optional.of(committed));
    }

    private CommunityFacts day(List<CommunityFacts.Statement> statements) {
        ObjectNode clearingRecord = JSON.createObjectNode()
                .put("community", COMMUNITY)
                .put("day", DAY.toString())
                .put("sha256", Baseline.sha256Hex(clearing.toString()));
        return new CommunityFacts(
                COMMUNITY,
                DAY,
                Optional.of(clearingRecord),
                Optional.of(clearing),
                Optional.of(dayRecord),
                Optional.of(anchor),
                statements,
                true);
    }

    /** The honest day with the seller's statement changed by {@code tamper}, its public hash kept. */
    private CommunityCheck sellerAltered(Consumer<ObjectNode> tamper, boolean rehash) {
        ObjectNode st = statement(seller, clearing);
        CommittedWrites.Committed honestHash = committed(st);
        tamper.accept(st);
        return AUDITOR.audit(List.of(
                day(List.of(fact(seller, st, rehash ? committed(st) : honestHash), honest(buyer)))));
    }

    private static List<String> all(CommunityCheck c) {
        List<String> out = new ArrayList<>();
        c.statements().forEach(v -> v.discrepancies().forEach(d -> out.add(v.homeId() + " " + d)));
        c.discrepancies().forEach(d -> out.add(d.toString()));
        return out;
    }

    private static List<Discrepancy> of(CommunityCheck c, String home) {
        return c.statements().stream()
                .filter(v -> v.homeId().equals(home))
                .findFirst()
                .orElseThrow()
                .discrepancies();
    }

    @Test
    void anHonestDayVerifies() {
        CommunityCheck c = AUDITOR.audit(List.of(day(List.of(honest(seller), honest(buyer)))));

        assertThat(all(c)).isEmpty();
        assertThat(c.statements()).hasSize(2).allMatch(CommunityCheck.StatementVerdict::verified);
        assertThat(c.readingsChecked()).isEqualTo(4);
        assertThat(c.clean()).isTrue();
        assertThat(c.toText()).contains("community statements 2 re-derived (Aggregator1MSP), 4 reading(s) checked");
    }

    @Test
    void alteredTotalsAreNamedEvenWithAMatchingPublicHash() {
        CommunityCheck c = sellerAltered(st -> ((ObjectNode) st.path("totals")).put("netEur", "9.9900"), true);

        assertThat(of(c, seller.id())).extracting(Discrepancy::subject).containsExactly("totals netEur");
        assertThat(of(c, seller.id()).get(0).detail()).startsWith("statement 9.9900, re-derived ");
        assertThat(of(c, buyer.id())).isEmpty();
    }

    @Test
    void anAlteredLineIsNamed() {
        CommunityCheck c =
                sellerAltered(st -> ((ObjectNode) st.path("lines").path(0)).put("deliveredKwh", "0.500000"), true);

        assertThat(of(c, seller.id()))
                .containsExactly(
                        new Discrepancy("line slot 68 deliveredKwh", "statement 0.500000, re-derived 0.300000"));
    }

    @Test
    void aPrivateRecordThatDoesNotMatchItsPublicHashIsNamed() {
        CommunityCheck c = sellerAltered(st -> st.put("member", "someone-else"), false);

        assertThat(of(c, seller.id()))
                .extracting(Discrepancy::subject)
                .containsExactlyInAnyOrder("public sha256", "field member");
        assertThat(of(c, seller.id()).stream()
                        .filter(d -> d.subject().equals("public sha256"))
                        .findFirst()
                        .orElseThrow()
                        .detail())
                .contains("hash of the private statement");
    }

    @Test
    void aReadingWhoseProofDoesNotLeadToTheAnchorIsNamed() {
        CommunityCheck c = sellerAltered(
                st -> {
                    ObjectNode proof = (ObjectNode) st.path("readings").path(0).path("proof");
                    ArrayNode siblings = (ArrayNode) proof.path("siblings");
                    siblings.set(0, JSON.getNodeFactory().textNode("00".repeat(32)));
                },
                true);

        assertThat(of(c, seller.id())).extracting(Discrepancy::subject).containsExactly("reading m-1 slot 68");
        assertThat(of(c, seller.id()).get(0).detail())
                .contains("its Merkle proof")
                .contains("does not lead to the ledger anchor " + anchor.rootHex());
    }

    @Test
    void aReadingProvenAgainstARootOfTheOperatorsOwnIsNamed() {
        // The operator proves the seller's readings against a tree of its own and cites that root.
        MerkleTree own = MerkleTree.of(
                seller.readings().stream().map(SignedReading::leafHash).toList());
        CommunityCheck c = sellerAltered(
                st -> {
                    st.put("anchorRoot", own.rootHex());
                    for (JsonNode r : st.path("readings")) {
                        int slot = r.path("slot").asInt();
                        MerkleProof p = own.proof(slot - 64);
                        ((ObjectNode) r)
                                .set(
                                        "proof",
                                        ReadingCodec.toJson(seller.readings().get(slot - 64), p)
                                                .path("proof"));
                    }
                },
                true);

        assertThat(of(c, seller.id()))
                .extracting(Discrepancy::subject)
                .containsExactlyInAnyOrder("field anchorRoot", "reading m-1 slot 68", "reading m-1 slot 69");
    }

    @Test
    void aReadingSignedByAnotherKeyIsNamed() throws Exception {
        KeyPair other = p256();
        CommunityCheck c = sellerAltered(
                st -> {
                    ObjectNode r = (ObjectNode) st.path("readings").path(0);
                    MeterReading m = seller.readings().get(68 - 64).reading();
                    r.put("signature", SignedReading.sign(m, other.getPrivate()).signatureBase64());
                },
                true);

        assertThat(of(c, seller.id())).extracting(Discrepancy::subject).contains("reading m-1 slot 68");
        assertThat(all(c)).anyMatch(d -> d.contains("the signature does not verify"));
    }

    @Test
    void aTradeLeftOutIsNamed() {
        // The operator settles the seller as if it had not sold in slot 69.
        ObjectNode fewer = clearing.deepCopy();
        ArrayNode trades = (ArrayNode) fewer.path("trades");
        trades.remove(2);
        ObjectNode st = statement(seller, fewer);
        CommunityCheck c = AUDITOR.audit(List.of(day(List.of(fact(seller, st, committed(st)), honest(buyer)))));

        assertThat(of(c, seller.id())).extracting(Discrepancy::subject).contains("line slot 69");
        assertThat(all(c)).anyMatch(d -> d.contains("line slot 69: missing: the home traded in it (trade(s) [s-69])"));
    }

    @Test
    void aTradeAddedIsNamed() {
        // The operator settles the seller on a sale in slot 70 it never made.
        ObjectNode more = clearing.deepCopy();
        ((ArrayNode) more.path("trades")).add(trade("s-70", seller, 70, "SELL", "1", "0.165"));
        ObjectNode st = statement(seller, more);
        CommunityCheck c = AUDITOR.audit(List.of(day(List.of(fact(seller, st, committed(st)), honest(buyer)))));

        assertThat(all(c))
                .anyMatch(d -> d.equals("home-1 line slot 70: the clearing has no trade of home home-1 in it"));
        assertThat(of(c, buyer.id())).isEmpty();
    }

    @Test
    void aMissingStatementIsNamed() {
        CommunityCheck c = AUDITOR.audit(List.of(day(List.of(honest(seller)))));

        assertThat(c.discrepancies())
                .extracting(Discrepancy::subject)
                .containsExactly("statement Aggregator1MSP/home-2");
        assertThat(c.discrepancies().get(0).detail()).startsWith("missing: the home has 2 trade(s)");
        assertThat(c.clean()).isFalse();
    }

    @Test
    void aClearingWhoseTradesDoNotHashToItsPublicRecordIsNamed() {
        List<CommunityFacts.Statement> statements = List.of(honest(seller), honest(buyer));
        CommunityFacts honestDay = day(statements);
        ObjectNode altered = clearing.deepCopy();
        ((ObjectNode) altered.path("trades").path(0)).put("price", "0.5");
        CommunityFacts d = new CommunityFacts(
                COMMUNITY,
                DAY,
                honestDay.clearingRecord(),
                Optional.of(altered),
                honestDay.dayRecord(),
                honestDay.anchor(),
                statements,
                true);

        CommunityCheck c = AUDITOR.audit(List.of(d));

        assertThat(c.discrepancies()).extracting(Discrepancy::subject).contains("clearing of Aggregator1MSP on " + DAY);
        // The seller's statement no longer follows from the (altered) trades either.
        assertThat(of(c, seller.id())).extracting(Discrepancy::subject).contains("totals receivedEur");
    }

    @Test
    void aTransactionThePeerDoesNotHoldOrThatWasInvalidIsNamed() {
        ObjectNode st = statement(seller, clearing);
        CommittedWrites.Committed invalid = new CommittedWrites.Committed(
                9, "MVCC_READ_CONFLICT", committed(st).writes());
        CommunityCheck c = AUDITOR.audit(List.of(day(List.of(
                fact(seller, st, invalid),
                new CommunityFacts.Statement(
                        statement(buyer, clearing),
                        Map.of(buyer.meter().id(), DeviceRegistration.active(buyer.meter())),
                        Optional.empty())))));

        assertThat(of(c, seller.id())).extracting(Discrepancy::subject).containsExactly("transaction tx-home-1");
        assertThat(of(c, buyer.id())).extracting(Discrepancy::subject).containsExactly("transaction tx-home-2");
    }

    @Test
    void theVerdictOfTheDayIncludesTheCommunityStatements() {
        PeriodReport empty = new PeriodReport(
                DAY,
                List.of(),
                null,
                null,
                List.of(),
                new PeriodReport.Checked(0, false, 0, new PeriodReport.OrderCounts(0, 0, 0, 0), COMMUNITY));
        assertThat(empty.state()).isEqualTo(PeriodReport.State.NOTHING_TO_AUDIT);

        PeriodReport verified =
                empty.withCommunity(AUDITOR.audit(List.of(day(List.of(honest(seller), honest(buyer))))));
        assertThat(verified.state()).isEqualTo(PeriodReport.State.VERIFIED);
        assertThat(verified.toText()).contains("Aggregator1MSP/home-1").contains("VERIFIED");

        PeriodReport missing = empty.withCommunity(AUDITOR.audit(List.of(day(List.of(honest(seller))))));
        assertThat(missing.state()).isEqualTo(PeriodReport.State.DISCREPANCIES);
        assertThat(missing.toText()).contains("  - statement Aggregator1MSP/home-2: missing");

        PeriodReport unreadable = empty.withCommunity(CommunityCheck.notReadable("the DSO reads none"));
        assertThat(unreadable.toText())
                .contains("community statements: not readable by this party (the DSO reads none)");
        assertThat(unreadable.state()).isEqualTo(PeriodReport.State.NOTHING_TO_AUDIT);
    }

    @Test
    void aDayNotYetSettleableNamesNoMissingStatement() {
        CommunityFacts d = day(List.of());
        CommunityFacts early = new CommunityFacts(
                d.community(),
                DAY,
                d.clearingRecord(),
                d.clearing(),
                d.dayRecord(),
                Optional.empty(),
                List.of(),
                false);

        assertThat(AUDITOR.audit(List.of(early)).clean()).isTrue();
        // once the readings are anchored (or the day ended), both members are named
        assertThat(AUDITOR.audit(List.of(d)).discrepancies()).hasSize(2);
    }
}
