package io.flexledger.ui.view;

import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * An order's delivery as metered so far, by the ledger's {@link SettlementRule}: each ordered slot
 * whose baseline and reading are known is a {@link SettlementLine}, the others are still open.
 */
final class OrderDelivery {
    private static final Duration SLOT = MarketRules.DEFAULT.slotLength();

    private OrderDelivery() {}

    /**
     * One ordered slot.
     *
     * @param slot the slot
     * @param orderedKwh activation × offered kW × slot length
     * @param baselineKwh baseline kW × slot length, or null while unknown
     * @param settled the slot's settlement line, or null while its baseline or reading is unknown
     */
    record Line(int slot, KilowattHours orderedKwh, KilowattHours baselineKwh, SettlementLine settled) {
        boolean known() {
            return settled != null;
        }

        BigDecimal ordered() {
            return orderedKwh.value();
        }

        /** The credited energy, or null while unknown. */
        BigDecimal credited() {
            return settled == null ? null : settled.creditedKwh().value();
        }
    }

    /** The lines of an order of {@code offerKw} at {@code activation}. */
    static List<Line> lines(
            SortedMap<Integer, BigDecimal> offerKw,
            BigDecimal activation,
            Map<Integer, BigDecimal> baselineKw,
            Map<Integer, BigDecimal> meteredKwh) {
        List<Line> out = new ArrayList<>();
        for (var e : offerKw.entrySet()) {
            int s = e.getKey();
            KilowattHours ordered = SettlementRule.energy(activation.multiply(e.getValue()), SLOT);
            KilowattHours baseline = baselineKw.containsKey(s) ? SettlementRule.energy(baselineKw.get(s), SLOT) : null;
            BigDecimal metered = meteredKwh.get(s);
            SettlementLine settled =
                    baseline != null && metered != null ? SettlementLine.of(s, ordered, baseline, kwh(metered)) : null;
            out.add(new Line(s, ordered, baseline, settled));
        }
        return out;
    }

    /** The settlement rule's net over the lines known so far: payment for the credited energy less the penalty. */
    static BigDecimal netEur(List<Line> lines, BigDecimal priceEurPerKwh) {
        KilowattHours credited = KilowattHours.ZERO;
        KilowattHours shortfall = KilowattHours.ZERO;
        for (Line l : lines) {
            if (l.known()) {
                credited = credited.plus(l.settled().creditedKwh());
                shortfall = shortfall.plus(l.settled().shortfallKwh());
            }
        }
        EurosPerKwh price = new EurosPerKwh(priceEurPerKwh.setScale(EurosPerKwh.SCALE, RoundingMode.HALF_EVEN));
        return SettlementRule.DEFAULT.net(credited, shortfall, price).value();
    }

    /** The ordered energy of all lines. */
    static BigDecimal totalOrdered(List<Line> lines) {
        return lines.stream().map(Line::ordered).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Credited energy over the lines known so far. */
    static BigDecimal totalCredited(List<Line> lines) {
        return lines.stream().filter(Line::known).map(Line::credited).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static KilowattHours kwh(BigDecimal v) {
        return new KilowattHours(v.setScale(KilowattHours.SCALE, RoundingMode.HALF_EVEN));
    }
}
