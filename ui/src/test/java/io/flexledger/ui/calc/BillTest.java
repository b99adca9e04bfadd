package io.flexledger.ui.calc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Bill.Tariff TARIFF = new Bill.Tariff(new BigDecimal("0.20"), new BigDecimal("0.40"), 16, 19);

    @Test
    void peakSlotsCostThePeakPrice() {
        assertThat(TARIFF.priceAt(DAY, 63)).isEqualByComparingTo("0.20"); // 15:45
        assertThat(TARIFF.priceAt(DAY, 64)).isEqualByComparingTo("0.40"); // 16:00
        assertThat(TARIFF.priceAt(DAY, 75)).isEqualByComparingTo("0.40"); // 18:45
        assertThat(TARIFF.priceAt(DAY, 76)).isEqualByComparingTo("0.20"); // 19:00
    }

    @Test
    void withFlexibilityTheHomePaysItsMeteredEnergyLessTheSettlement() {
        // Slot 10 (off-peak): baseline 4 kW = 1 kWh, metered 1 kWh. Slot 68 (peak): baseline 1 kWh, metered 0.5.
        var baseline = Map.of(10, new BigDecimal("4"), 68, new BigDecimal("4"));
        var metered = Map.of(10, new BigDecimal("1"), 68, new BigDecimal("0.5"));
        Bill bill = Bill.of(DAY, TARIFF, baseline, metered, new BigDecimal("0.30"));
        assertThat(bill.withoutFlexEur()).isEqualByComparingTo("0.60"); // 0.20 + 0.40
        assertThat(bill.energyEur()).isEqualByComparingTo("0.40"); // 0.20 + 0.20
        assertThat(bill.withFlexEur()).isEqualByComparingTo("0.10");
        assertThat(bill.savingEur()).isEqualByComparingTo("0.50");
    }

    @Test
    void aSlotKnownOnOneSideCountsTheSameBothWays() {
        var baseline = Map.of(1, new BigDecimal("2")); // 0.5 kWh, no reading
        var metered = Map.of(2, new BigDecimal("0.25")); // no baseline
        Bill bill = Bill.of(DAY, TARIFF, baseline, metered, BigDecimal.ZERO);
        assertThat(bill.withoutFlexEur()).isEqualByComparingTo(bill.withFlexEur());
        assertThat(bill.withoutFlexEur()).isEqualByComparingTo("0.15");
    }
}
