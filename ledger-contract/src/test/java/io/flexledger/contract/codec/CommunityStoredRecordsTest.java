package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipState;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.PostedOrder;
import io.flexledger.contract.codec.CommunityRecords.Side;
import io.flexledger.contract.codec.CommunityRecords.StoredDay;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The community market's stored records as the API reads them: the JSON the chaincode's writer produces,
 * decoded by the codec and written again, is byte for byte what the chaincode wrote, so that an answer
 * written from a decoded record is the ledger's own.
 */
class CommunityStoredRecordsTest {
    static final Instant AT = Instant.parse("2030-05-31T12:00:00.123456789Z");

    private static JsonFields stored(String json) {
        return MarketRecords.stored(json);
    }

    @Test
    void aStoredDayIsWrittenAgainByteForByte() {
        String written = CanonicalJson.write(CommunityRecords.day(CommunityInputsTest.day("0.1"), AT, "c0ffee01"));
        StoredDay back = CommunityRecords.storedDay(stored(written));
        assertThat(back.day()).isEqualTo(CommunityInputsTest.day("0.1"));
        assertThat(back.openedAt()).isEqualTo(AT);
        assertThat(back.txId()).isEqualTo("c0ffee01");
        assertThat(CanonicalJson.write(CommunityRecords.day(back))).isEqualTo(written);
    }

    @Test
    void aStoredMembershipIsWrittenAgainByteForByte() {
        for (Membership m : List.of(
                new Membership(
                        "agg1 \"prosumer\" \\ é 😀",
                        "home-1",
                        "Aggregator1MSP",
                        "CommunityMSP",
                        MembershipState.PROPOSED,
                        null),
                new Membership(
                        "m", "home-2", "Aggregator2MSP", "Aggregator2MSP", MembershipState.ACTIVE, "ab".repeat(16)))) {
            String written = CanonicalJson.write(CommunityRecords.membership(m));
            Membership back = CommunityRecords.privateMembership(stored(written));
            assertThat(CommunityRecords.storedMembership(stored(written))).isEqualTo(m);
            assertThat(back).isEqualTo(m);
            assertThat(CanonicalJson.write(CommunityRecords.membership(back))).isEqualTo(written);
        }
    }

    @Test
    void aPostedOrderIsWrittenAgainByteForByte() {
        Order buy = new Order(
                "b-68",
                "home-1",
                "agg1 é",
                CommunityInputsTest.DAY,
                68,
                Side.BUY,
                false,
                Kilowatts.of("1.25"),
                EurosPerKwh.of("0.21"));
        Order sell = new Order(
                "s-0",
                "home-2",
                "m",
                CommunityInputsTest.DAY,
                0,
                Side.SELL,
                true,
                Kilowatts.of("0.001"),
                EurosPerKwh.of("0"));
        for (PostedOrder p : List.of(
                new PostedOrder(buy, "Aggregator1MSP", "Aggregator1MSP", null, AT, "tx-1"),
                new PostedOrder(sell, "Aggregator1MSP", "CommunityMSP", "0f".repeat(32), AT, "tx-2"))) {
            // the chaincode's writer, as PostCommunityOrder calls it
            String written = CanonicalJson.write(CommunityRecords.order(
                    p.order(), p.community(), p.proposerMsp(), p.salt(), p.postedAt(), p.txId()));
            PostedOrder back = CommunityRecords.postedOrder(stored(written));
            assertThat(back).isEqualTo(p);
            assertThat(CanonicalJson.write(CommunityRecords.order(back))).isEqualTo(written);
            // the chaincode's own reader of a stored order reads the same order
            assertThat(CommunityRecords.storedOrder(stored(written))).isEqualTo(p.order());
        }
    }

    @Test
    void aStoredClearingIsWrittenAgainByteForByte() {
        for (String salt : java.util.Arrays.asList(null, "0f".repeat(32))) {
            CommunityRecords.StoredClearing c = new CommunityRecords.StoredClearing(
                    "Aggregator1MSP",
                    CommunityInputsTest.DAY,
                    CommunityRecords.Pricing.PAY_AS_CLEAR,
                    List.of(
                            new CommunityRecords.ClearedTrade(
                                    "b-68",
                                    "home-1",
                                    "agg1 é",
                                    68,
                                    Side.BUY,
                                    false,
                                    Kilowatts.of("1.25"),
                                    new java.math.BigDecimal("0.1625")),
                            new CommunityRecords.ClearedTrade(
                                    "s-68",
                                    "home-2",
                                    "m",
                                    68,
                                    Side.SELL,
                                    true,
                                    Kilowatts.of("1.25"),
                                    new java.math.BigDecimal("0.1"))),
                    salt,
                    AT,
                    "tx-9");
            String written = CanonicalJson.write(CommunityRecords.clearing(c));
            CommunityRecords.StoredClearing back = CommunityRecords.storedClearing(stored(written));
            assertThat(back).isEqualTo(c);
            assertThat(CanonicalJson.write(CommunityRecords.clearing(back))).isEqualTo(written);
            // the statement's reader of a home's trades reads the same clearing
            assertThat(CommunityRecords.trades(stored(written), "home-2")).hasSize(1);
        }
    }

    @Test
    void aDaysPricesAreComputedFromItsTradesAndWrittenAgainByteForByte() {
        CommunityRecords.StoredClearing c = new CommunityRecords.StoredClearing(
                "Aggregator1MSP",
                CommunityInputsTest.DAY,
                CommunityRecords.Pricing.PAY_AS_BID,
                List.of(
                        new CommunityRecords.ClearedTrade(
                                "b-70",
                                "home-1",
                                "m1",
                                70,
                                Side.BUY,
                                false,
                                Kilowatts.of("1"),
                                new java.math.BigDecimal("0.3")),
                        new CommunityRecords.ClearedTrade(
                                "s-70",
                                "home-2",
                                "m2",
                                70,
                                Side.SELL,
                                true,
                                Kilowatts.of("1"),
                                new java.math.BigDecimal("0.1")),
                        new CommunityRecords.ClearedTrade(
                                "b-68",
                                "home-1",
                                "m1",
                                68,
                                Side.BUY,
                                false,
                                Kilowatts.of("2"),
                                new java.math.BigDecimal("0.2")),
                        new CommunityRecords.ClearedTrade(
                                "s-68",
                                "home-3",
                                "m3",
                                68,
                                Side.SELL,
                                false,
                                Kilowatts.of("2"),
                                new java.math.BigDecimal("0.1"))),
                null,
                AT,
                "tx-7");
        CommunityRecords.ClearingPrices p = CommunityRecords.prices(c, "ff".repeat(32));
        // slot order; the bought kW; the kW-weighted mean price of both sides
        assertThat(p.slots())
                .containsExactly(
                        new CommunityRecords.SlotPrice(68, Kilowatts.of("2"), EurosPerKwh.of("0.15")),
                        new CommunityRecords.SlotPrice(70, Kilowatts.of("1"), EurosPerKwh.of("0.2")));
        assertThat(p.trades()).isEqualTo(4);
        String written = CanonicalJson.write(CommunityRecords.prices(p));
        CommunityRecords.ClearingPrices back = CommunityRecords.storedPrices(stored(written));
        assertThat(back).isEqualTo(p);
        assertThat(CanonicalJson.write(CommunityRecords.prices(back))).isEqualTo(written);
    }

    @Test
    void aStoredClearingWithATradeFieldTheCodecDoesNotKnowIsRefused() {
        String written = CanonicalJson.write(CommunityRecords.clearing(new CommunityRecords.StoredClearing(
                "Aggregator1MSP",
                CommunityInputsTest.DAY,
                CommunityRecords.Pricing.PAY_AS_BID,
                List.of(new CommunityRecords.ClearedTrade(
                        "b-1", "home-1", "m", 1, Side.BUY, false, Kilowatts.of("1"), new java.math.BigDecimal("0.2"))),
                null,
                AT,
                "tx-1")));
        String extended = written.replace("{\"flexible\"", "{\"fee\":\"1\",\"flexible\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommunityRecords.storedClearing(stored(extended)))
                .hasMessageContaining("$.trades[0].fee");
    }

    @Test
    void aStoredOrderWithAFieldTheCodecDoesNotKnowIsRefusedNotDropped() {
        String written = CanonicalJson.write(CommunityRecords.order(
                new Order(
                        "b-1",
                        "home-1",
                        "m",
                        CommunityInputsTest.DAY,
                        1,
                        Side.BUY,
                        false,
                        Kilowatts.of("1"),
                        EurosPerKwh.of("0.2")),
                "Aggregator1MSP",
                "Aggregator1MSP",
                null,
                AT,
                "tx-1"));
        String extended = written.replace("{\"community\"", "{\"comment\":\"x\",\"community\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommunityRecords.postedOrder(stored(extended)))
                .hasMessageContaining("$.comment");
    }

    /** A statement as the chaincode stores it: two presented readings, one with a two-sibling proof. */
    static String writtenStatement() {
        SignedReading a = new SignedReading(
                new MeterReading("meter-1", "home-1", LocalDate.of(2026, 11, 28), 68, KilowattHours.of("-0.4"), 7L),
                "MEUCIQDk+/c2ln==");
        SignedReading b = new SignedReading(
                new MeterReading("meter-1", "home-1", LocalDate.of(2026, 11, 28), 69, KilowattHours.of("1.25"), 8L),
                "c2ln");
        MerkleProof twoSiblings = new MerkleProof(1, 3, List.of("0a".repeat(32), "f1".repeat(32)));
        MerkleProof alone = new MerkleProof(0, 1, List.of());
        return CanonicalJson.write(CommunityRecords.statement(
                CommunityRecordsTest.statement(),
                "agg1 \"prosumer\" é",
                List.of(SettlementRecords.proven(a, twoSiblings), SettlementRecords.proven(b, alone)),
                "ab".repeat(32),
                "cd".repeat(32),
                AT,
                "tx-9"));
    }

    @Test
    void aStoredStatementIsWrittenAgainByteForByte() {
        String written = writtenStatement();
        CommunityRecords.StoredStatement back = CommunityRecords.storedStatement(stored(written));
        assertThat(back.statement()).isEqualTo(CommunityRecordsTest.statement());
        assertThat(back.member()).isEqualTo("agg1 \"prosumer\" é");
        assertThat(back.readings()).hasSize(2);
        assertThat(back.readings().get(0).proof().siblingsHex()).containsExactly("0a".repeat(32), "f1".repeat(32));
        assertThat(back.readings().get(1).reading().netKwh()).isEqualTo(KilowattHours.of("1.25"));
        assertThat(back.anchorRoot()).isEqualTo("ab".repeat(32));
        assertThat(back.clearingSha256()).isEqualTo("cd".repeat(32));
        assertThat(back.recordedAt()).isEqualTo(AT);
        assertThat(back.txId()).isEqualTo("tx-9");
        assertThat(CanonicalJson.write(CommunityRecords.statement(back))).isEqualTo(written);
    }

    @Test
    void aStoredStatementWithAFieldTheCodecDoesNotKnowIsRefusedNotDropped() {
        String written = writtenStatement();
        for (String[] change : List.of(
                new String[] {"{\"anchorRoot\"", "{\"note\":\"x\",\"anchorRoot\"", "$.note"},
                new String[] {
                    "{\"boughtKwh\":\"0.000000\",\"deliveredKwh\":\"0.400000\",\"meteredKwh\"",
                    "{\"fee\":\"1\",\"boughtKwh\":\"0.000000\",\"deliveredKwh\":\"0.400000\",\"meteredKwh\"",
                    "$.lines[0].fee"
                },
                new String[] {"\"netEur\"", "\"grossEur\":\"1\",\"netEur\"", "$.totals.grossEur"},
                new String[] {"{\"assetId\"", "{\"accepted\":true,\"assetId\"", "$.readings[0].accepted"},
                new String[] {"\"leafCount\":3", "\"leafCount\":3,\"root\":\"ab\"", "$.readings[0].proof.root"})) {
            assertThat(written).contains(change[0]);
            String extended = written.replaceFirst(java.util.regex.Pattern.quote(change[0]), change[1]);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommunityRecords.storedStatement(stored(extended)))
                    .as(change[2])
                    .hasMessageContaining(change[2]);
        }
    }

    @Test
    void aStoredStatementWithoutItsEvidenceIsRefused() {
        String written = writtenStatement();
        String withoutAnchor = written.replace("\"anchorRoot\":\"" + "ab".repeat(32) + "\",", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CommunityRecords.storedStatement(stored(withoutAnchor)))
                .hasMessageContaining("$.anchorRoot");
        String withoutTotals = written.replaceFirst("\"totals\":\\{[^}]*\\},", "");
        assertThat(withoutTotals).doesNotContain("totals");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CommunityRecords.storedStatement(stored(withoutTotals)))
                .hasMessageContaining("$.totals");
    }
}
