package io.flexledger.ui.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Delivered flexibility of one order as metered so far, by the settlement rule (load reduction):
 * delivered = max(0, baseline − metered), credited = min(delivered, ordered).
 */
public final class Delivery {
    private static final BigDecimal QUARTER_HOUR = new BigDecimal("0.25");

    private Delivery() {}

    /**
     * One ordered slot. Baseline, metered, delivered and credited are null while unknown.
     *
     * @param slot the slot
     * @param orderedKwh activation × offered kW × 0.25 h
     * @param baselineKwh baseline kW × 0.25 h
     * @param meteredKwh the slot's reading
     * @param deliveredKwh max(0, baseline − metered)
     * @param creditedKwh min(delivered, ordered)
     */
    public record Line(
            int slot,
            BigDecimal orderedKwh,
            BigDecimal baselineKwh,
            BigDecimal meteredKwh,
            BigDecimal deliveredKwh,
            BigDecimal creditedKwh) {
        public boolean known() {
            return creditedKwh != null;
        }
    }

    /** The lines of an order of {@code offerKw} at {@code activation}. */
    public static List<Line> lines(
            SortedMap<Integer, BigDecimal> offerKw,
            BigDecimal activation,
            Map<Integer, BigDecimal> baselineKw,
            Map<Integer, BigDecimal> meteredKwh) {
        List<Line> out = new ArrayList<>();
        for (var e : offerKw.entrySet()) {
            int s = e.getKey();
            // Ordered energy: activation × offered power × a quarter hour, 6 decimals half-even.
            BigDecimal ordered =
                    activation.multiply(e.getValue()).multiply(QUARTER_HOUR).setScale(6, RoundingMode.HALF_EVEN);
            BigDecimal baseline = baselineKw.containsKey(s)
                    ? baselineKw.get(s).multiply(QUARTER_HOUR).setScale(6, RoundingMode.HALF_EVEN)
                    : null;
            BigDecimal metered = meteredKwh.get(s);
            BigDecimal delivered = null;
            BigDecimal credited = null;
            if (baseline != null && metered != null) {
                // Delivered: the reduction below the baseline, never negative.
                delivered = baseline.subtract(metered).max(BigDecimal.ZERO);
                // Credited: no more than was ordered.
                credited = delivered.min(ordered);
            }
            out.add(new Line(s, ordered, baseline, metered, delivered, credited));
        }
        return out;
    }

    /**
     * The settlement rule's net amount over the lines known so far: price × credited − penalty factor ×
     * price × shortfall.
     */
    public static BigDecimal netEur(List<Line> lines, BigDecimal priceEurPerKwh, BigDecimal penaltyFactor) {
        BigDecimal credited = totalCredited(lines);
        BigDecimal shortfall = lines.stream()
                .filter(Line::known)
                .map(l -> l.orderedKwh().subtract(l.creditedKwh()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // Payment for what was delivered, less the penalty on what was ordered and not delivered.
        return priceEurPerKwh
                .multiply(credited)
                .subtract(penaltyFactor.multiply(priceEurPerKwh).multiply(shortfall));
    }

    public static BigDecimal totalOrdered(List<Line> lines) {
        return lines.stream().map(Line::orderedKwh).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Credited energy over the lines known so far. */
    public static BigDecimal totalCredited(List<Line> lines) {
        return lines.stream().filter(Line::known).map(Line::creditedKwh).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
