package io.flexledger.agents.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.util.SortedMap;

/**
 * The market records marketplace-api answers (orders, offers, requests), read with the ledger contract's
 * codec ({@link MarketRecords}): exact decimals, each field of its type, a malformed record refused with
 * the field's JSON path rather than read as 0.
 */
final class LedgerRecords {
    /** Hours per 15-minute slot: a slot's kWh is its kW times this. */
    private static final BigDecimal HOURS_PER_SLOT = new BigDecimal("0.25");

    private LedgerRecords() {}

    /**
     * An order as the ledger stores it: the order and what it buys, copied from its offer.
     *
     * @param kwBySlot the kW ordered per slot (activation applied)
     * @param cost what the order costs (EUR)
     */
    record Order(
            FlexOrder order,
            String aggregatorMsp,
            String assetId,
            String congestionPointId,
            SortedMap<Integer, Kilowatts> kwBySlot,
            BigDecimal cost) {
        /** The energy ordered (kWh), exact. */
        BigDecimal kwh() {
            return LedgerRecords.kwh(kwBySlot);
        }
    }

    /** An order record. */
    static Order order(JsonNode record) {
        JsonFields in = MarketRecords.stored(record.toString());
        FlexOrder order = MarketRecords.storedOrder(in);
        return new Order(
                order,
                in.string("aggregatorMsp"),
                in.string("assetId"),
                in.string("congestionPointId"),
                in.kwBySlot("kwBySlot"),
                in.decimal("cost"));
    }

    /** An offer record. */
    static FlexOffer offer(JsonNode record) {
        return MarketRecords.storedOffer(MarketRecords.stored(record.toString()));
    }

    /** A request record. */
    static FlexRequest request(JsonNode record) {
        return MarketRecords.storedRequest(MarketRecords.stored(record.toString()));
    }

    /** The energy (kWh) of kW per slot, exact. */
    static BigDecimal kwh(SortedMap<Integer, Kilowatts> kwBySlot) {
        BigDecimal kwh = BigDecimal.ZERO;
        for (Kilowatts kw : kwBySlot.values()) {
            kwh = kwh.add(kw.value().multiply(HOURS_PER_SLOT));
        }
        return kwh;
    }
}
