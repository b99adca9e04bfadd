package io.flexledger.ui.view;

import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Number and record formatting shared by the pages. */
final class Fmt {
    private Fmt() {}

    static String kwh(BigDecimal v) {
        return v == null ? "–" : v.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String eur(BigDecimal v) {
        return v == null ? "–" : v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** "68–75 (8 slots)" for the keys of a per-slot map. */
    static String slotRange(SortedMap<Integer, BigDecimal> bySlot) {
        if (bySlot.isEmpty()) {
            return "–";
        }
        return bySlot.firstKey() + "–" + bySlot.lastKey() + " (" + bySlot.size() + " slots)";
    }

    static BigDecimal sum(Map<Integer, BigDecimal> bySlot) {
        return bySlot.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Energy of a per-slot power map: Σ kW × 0.25 h. */
    static BigDecimal energyKwh(Map<Integer, BigDecimal> kwBySlot) {
        return sum(kwBySlot).multiply(new BigDecimal("0.25"));
    }

    /** Values per slot as a chart series (null where absent). */
    static List<Double> series(int slots, Map<Integer, BigDecimal> bySlot, BigDecimal factor) {
        List<Double> out = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            BigDecimal v = bySlot.get(s);
            out.add(v == null ? null : v.multiply(factor).doubleValue());
        }
        return out;
    }

    /** The metered energy per slot of a home's readings from device-bridge. */
    static SortedMap<Integer, BigDecimal> meteredKwh(DayReadings readings) {
        SortedMap<Integer, BigDecimal> out = new TreeMap<>();
        for (SettlementRecords.ProvenReading r : readings.readings()) {
            out.merge(r.reading().slot(), r.reading().netKwh().value(), BigDecimal::add);
        }
        return out;
    }

    /** kW per slot as plain decimals. */
    static SortedMap<Integer, BigDecimal> kw(SortedMap<Integer, Kilowatts> kwBySlot) {
        SortedMap<Integer, BigDecimal> out = new TreeMap<>();
        kwBySlot.forEach((slot, kw) -> out.put(slot, kw.value()));
        return out;
    }
}
