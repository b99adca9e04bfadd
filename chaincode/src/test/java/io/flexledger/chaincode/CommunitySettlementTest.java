package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DAY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.SignedReading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Settlement of community trades per member ({@code community:SettleCommunityMember}), each rule with the
 * attack of the party that would profit from breaking it. On the settlement scenario's grid (approved
 * meters at home-1, home-3, home-4), Aggregator1's community trades pay-as-bid on 2026-11-27: alice (home-1,
 * through CommunityMSP) sells 2 kW at 0.10 in slots 71 and 72, bob (home-3, through Aggregator1) buys them at
 * 0.25 (import 0.30, export 0.05 EUR/kWh). The anchored readings: home-1 exported 0.6 and 0.2 kWh, home-3
 * imported 0.5 and 0.1 kWh (and 0.2 in the untraded slot 73), home-4 imported 0.3 kWh in slot 71.
 */
class CommunitySettlementTest {
    static final String GATE = CommunityContractTest.GATE;
    static final List<SignedReading> LEAVES = List.of(
            SettlementScenario.sign("meter-1", "home-1", 71, "-0.6"),
            SettlementScenario.sign("meter-1", "home-1", 72, "-0.2"),
            SettlementScenario.sign("meter-3", "home-3", 71, "0.5"),
            SettlementScenario.sign("meter-3", "home-3", 72, "0.1"),
            SettlementScenario.sign("meter-4", "home-4", 71, "0.3"),
            SettlementScenario.sign("meter-3", "home-3", 73, "0.2"));
    static final MerkleTree TREE =
            MerkleTree.of(LEAVES.stream().map(SignedReading::leafHash).toList());

    SettlementScenario s;
    FakeLedger ledger;
    final CommunityContract community = new CommunityContract();

    @BeforeEach
    void tradedAndAnchored() {
        s = new SettlementScenario(true, false);
        ledger = s.ledger;
        ledger.now = Instant.parse("2026-11-26T12:00:00Z");
        ledger.as(
                AGG1,
                () -> community.openCommunityDay(ledger.ctx, CommunityContractTest.dayJson(AGG1, GATE, "PAY_AS_BID")));
        member(COMMUNITY, "alice", "home-1");
        member(AGG1, "bob", "home-3");
        post(COMMUNITY, "s-1", "home-1", "alice", 71, "SELL", "0.10");
        post(COMMUNITY, "s-2", "home-1", "alice", 72, "SELL", "0.10");
        post(AGG1, "b-1", "home-3", "bob", 71, "BUY", "0.25");
        post(AGG1, "b-2", "home-3", "bob", 72, "BUY", "0.25");
        ledger.now = Instant.parse(GATE);
        ledger.as(
                AGG1,
                () -> community.recordCommunityClearing(
                        ledger.ctx,
                        CommunityContractTest.clearingJson(
                                AGG1,
                                CommunityContractTest.trade("s-1", "2", "0.10"),
                                CommunityContractTest.trade("s-2", "2", "0.10"),
                                CommunityContractTest.trade("b-1", "2", "0.25"),
                                CommunityContractTest.trade("b-2", "2", "0.25"))));
        ledger.now = Instant.parse("2026-11-28T09:00:00Z");
        ledger.as(
                DSO,
                () -> s.anchors.anchorReadings(
                        ledger.ctx, SettlementScenario.anchorJson(AGG1, TREE.rootHex(), TREE.leafCount())));
    }

    void member(String msp, String member, String home) {
        ledger.as(
                msp, () -> community.proposeMembership(ledger.ctx, CommunityContractTest.membershipJson(member, home)));
        ledger.as(AGG1, () -> community.approveMembership(ledger.ctx, home));
    }

    void post(String msp, String id, String home, String member, int slot, String side, String price) {
        ledger.as(
                msp,
                () -> community.postCommunityOrder(
                        ledger.ctx, CommunityContractTest.orderJson(id, home, member, slot, side, true, "2", price)));
    }

    static Map<String, Object> presented(int leaf) {
        return SettlementScenario.presented(LEAVES.get(leaf), TREE.proof(leaf));
    }

    /** The home's readings of its traded slots 71 and 72. */
    static List<Map<String, Object>> readingsOf(String home) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < LEAVES.size(); i++) {
            if (LEAVES.get(i).reading().assetId().equals(home)
                    && LEAVES.get(i).reading().slot() <= 72) {
                out.add(presented(i));
            }
        }
        return out;
    }

    static String settlementJson(String communityMsp, String home, List<Map<String, Object>> readings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("community", communityMsp);
        m.put("day", DAY);
        m.put("homeId", home);
        m.put("readings", readings);
        return CanonicalJson.write(m);
    }

    String settle(String msp, String home, List<Map<String, Object>> readings) {
        return ledger.as(msp, () -> community.settleCommunityMember(ledger.ctx, settlementJson(AGG1, home, readings)));
    }

    /** A refused transaction that must leave the ledger as it was. */
    ChaincodeException refused(String msp, Supplier<?> tx) {
        Map<String, String> before = ledger.snapshot();
        ChaincodeException e = ledger.refused(msp, tx);
        assertThat(ledger.snapshot()).isEqualTo(before);
        return e;
    }

    ChaincodeException refusedSettle(String home, List<Map<String, Object>> readings) {
        return refused(AGG1, () -> community.settleCommunityMember(ledger.ctx, settlementJson(AGG1, home, readings)));
    }

    String privateStatement(String home) {
        byte[] v = ledger.privateData
                .get(PrivateCollections.forCommunity(AGG1))
                .get(new CompositeKey(Keys.COMMUNITY_STATEMENT, AGG1, DAY, home).toString());
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Nested
    class SettleCommunityMember {
        @Test
        void theOperatorSettlesTheSellerFromItsExportAndTheShortfallAtTheImportPrice() {
            String json = settle(AGG1, "home-1", readingsOf("home-1"));
            JsonInput totals = JsonInput.parse(privateStatement("home-1")).object("totals");
            // 2 kW x 15 min = 0.5 kWh sold per slot; 0.5 + 0.2 exported; 0.3 short, bought at 0.30.
            assertThat(totals.string("soldKwh")).isEqualTo("1.000000");
            assertThat(totals.string("deliveredKwh")).isEqualTo("0.700000");
            assertThat(totals.string("shortfallKwh")).isEqualTo("0.300000");
            assertThat(totals.string("receivedEur")).isEqualTo("0.1000");
            assertThat(totals.string("paidEur")).isEqualTo("0.0900");
            assertThat(totals.string("netEur")).isEqualTo("0.0100");
            String statement = privateStatement("home-1");
            assertThat(statement).contains("\"member\":\"alice\"", "\"signature\":", "\"leafIndex\":0");
            // The public record: hashes only, tied to the private statement, the anchor and the clearing.
            JsonInput pub = JsonInput.parse(json);
            assertThat(pub.string("sha256")).isEqualTo(Baseline.sha256Hex(statement));
            assertThat(pub.string("anchorRoot")).isEqualTo(TREE.rootHex());
            assertThat(pub.string("clearingSha256"))
                    .isEqualTo(JsonInput.parse(ledger.get(Keys.COMMUNITY_CLEARING, AGG1, DAY))
                            .string("sha256"));
            assertThat(json).doesNotContain("alice", "netEur", "Kwh");
            assertThat(ledger.lastEvent().name()).isEqualTo("CommunityMemberSettled");
            String key = new CompositeKey(Keys.COMMUNITY_STATEMENT, AGG1, DAY, "home-1").toString();
            assertThat(ledger.validationParameters).containsKey(key);
        }

        @Test
        void theBuyerSellsWhatItDidNotTakeAtTheExportPrice() {
            settle(AGG1, "home-3", readingsOf("home-3"));
            JsonInput totals = JsonInput.parse(privateStatement("home-3")).object("totals");
            assertThat(totals.string("boughtKwh")).isEqualTo("1.000000");
            assertThat(totals.string("takenKwh")).isEqualTo("0.600000");
            assertThat(totals.string("unusedKwh")).isEqualTo("0.400000");
            assertThat(totals.string("paidEur")).isEqualTo("0.2500");
            assertThat(totals.string("receivedEur")).isEqualTo("0.0200");
            assertThat(totals.string("netEur")).isEqualTo("-0.2300");
        }

        @Test
        void aPeerOutsideTheMeterApprovalsCollectionChecksTheApprovalByItsHash() {
            // CommunityMSP's peer endorses too, without the collection Aggregator1 shares with the DSO.
            ledger.peerCollections = Set.of(PrivateCollections.forCommunity(AGG1));
            settle(AGG1, "home-1", readingsOf("home-1"));
            assertThat(privateStatement("home-1")).contains("\"netEur\":\"0.0100\"");
        }

        @Test
        void aReceiptThatIsNotTheDsosApprovalFailsOnAPeerOutsideTheCollection() {
            // Altered chaincode wrote a receipt of its own: its hash matches no approval of the meter's key.
            String collection = PrivateCollections.forAggregator(AGG1);
            String receiptKey =
                    new CompositeKey(Keys.COUNTERSIGNATURE, Keys.DEVICE, "meter-1", Keys.version(1)).toString();
            ledger.privateData.get(collection).put(receiptKey, "{\"forged\":true}".getBytes(StandardCharsets.UTF_8));
            ledger.peerCollections = Set.of(PrivateCollections.forCommunity(AGG1));
            assertCode(refusedSettle("home-1", readingsOf("home-1")), ErrorCode.READING_METER_NOT_APPROVED);
        }

        @Test
        void nobodyButTheOperatorSettlesItsMembers() {
            for (String msp : new String[] {AGG2, DSO, COMMUNITY}) {
                ChaincodeException e = refused(
                        msp,
                        () -> community.settleCommunityMember(
                                ledger.ctx, settlementJson(AGG1, "home-1", readingsOf("home-1"))));
                assertCode(e, ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
                assertThat(e.getMessage()).contains("(caller " + msp + ")");
            }
            // Another aggregator naming itself the community finds no day, clearing or member of its own.
            assertCode(
                    refused(
                            AGG2,
                            () -> community.settleCommunityMember(
                                    ledger.ctx, settlementJson(AGG2, "home-1", readingsOf("home-1")))),
                    ErrorCode.COMMUNITY_DAY_NOT_FOUND);
        }

        @Test
        void aForgedOrAlteredReadingIsRefused() {
            // The seller claims more export than its meter signed.
            List<Map<String, Object>> readings = readingsOf("home-1");
            readings.get(1).put("netKwh", "-0.600000");
            ChaincodeException e = refusedSettle("home-1", readings);
            assertCode(e, ErrorCode.READING_BAD_SIGNATURE);
            assertThat(e.getMessage()).contains("$.readings[1].signature");
        }

        @Test
        void aReadingOfAnotherHomeIsRefused() {
            // home-4's import presented as home-3's, to lower the buyer's taken energy? It names its own home.
            List<Map<String, Object>> readings = readingsOf("home-3");
            readings.set(0, presented(4));
            ChaincodeException e = refusedSettle("home-3", readings);
            assertCode(e, ErrorCode.READING_ASSET_MISMATCH);
            assertThat(e.getMessage()).contains("the traded home is home-3");
        }

        @Test
        void aProofAgainstAnotherRootIsRefused() {
            // Readings re-signed into a tree of the settler's own making are not the anchored ones.
            List<SignedReading> other = List.of(
                    SettlementScenario.sign("meter-1", "home-1", 71, "-0.6"),
                    SettlementScenario.sign("meter-1", "home-1", 72, "-0.5"));
            MerkleTree tree =
                    MerkleTree.of(other.stream().map(SignedReading::leafHash).toList());
            List<Map<String, Object>> readings = List.of(
                    SettlementScenario.presented(other.get(0), tree.proof(0)),
                    SettlementScenario.presented(other.get(1), tree.proof(1)));
            assertCode(refusedSettle("home-1", readings), ErrorCode.READING_PROOF_INVALID);
        }

        @Test
        void aMissingOrExtraSlotIsRefused() {
            ChaincodeException missing =
                    refusedSettle("home-1", readingsOf("home-1").subList(0, 1));
            assertCode(missing, ErrorCode.READING_SLOT_MISSING);
            assertThat(missing.getMessage()).contains("no reading for traded slot 72");
            List<Map<String, Object>> twice = new ArrayList<>(readingsOf("home-1"));
            twice.add(presented(1));
            assertCode(refusedSettle("home-1", twice), ErrorCode.READING_SLOT_DUPLICATE);
            // A reading of a slot the home did not trade.
            ChaincodeException untraded = refusedSettle("home-3", List.of(presented(2), presented(3), presented(5)));
            assertCode(untraded, ErrorCode.READING_OUT_OF_ORDER_SLOT);
            assertThat(untraded.getMessage()).contains("slot 73 of 2026-11-27 is not traded");
        }

        @Test
        void aSecondSettlementIsRefused() {
            settle(AGG1, "home-1", readingsOf("home-1"));
            assertCode(refusedSettle("home-1", readingsOf("home-1")), ErrorCode.COMMUNITY_STATEMENT_EXISTS);
        }

        @Test
        void amountsInTheInputAreNotTakenTheRuleComputesThem() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("community", AGG1);
            m.put("day", DAY);
            m.put("homeId", "home-1");
            m.put("readings", readingsOf("home-1"));
            m.put("netEur", "99.0000");
            ChaincodeException e =
                    refused(AGG1, () -> community.settleCommunityMember(ledger.ctx, CanonicalJson.write(m)));
            assertCode(e, ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).contains("netEur");
        }

        @Test
        void theInputMayComeInTheTransientFieldOutOfTheBlock() {
            ledger.transientData = Map.of(
                    CommunityContract.SETTLEMENT_TRANSIENT,
                    settlementJson(AGG1, "home-1", readingsOf("home-1")).getBytes(StandardCharsets.UTF_8));
            try {
                ledger.as(AGG1, () -> community.settleCommunityMember(ledger.ctx, ""));
            } finally {
                ledger.transientData = Map.of();
            }
            assertThat(privateStatement("home-1")).contains("\"netEur\":\"0.0100\"");
        }

        @Test
        void onlyATradingActiveMemberOfAClearedDayIsSettled() {
            // home-4 is in the portfolio but no member.
            assertCode(refusedSettle("home-4", List.of(presented(4))), ErrorCode.MEMBERSHIP_NOT_ACTIVE);
            // A member without a trade has nothing to settle.
            member(AGG1, "carol", "home-4");
            assertCode(refusedSettle("home-4", List.of(presented(4))), ErrorCode.COMMUNITY_STATEMENT_INVALID);
            // Aggregator2's community has not cleared the day.
            ledger.now = Instant.parse("2026-11-26T12:00:00Z");
            ledger.as(
                    AGG2,
                    () -> community.openCommunityDay(
                            ledger.ctx, CommunityContractTest.dayJson(AGG2, GATE, "PAY_AS_BID")));
            assertCode(
                    refused(
                            AGG2,
                            () -> community.settleCommunityMember(
                                    ledger.ctx, settlementJson(AGG2, "home-2", List.of()))),
                    ErrorCode.COMMUNITY_CLEARING_NOT_FOUND);
        }

        @Test
        void withoutTheAnchorOfTheOperatorsDayNothingIsSettled() {
            SettlementScenario bare = new SettlementScenario(true, false);
            assertThat(bare.ledger.get(Keys.ANCHOR, DAY, AGG1)).isNull();
            // Here the anchor exists; a day of another portfolio's anchor does not stand in for it.
            ledger.state.remove(new CompositeKey(Keys.ANCHOR, DAY, AGG1).toString());
            assertCode(refusedSettle("home-1", readingsOf("home-1")), ErrorCode.ANCHOR_NOT_FOUND);
        }
    }

    @Nested
    class ReadAndListStatements {
        @Test
        void theCommunitysOrganisationsReadStatementsOthersGetACode() {
            settle(AGG1, "home-1", readingsOf("home-1"));
            settle(AGG1, "home-3", readingsOf("home-3"));
            for (String msp : new String[] {AGG1, COMMUNITY}) {
                assertThat(ledger.as(msp, () -> community.readCommunityStatement(ledger.ctx, AGG1, DAY, "home-1")))
                        .isEqualTo(privateStatement("home-1"));
                String list = ledger.as(msp, () -> community.listCommunityStatements(ledger.ctx, AGG1, DAY));
                assertThat(JsonInput.parse(list).objects("records")).hasSize(2);
            }
            for (String msp : new String[] {AGG2, DSO}) {
                assertCode(
                        refused(msp, () -> community.readCommunityStatement(ledger.ctx, AGG1, DAY, "home-1")),
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
                assertCode(
                        refused(msp, () -> community.listCommunityStatements(ledger.ctx, AGG1, DAY)),
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED);
            }
            assertCode(
                    refused(AGG1, () -> community.readCommunityStatement(ledger.ctx, AGG1, DAY, "home-4")),
                    ErrorCode.COMMUNITY_STATEMENT_NOT_FOUND);
        }
    }
}
