package io.flexledger.ui.calc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridLoadingTest {
    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void meteredEnergyBecomesPowerAndIsSummedOverHomes() {
        var a = new GridLoading.Home("a", Map.of(0, d("0.5"), 1, d("1.0")), Map.of());
        var b = new GridLoading.Home("b", Map.of(0, d("0.25"), 1, d("0.25")), Map.of());
        var r = GridLoading.compute(2, d("10"), List.of(a, b));
        // 0.5 kWh in a quarter hour is 2 kW; 0.25 kWh is 1 kW.
        assertThat(r.loadKw()).containsExactly(3.0, 5.0);
        assertThat(r.sources()).containsExactly(GridLoading.Source.METERED, GridLoading.Source.METERED);
    }

    @Test
    void theBaselineStandsInForSlotsWithoutReading() {
        var a = new GridLoading.Home("a", Map.of(0, d("1")), Map.of(0, d("9"), 1, d("3")));
        var b = new GridLoading.Home("b", Map.of(), Map.of(0, d("1"), 1, d("1")));
        var c = new GridLoading.Home("c", Map.of(), Map.of());
        var r = GridLoading.compute(2, d("10"), List.of(a, b, c));
        // Slot 0: a metered 4 kW (its baseline ignored), b baseline 1; slot 1: a baseline 3, b baseline 1.
        assertThat(r.loadKw()).containsExactly(5.0, 4.0);
        assertThat(r.sources())
                .containsExactly(GridLoading.Source.MIXED, GridLoading.Source.BASELINE, GridLoading.Source.NONE);
    }

    @Test
    void aSlotIsCongestedOnlyAboveCapacity() {
        var a = new GridLoading.Home("a", Map.of(0, d("2.5"), 1, d("2.51"), 2, d("1")), Map.of());
        var r = GridLoading.compute(3, d("10"), List.of(a));
        assertThat(r.loadKw()).containsExactly(10.0, 10.04, 4.0);
        assertThat(r.congested()).containsExactly(false, true, false);
        assertThat(r.congestedSlots()).isEqualTo(1);
        assertThat(r.peakKw()).isEqualTo(10.04);
    }

    @Test
    void anUnknownCapacityMarksNothing() {
        var a = new GridLoading.Home("a", Map.of(0, d("100")), Map.of());
        assertThat(GridLoading.compute(1, null, List.of(a)).congested()).containsExactly(false);
    }
}
