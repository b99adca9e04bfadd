package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.settlement.FlexSettlementState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The ledger records marketplace-api answers, read through the ledger contract's codec, strictly. */
class RecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private static FlexOffer offer() {
        TreeMap<Integer, Kilowatts> kw = new TreeMap<>();
        kw.put(68, Kilowatts.of("2.0"));
        kw.put(69, Kilowatts.of("2.0"));
        return new FlexOffer(
                "offer-1",
                "Aggregator1MSP",
                "feeder-1",
                "home-1",
                MarketPeriod.of(DAY),
                null,
                kw,
                EurosPerKwh.of("0.30"),
                new BigDecimal("0.5"),
                FlexOfferState.OFFERED);
    }

    /** A record as the chaincode writes it: the codec's map in canonical JSON. */
    private static ObjectNode written(Object map) throws Exception {
        return (ObjectNode) JSON.readTree(CanonicalJson.write(map));
    }

    private static ObjectNode page(JsonNode... records) {
        ObjectNode p = JSON.createObjectNode();
        ArrayNode r = p.putArray("records");
        for (JsonNode n : records) {
            r.add(n);
        }
        p.put("bookmark", "next");
        return p;
    }

    private static ObjectNode settlement() {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", "stl-order-1").put("orderId", "order-1").put("offerId", "offer-1");
        s.put("aggregatorMsp", "Aggregator1MSP").put("dsoMsp", "DsoMSP").put("assetId", "home-1");
        s.put("day", DAY.toString());
        s.put("creditedKwh", "1.800000").put("shortfallKwh", "0.200000");
        s.put("paymentEur", "0.5400").put("penaltyEur", "0.0300").put("netEur", "0.5100");
        s.put("anchorRootHex", "ab".repeat(32))
                .put("baselineHash", "cd".repeat(32))
                .put("detailsHash", "ef".repeat(32));
        s.put("state", "SETTLED").put("txId", "tx-1").put("settledAt", "2026-11-29T05:00:00Z");
        return s;
    }

    @Test
    void whatTheCodecWritesIsReadBackAsTheSameDomainRecords() throws Exception {
        FlexOffer offer = offer();
        FlexOrder order = new FlexOrder("order-1", "DsoMSP", "offer-1", BigDecimal.ONE, FlexOrderState.ACCEPTED);
        RecordJson.Page<FlexOffer> offers = RecordJson.offers(page(written(MarketRecords.offer(offer, AT, "tx-o"))));
        assertThat(offers.records()).containsExactly(offer);
        assertThat(offers.bookmark()).isEqualTo("next");
        assertThat(RecordJson.order(written(MarketRecords.order(order, offer, AT, "tx-1"))))
                .isEqualTo(order);
        StoredSettlement s = RecordJson.settlement(settlement());
        assertThat(s.creditedKwh().toString()).isEqualTo("1.800000");
        assertThat(s.netEur().value()).isEqualByComparingTo("0.51");
        assertThat(s.state()).isEqualTo(FlexSettlementState.SETTLED);
    }

    @Test
    void aNegativeKwInAnOfferIsRefusedNamingItsPath() throws Exception {
        ObjectNode bad = written(MarketRecords.offer(offer(), AT, "tx-o"));
        ((ObjectNode) bad.path("kwBySlot")).put("69", "-2.000");
        assertThatThrownBy(() -> RecordJson.offers(page(written(MarketRecords.offer(offer(), AT, "tx-o")), bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.records[1].kwBySlot.69");
    }

    @Test
    void aFieldOfTheWrongTypeIsRefusedNamingItsPath() throws Exception {
        ObjectNode bad = written(MarketRecords.offer(offer(), AT, "tx-o"));
        bad.put("price", true);
        assertThatThrownBy(() -> RecordJson.offer(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.price");
        ObjectNode order = JSON.createObjectNode().put("id", "order-1").put("dsoMsp", "DsoMSP");
        order.put("offerId", "offer-1").put("activation", "1.5").put("state", "ACCEPTED");
        assertThatThrownBy(() -> RecordJson.order(order))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activation");
    }

    @Test
    void aFieldTheLedgerNeverWritesIsRefused() throws Exception {
        ObjectNode extra = written(MarketRecords.offer(offer(), AT, "tx-o"));
        extra.put("bonusEur", "5.00");
        assertThatThrownBy(() -> RecordJson.offer(extra))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.bonusEur: is not a known field");
        ObjectNode s = settlement().put("paidTwice", true);
        assertThatThrownBy(() -> RecordJson.settlement(s)).hasMessageContaining("$.paidTwice");
        ObjectNode p = page().put("total", 3);
        assertThatThrownBy(() -> RecordJson.orders(p)).hasMessageContaining("$.total");
    }

    @Test
    void aSettlementCreditingNegativeEnergyOrLackingAFieldIsRefused() {
        assertThatThrownBy(() -> RecordJson.settlement(settlement().put("creditedKwh", "-1.800000")))
                .hasMessageContaining("$.creditedKwh: must be >= 0");
        assertThatThrownBy(() -> RecordJson.settlement(settlement().put("penaltyEur", "-0.0300")))
                .hasMessageContaining("$.penaltyEur: must be >= 0");
        ObjectNode missing = settlement();
        missing.remove("anchorRootHex");
        assertThatThrownBy(() -> RecordJson.settlement(missing)).hasMessageContaining("$.anchorRootHex");
        assertThatThrownBy(() -> RecordJson.settlement(settlement().put("netEur", "0.51x")))
                .hasMessageContaining("$.netEur");
    }

    @Test
    void theSettlementsLinesAreReadWithTheirPaths() {
        ObjectNode d = JSON.createObjectNode().put("id", "stl-order-1").put("orderId", "order-1");
        d.putArray("lines")
                .addObject()
                .put("slot", 68)
                .put("orderedKwh", "0.500000")
                .put("baselineKwh", "1.650000")
                .put("meteredKwh", "1.200000")
                .put("deliveredKwh", "0.450000")
                .put("creditedKwh", "0.450000")
                .put("shortfallKwh", "0.050000");
        assertThat(RecordJson.settlementLines(d))
                .singleElement()
                .satisfies(l -> assertThat(l.baselineKwh().toString()).isEqualTo("1.650000"));
        ((ObjectNode) d.path("lines").path(0)).put("baselineKwh", 1.65e300);
        assertThatThrownBy(() -> RecordJson.settlementLines(d)).hasMessageContaining("$.lines[0].baselineKwh");
        ((ObjectNode) d.path("lines").path(0)).put("baselineKwh", "1.650000").put("hidden", 1);
        assertThatThrownBy(() -> RecordJson.settlementLines(d)).hasMessageContaining("$.lines[0].hidden");
    }

    @Test
    void theBridgesReadingsAreTheHomesOwnWithWellFormedProofs() {
        ObjectNode b = JSON.createObjectNode().put("day", DAY.toString()).put("assetId", "home-1");
        b.put("aggregatorMsp", "Aggregator1MSP");
        b.putObject("anchor").put("rootHex", "ab".repeat(32)).put("leafCount", 2);
        ObjectNode r = b.putArray("readings").addObject();
        r.put("deviceId", "m-1")
                .put("assetId", "home-1")
                .put("day", DAY.toString())
                .put("slot", 68);
        r.put("netKwh", "-0.300000").put("sequence", 7).put("signature", "c2ln");
        r.putObject("proof")
                .put("leafIndex", 0)
                .put("leafCount", 2)
                .putArray("siblings")
                .add("cd".repeat(32));
        DayReadings read = RecordJson.readings(b);
        // An exporting home's net energy is negative: that is a valid reading.
        assertThat(read.readings())
                .singleElement()
                .satisfies(p -> assertThat(p.reading().netKwh().toString()).isEqualTo("-0.300000"));
        r.put("assetId", "home-2");
        assertThatThrownBy(() -> RecordJson.readings(b))
                .hasMessageContaining("$.readings[0].assetId: must be the answer's home (home-1)");
        r.put("assetId", "home-1").put("slot", true);
        assertThatThrownBy(() -> RecordJson.readings(b)).hasMessageContaining("$.readings[0].slot");
        r.put("slot", 68);
        ((ObjectNode) r.path("proof")).put("leafHint", 0);
        assertThatThrownBy(() -> RecordJson.readings(b)).hasMessageContaining("$.readings[0].proof.leafHint");
    }

    @Test
    void aCongestionPointOrAnchorThatTheDomainRefusesIsRefused() {
        ObjectNode cp = JSON.createObjectNode().put("id", "feeder-1").put("kind", "FEEDER");
        cp.put("parentId", "tx-1").put("capacityKw", "12.000");
        assertThat(RecordJson.congestionPoint(cp).capacityKw().toString()).isEqualTo("12.000");
        assertThatThrownBy(() -> RecordJson.congestionPoint(cp.put("capacityKw", "-12.000")))
                .hasMessageContaining("capacityKw");
        ObjectNode a = JSON.createObjectNode().put("day", DAY.toString()).put("aggregatorMsp", "Aggregator1MSP");
        a.put("rootHex", "ab".repeat(32)).put("leafCount", 0);
        assertThatThrownBy(() -> RecordJson.anchor(a)).hasMessageContaining("leafCount");
    }
}
