package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The market records the API answers, read as the ledger contract wrote them: exact, strict. */
class RecordJsonExactnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2030-05-31T10:00:00Z");

    private static FlexOffer offer() {
        SortedMap<Integer, Kilowatts> kw = new TreeMap<>();
        kw.put(68, new Kilowatts(new BigDecimal("0.100")));
        kw.put(69, new Kilowatts(new BigDecimal("0.200")));
        kw.put(80, new Kilowatts(new BigDecimal("1.333")));
        return new FlexOffer(
                "off-1",
                "Aggregator1MSP",
                "cp-1",
                "home-1",
                MarketRecords.RULES.period(LocalDate.parse("2030-06-01")),
                "req-1",
                kw,
                new EurosPerKwh(new BigDecimal("0.12345")),
                new BigDecimal("0.5"),
                FlexOfferState.OFFERED);
    }

    private static JsonNode asAnswered(Object record) throws Exception {
        return JSON.readTree(CanonicalJson.write(record));
    }

    @Test
    void anOrderIsReadExactlyAsTheLedgerWroteIt() throws Exception {
        FlexOffer offer = offer();
        FlexOrder order = new FlexOrder("ord-1", "DsoMSP", "off-1", new BigDecimal("0.75"), FlexOrderState.ACCEPTED);

        MarketRecords.StoredOrder read =
                RecordJson.storedOrder(asAnswered(MarketRecords.order(order, offer, AT, "tx")));

        assertThat(read.order()).isEqualTo(order);
        assertThat(read.assetId()).isEqualTo("home-1");
        assertThat(read.aggregatorMsp()).isEqualTo("Aggregator1MSP");
        assertThat(read.kwBySlot()).isEqualTo(order.orderedKw(offer));
        assertThat(read.cost()).isEqualByComparingTo(order.cost(offer).value());
        // the energy is the exact sum of the ordered kW times a quarter hour
        BigDecimal expected = BigDecimal.ZERO;
        for (Kilowatts kw : order.orderedKw(offer).values()) {
            expected = expected.add(kw.value().multiply(new BigDecimal("0.25")));
        }
        assertThat(read.kwh()).isEqualByComparingTo(expected);
    }

    @Test
    void theEnergyOfAnOfferIsTheSameDoubleAsSummingItsSlotsOneByOne() throws Exception {
        FlexOffer read = RecordJson.offer(asAnswered(MarketRecords.offer(offer(), AT, "tx")));

        assertThat(read).isEqualTo(offer());
        // 0.100, 0.200 and 1.333 kW for a quarter hour each: 0.40825 kWh
        assertThat(MarketRecords.kwh(read.kwBySlot()).doubleValue()).isEqualTo(0.40825);
    }

    @Test
    void anOrderWithAnActivationThatIsNotANumberIsRefusedNotReadAsZero() throws Exception {
        FlexOrder order = new FlexOrder("ord-1", "DsoMSP", "off-1", new BigDecimal("0.75"), FlexOrderState.ACCEPTED);
        ObjectNode record = (ObjectNode) asAnswered(MarketRecords.order(order, offer(), AT, "tx"));
        record.put("activation", "most");

        assertThatThrownBy(() -> RecordJson.storedOrder(record)).hasMessageContaining("$.activation");
    }

    @Test
    void aSettledOrderCarriesItsSettlementAndIsStillRead() throws Exception {
        FlexOrder order = new FlexOrder("ord-1", "DsoMSP", "off-1", new BigDecimal("0.75"), FlexOrderState.SETTLED);
        // As the settlement's transaction rewrites the order record.
        ObjectNode record = (ObjectNode) asAnswered(MarketRecords.order(order, offer(), AT, "tx"));
        record.put("settlementId", "stl-ord-1");

        assertThat(RecordJson.storedOrder(record).order()).isEqualTo(order);
        record.put("settledBy", "Aggregator1MSP");
        assertThatThrownBy(() -> RecordJson.storedOrder(record)).hasMessageContaining("$.settledBy");
    }
}
