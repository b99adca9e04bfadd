package io.flexledger.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderDeliveryTest {
    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void creditIsTheReductionBelowBaselineCappedAtTheOrder() {
        var offer = new TreeMap<>(Map.of(10, d("2"), 11, d("2"), 12, d("2")));
        // Baseline 4 kW = 1 kWh per slot; ordered at 0.5: 0.25 kWh per slot.
        var baseline = Map.of(10, d("4"), 11, d("4"), 12, d("4"));
        var metered = Map.of(10, d("0.5"), 11, d("0.9"), 12, d("1.2"));
        var lines = OrderDelivery.lines(offer, d("0.5"), baseline, metered);
        assertThat(lines).extracting(OrderDelivery.Line::ordered).containsOnly(d("0.250000"));
        // Slot 10 reduced 0.5 (capped at 0.25), slot 11 reduced 0.1, slot 12 used more than baseline.
        assertThat(lines)
                .extracting(OrderDelivery.Line::credited)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(d("0.25"), d("0.1"), d("0"));
        assertThat(OrderDelivery.totalOrdered(lines)).isEqualByComparingTo("0.75");
        assertThat(OrderDelivery.totalCredited(lines)).isEqualByComparingTo("0.35");
        // Net at 0.40 EUR/kWh: 0.40 × 0.35 − 0.5 × 0.40 × 0.40 = 0.14 − 0.08.
        assertThat(OrderDelivery.netEur(lines, d("0.40"))).isEqualByComparingTo("0.06");
    }

    @Test
    void aSlotWithoutReadingOrBaselineIsNotYetKnown() {
        var offer = new TreeMap<>(Map.of(10, d("1"), 11, d("1")));
        var lines = OrderDelivery.lines(offer, d("1"), Map.of(10, d("2")), Map.of(11, d("0.1")));
        assertThat(lines).noneMatch(OrderDelivery.Line::known);
        assertThat(OrderDelivery.totalCredited(lines)).isEqualByComparingTo("0");
        assertThat(OrderDelivery.netEur(lines, d("1"))).isEqualByComparingTo("0");
    }

    @Test
    void orderedEnergyIsRoundedHalfEvenToSixDecimals() {
        var offer = new TreeMap<>(Map.of(0, d("0.0000021")));
        // 0.0000021 × 0.25 = 0.000000525 -> 0.000001 (half-even on the 7th decimal 5 with 25 after).
        assertThat(OrderDelivery.lines(offer, d("1"), Map.of(), Map.of()).get(0).ordered())
                .isEqualTo(d("0.000001"));
    }
}
