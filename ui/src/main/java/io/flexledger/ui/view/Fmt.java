package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.ui.calc.Slots;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Number and record formatting shared by the pages. */
final class Fmt {
    private Fmt() {}

    static String kwh(BigDecimal v) {
        return v == null ? "–" : v.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String eur(BigDecimal v) {
        return v == null ? "–" : v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    static BigDecimal dec(JsonNode n, String field) {
        return Slots.decimal(n.path(field));
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

    /** The metered energy per slot of a device-bridge answer. */
    static SortedMap<Integer, BigDecimal> meteredKwh(JsonNode readings) {
        SortedMap<Integer, BigDecimal> out = new java.util.TreeMap<>();
        for (JsonNode r : readings.path("readings")) {
            out.merge(r.path("slot").asInt(), Slots.decimal(r.path("netKwh")), BigDecimal::add);
        }
        return out;
    }

    /** The baseline's kW per slot of a marketplace-api baseline answer, if revealed to this viewer. */
    static SortedMap<Integer, BigDecimal> baselineKw(JsonNode baseline) {
        for (String f : List.of("kwBySlot", "revealed", "values")) {
            JsonNode v = baseline.path(f);
            if (v.isObject() && v.has("kwBySlot")) {
                return Slots.bySlot(v.path("kwBySlot"));
            }
            if (f.equals("kwBySlot") && !v.isMissingNode()) {
                return Slots.bySlot(v);
            }
        }
        return new java.util.TreeMap<>();
    }
}
