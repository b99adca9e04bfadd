package io.flexledger.marketplaceapi.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipState;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.PostedOrder;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.api.GatewayCommunityLedger;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The community's answers from decoded records: what the chaincode answers, decoded by the gateway and
 * written again by the codec, is answered exactly as the chaincode's own JSON was before it was decoded.
 */
class CommunityAnswersTest {
    static final LocalDate DAY = LocalDate.parse("2030-06-01");
    static final Instant AT = Instant.parse("2030-05-31T12:00:00.5Z");

    /** A list as the chaincode answers it: {@code {"records":[...]}}, each record its stored text. */
    private static byte[] list(List<Map<String, Object>> records) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "records",
                records.stream()
                        .map(r -> new CanonicalJson.Raw(CanonicalJson.write(r)))
                        .toList());
        return CanonicalJson.bytes(out);
    }

    @Test
    void aDayIsAnsweredAsTheLedgerWroteIt() {
        Day d = new Day(
                "Aggregator1MSP",
                MarketRecords.RULES.period(DAY),
                Instant.parse("2030-05-31T20:00:00Z"),
                CommunityRecords.Pricing.PAY_AS_CLEAR,
                Collections.nCopies(96, EurosPerKwh.of("0.30")),
                Collections.nCopies(96, EurosPerKwh.of("0.05")));
        byte[] ledger = CanonicalJson.bytes(CommunityRecords.day(d, AT, "tx-1"));
        CommunityRecords.StoredDay back = GatewayCommunityLedger.decode(ledger, CommunityRecords::storedDay);
        assertThat(CommunityJson.written(CommunityRecords.day(back)).toString())
                .isEqualTo(CommunityJson.parse(ledger).toString())
                .isEqualTo(new String(ledger, StandardCharsets.UTF_8));
    }

    @Test
    void membershipsAreAnsweredAsTheLedgerWroteThem() {
        List<Map<String, Object>> stored = List.of(
                CommunityRecords.membership(new Membership(
                        "agg1 \"p\" é 😀", "home-1", "Aggregator1MSP", "CommunityMSP", MembershipState.ACTIVE, null)),
                CommunityRecords.membership(new Membership(
                        "m", "home-2", "Aggregator1MSP", "Aggregator1MSP", MembershipState.PROPOSED, "ab".repeat(16))));
        byte[] ledger = list(stored);
        Page<Membership> page = GatewayCommunityLedger.page(ledger, CommunityRecords::privateMembership);
        assertThat(page.bookmark()).isEmpty();
        assertThat(page.records()).extracting(Membership::homeId).containsExactly("home-1", "home-2");
        for (int i = 0; i < stored.size(); i++) {
            assertThat(CommunityJson.written(
                            CommunityRecords.membership(page.records().get(i))))
                    .isEqualTo(CommunityJson.parse(ledger).path("records").get(i));
        }
        byte[] one = CanonicalJson.bytes(stored.get(0));
        assertThat(CommunityJson.written(CommunityRecords.membership(
                                GatewayCommunityLedger.decode(one, CommunityRecords::privateMembership)))
                        .toString())
                .isEqualTo(CommunityJson.parse(one).toString());
    }

    @Test
    void ordersAreAnsweredAsTheLedgerWroteThem() {
        Order o = new Order(
                "b-68",
                "home-1",
                "agg1-prosumer",
                DAY,
                68,
                CommunityRecords.Side.BUY,
                true,
                Kilowatts.of("1.5"),
                EurosPerKwh.of("0.25"));
        List<Map<String, Object>> stored = List.of(
                CommunityRecords.order(o, "Aggregator1MSP", "Aggregator1MSP", null, AT, "tx-2"),
                CommunityRecords.order(o, "Aggregator1MSP", "CommunityMSP", "0f".repeat(32), AT, "tx-3"));
        byte[] ledger = list(stored);
        Page<PostedOrder> page = GatewayCommunityLedger.page(ledger, CommunityRecords::postedOrder);
        assertThat(page.records()).extracting(PostedOrder::txId).containsExactly("tx-2", "tx-3");
        for (int i = 0; i < stored.size(); i++) {
            assertThat(CommunityJson.written(
                            CommunityRecords.order(page.records().get(i))))
                    .isEqualTo(CommunityJson.parse(ledger).path("records").get(i));
        }
    }

    @Test
    void aClearingIsAnsweredAsTheLedgerWroteItAndAMembersViewKeepsEverythingButOthersTrades() {
        CommunityRecords.ClearedTrade buy = new CommunityRecords.ClearedTrade(
                "a-68",
                "home-a",
                "agg1-prosumer",
                68,
                CommunityRecords.Side.BUY,
                false,
                Kilowatts.of("2"),
                new java.math.BigDecimal("0.175"));
        CommunityRecords.ClearedTrade sell = new CommunityRecords.ClearedTrade(
                "c-68",
                "home-c",
                "agg1-neighbour",
                68,
                CommunityRecords.Side.SELL,
                true,
                Kilowatts.of("2"),
                new java.math.BigDecimal("0.175"));
        byte[] ledger = CanonicalJson.bytes(CommunityRecords.clearing(new CommunityRecords.StoredClearing(
                "Aggregator1MSP",
                DAY,
                CommunityRecords.Pricing.PAY_AS_CLEAR,
                List.of(buy, sell),
                "ab".repeat(16),
                AT,
                "tx-4")));
        CommunityRecords.StoredClearing back = GatewayCommunityLedger.decode(ledger, CommunityRecords::storedClearing);
        assertThat(CommunityJson.written(CommunityRecords.clearing(back)).toString())
                .isEqualTo(CommunityJson.parse(ledger).toString());
        // a member's view as it was written before: the record with the other trades removed
        com.fasterxml.jackson.databind.node.ObjectNode before =
                (com.fasterxml.jackson.databind.node.ObjectNode) CommunityJson.parse(ledger);
        com.fasterxml.jackson.databind.node.ArrayNode own = CommunityJson.JSON.createArrayNode();
        own.add(before.path("trades").get(0));
        before.set("trades", own);
        assertThat(CommunityJson.written(CommunityRecords.clearing(
                                back.withTrades(List.of(back.trades().get(0)))))
                        .toString())
                .isEqualTo(before.toString());
    }

    @Test
    void aRecordTheCodecDoesNotReadIsTheLedgersFaultNotPassedOnInPart() {
        // a field no codec type carries would be lost by decoding: the answer is refused instead
        Map<String, Object> extended = new LinkedHashMap<>(CommunityRecords.membership(
                new Membership("m", "home-1", "Aggregator1MSP", "Aggregator1MSP", MembershipState.ACTIVE, null)));
        extended.put("note", "x");
        assertThatThrownBy(
                        () -> GatewayCommunityLedger.page(list(List.of(extended)), CommunityRecords::privateMembership))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.records[0].note");
        assertThatThrownBy(() -> GatewayCommunityLedger.page(
                        "{\"records\":[],\"more\":1}".getBytes(StandardCharsets.UTF_8),
                        CommunityRecords::privateMembership))
                .isInstanceOf(LedgerUnavailableException.class);
    }

    /** A member's private statement as the chaincode writes it, with one reading presented with its proof. */
    private static Map<String, Object> statement(String homeId, String member, int slot) {
        io.flexledger.domain.units.KilowattHours zero = io.flexledger.domain.units.KilowattHours.of("0");
        io.flexledger.domain.units.KilowattHours half = io.flexledger.domain.units.KilowattHours.of("0.5");
        io.flexledger.domain.units.Euros paid = io.flexledger.domain.units.Euros.of("0.125");
        io.flexledger.domain.community.CommunityStatement st = new io.flexledger.domain.community.CommunityStatement(
                "Aggregator1MSP",
                homeId,
                DAY,
                List.of(new io.flexledger.domain.community.CommunityStatementLine(
                        slot, half, zero, half, zero, half, zero, zero, paid, io.flexledger.domain.units.Euros.ZERO)),
                half,
                zero,
                zero,
                half,
                zero,
                zero,
                paid,
                io.flexledger.domain.units.Euros.ZERO,
                io.flexledger.domain.units.Euros.of("-0.125"));
        io.flexledger.domain.metering.SignedReading reading = new io.flexledger.domain.metering.SignedReading(
                new io.flexledger.domain.metering.MeterReading("meter-" + homeId, homeId, DAY, slot, half, 7L), "c2ln");
        return CommunityRecords.statement(
                st,
                member,
                List.of(io.flexledger.contract.codec.SettlementRecords.proven(
                        reading, new io.flexledger.domain.metering.MerkleProof(1, 2, List.of("7a".repeat(32))))),
                "ab".repeat(32),
                "cd".repeat(32),
                AT,
                "tx-5");
    }

    @Test
    void statementsAreAnsweredAsTheLedgerWroteThem() {
        List<Map<String, Object>> stored =
                List.of(statement("home-a", "agg1 \"p\" é 😀", 68), statement("home-b", "community-prosumer", 69));
        byte[] ledger = list(stored);
        Page<CommunityRecords.StoredStatement> page =
                GatewayCommunityLedger.page(ledger, CommunityRecords::storedStatement);
        assertThat(page.records())
                .extracting(CommunityRecords.StoredStatement::member)
                .containsExactly("agg1 \"p\" é 😀", "community-prosumer");
        for (int i = 0; i < stored.size(); i++) {
            assertThat(CommunityJson.written(
                            CommunityRecords.statement(page.records().get(i))))
                    .isEqualTo(CommunityJson.parse(ledger).path("records").get(i));
        }
        byte[] one = CanonicalJson.bytes(stored.get(0));
        CommunityRecords.StoredStatement back = GatewayCommunityLedger.decode(one, CommunityRecords::storedStatement);
        assertThat(CommunityJson.written(CommunityRecords.statement(back)).toString())
                .isEqualTo(CommunityJson.parse(one).toString());
        assertThat(CanonicalJson.write(CommunityRecords.statement(back)))
                .isEqualTo(new String(one, StandardCharsets.UTF_8));
    }

    @Test
    void aStatementTheCodecDoesNotReadIsTheLedgersFault() {
        Map<String, Object> extended = new LinkedHashMap<>(statement("home-a", "m", 68));
        extended.put("bonusEur", "1.0000");
        assertThatThrownBy(() ->
                        GatewayCommunityLedger.decode(CanonicalJson.bytes(extended), CommunityRecords::storedStatement))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.bonusEur");
        Map<String, Object> unproven = new LinkedHashMap<>(statement("home-a", "m", 68));
        unproven.remove("anchorRoot");
        assertThatThrownBy(
                        () -> GatewayCommunityLedger.page(list(List.of(unproven)), CommunityRecords::storedStatement))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.records[0].anchorRoot");
    }
}
