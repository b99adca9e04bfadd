package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The community records marketplace-api answers, read through the ledger contract's codec, strictly. */
class CommunityJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    private static CommunityStatement settled() {
        return CommunitySettlementRule.DEFAULT.settle(
                "Aggregator1MSP",
                "home-1",
                MarketPeriod.of(DAY),
                List.of(new CommunityTrade(
                        "o1", 68, CommunityTrade.Side.SELL, Kilowatts.of("2"), new BigDecimal("0.12"))),
                Collections.nCopies(96, EurosPerKwh.of("0.30")),
                Collections.nCopies(96, EurosPerKwh.of("0.05")),
                List.of(new MeterReading("m-1", "home-1", DAY, 68, KilowattHours.of("-0.3"), 7)));
    }

    /** The statement as the chaincode writes it (no readings, for brevity). */
    private static ObjectNode statement() throws Exception {
        return (ObjectNode) JSON.readTree(CanonicalJson.write(CommunityRecords.statement(
                settled(),
                "agg1-prosumer",
                List.of(),
                "ab".repeat(32),
                "cd".repeat(32),
                Instant.parse("2026-11-29T06:00:00Z"),
                "tx-1")));
    }

    @Test
    void aStatementWrittenByTheCodecIsReadBackWithItsStoredFigures() throws Exception {
        CommunityJson.Statement s = CommunityJson.statement(statement());
        assertThat(s.statement()).isEqualTo(settled());
        assertThat(s.member()).isEqualTo("agg1-prosumer");
        ObjectNode page = JSON.createObjectNode();
        page.putArray("records").add(statement());
        assertThat(CommunityJson.statementOf(page).txId()).isEqualTo("tx-1");
        page.putArray("records");
        assertThat(CommunityJson.statementOf(page)).isNull();
    }

    @Test
    void aStatementWithANegativeDeliveryAWrongTypeOrAnExtraFieldIsRefused() throws Exception {
        ObjectNode negative = statement();
        ((ObjectNode) negative.path("lines").path(0)).put("deliveredKwh", "-0.300000");
        assertThatThrownBy(() -> CommunityJson.statement(negative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.lines[0].deliveredKwh: must be >= 0");
        ObjectNode wrongType = statement();
        ((ObjectNode) wrongType.path("totals")).put("netEur", false);
        assertThatThrownBy(() -> CommunityJson.statement(wrongType)).hasMessageContaining("$.totals.netEur");
        ObjectNode extra = statement().put("bonusEur", "1.0000");
        assertThatThrownBy(() -> CommunityJson.statement(extra)).hasMessageContaining("$.bonusEur");
    }

    @Test
    void membershipsOrdersAndPricesAreReadStrictly() throws Exception {
        JsonNode me = JSON.readTree("{\"member\":\"u\",\"memberships\":[{\"member\":\"u\",\"homeId\":\"home-1\","
                + "\"community\":\"Aggregator1MSP\",\"proposerMsp\":\"Aggregator1MSP\",\"state\":\"ACTIVE\"}]}");
        assertThat(CommunityJson.memberships(me))
                .singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo(CommunityRecords.MembershipState.ACTIVE));
        ((ObjectNode) me.path("memberships").path(0)).put("state", "OWNER");
        assertThatThrownBy(() -> CommunityJson.memberships(me)).hasMessageContaining("$.memberships[0].state");

        ObjectNode orders = JSON.createObjectNode();
        ObjectNode o = orders.putArray("records").addObject();
        o.put("id", "co-1").put("homeId", "home-1").put("member", "u").put("day", DAY.toString());
        o.put("slot", 68)
                .put("side", "BUY")
                .put("flexible", false)
                .put("kw", "1.500")
                .put("price", "0.21000");
        o.put("community", "Aggregator1MSP").put("proposerMsp", "Aggregator1MSP");
        assertThat(CommunityJson.orders(orders))
                .singleElement()
                .satisfies(p -> assertThat(p.community()).isEqualTo("Aggregator1MSP"));
        o.put("kw", "-1.500");
        assertThatThrownBy(() -> CommunityJson.orders(orders)).hasMessageContaining("$.records[0].kw");

        JsonNode prices = JSON.readTree("{\"community\":\"Aggregator1MSP\",\"day\":\"2026-11-28\","
                + "\"pricing\":\"PAY_AS_CLEAR\",\"trades\":2,\"slots\":[{\"slot\":68,\"kw\":\"-1.500\","
                + "\"price\":\"0.16000\"}]}");
        assertThatThrownBy(() -> CommunityJson.prices(prices)).hasMessageContaining("$.slots[0].kw: must be >= 0");
    }

    @Test
    void aClearingsTradesAreReadByTheCodecAndACorruptedTradeIsRefused() throws Exception {
        ObjectNode clearing =
                JSON.createObjectNode().put("community", "Aggregator1MSP").put("day", DAY.toString());
        clearing.put("pricing", "PAY_AS_CLEAR")
                .put("recordedAt", "2026-11-27T12:05:00Z")
                .put("txId", "tx-1");
        ObjectNode t = clearing.putArray("trades").addObject();
        t.put("orderId", "co-1")
                .put("homeId", "home-1")
                .put("member", "u")
                .put("slot", 68)
                .put("side", "BUY");
        t.put("flexible", false).put("kw", "1.500").put("price", "0.16");
        assertThat(CommunityJson.trades(clearing))
                .containsExactly(new CommunityTrade(
                        "co-1", 68, CommunityTrade.Side.BUY, Kilowatts.of("1.5"), new BigDecimal("0.16")));
        t.put("kw", "-1.500");
        assertThatThrownBy(() -> CommunityJson.trades(clearing)).hasMessageContaining("$.trades[0].kw");
        t.put("kw", "1.500").put("side", 1);
        assertThatThrownBy(() -> CommunityJson.trades(clearing)).hasMessageContaining("$.trades[0].side");
        t.put("side", "BUY").put("bonus", "1");
        assertThatThrownBy(() -> CommunityJson.trades(clearing)).hasMessageContaining("$.trades[0].bonus");
    }
}
