package io.flexledger.domain.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MarketPeriodTest {
    @Test
    void anOrdinaryDayHas96QuarterHours() {
        MarketPeriod p = MarketPeriod.of(LocalDate.of(2026, 11, 27));
        assertThat(p.slotCount()).isEqualTo(96);
        assertThat(p.slot(70).start()).isEqualTo(Instant.parse("2026-11-27T17:30:00Z"));
        assertThat(p.slot(95).end()).isEqualTo(p.end());
    }

    @Test
    void clockChangeDaysHaveFewerOrMoreSlots() {
        assertThat(MarketPeriod.of(LocalDate.of(2026, 3, 29)).slotCount()).isEqualTo(92);
        assertThat(MarketPeriod.of(LocalDate.of(2026, 10, 25)).slotCount()).isEqualTo(100);
    }

    @Test
    void gateClosesOneHourBeforeTheDayByDefault() {
        MarketPeriod p = MarketPeriod.of(LocalDate.of(2026, 11, 27));
        assertThat(p.gateClosure()).isEqualTo(Instant.parse("2026-11-26T23:00:00Z"));
        assertThat(p.isOpenAt(Instant.parse("2026-11-26T22:59:59Z"))).isTrue();
        assertThat(p.isOpenAt(Instant.parse("2026-11-26T23:00:00Z"))).isFalse();
    }

    @Test
    void slotsOutsideTheDayAndOddSlotLengthsAreRejected() {
        MarketPeriod p = MarketPeriod.of(LocalDate.of(2026, 11, 27));
        assertThatThrownBy(() -> p.slot(96)).hasMessageContaining("outside 0..95");
        assertThatThrownBy(() -> p.slot(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketRules(ZoneId.of("UTC"), Duration.ofMinutes(7), Duration.ZERO))
                .hasMessageContaining("slotLength");
        assertThat(new MarketRules(ZoneId.of("UTC"), Duration.ofMinutes(5), Duration.ZERO)
                        .period(LocalDate.of(2026, 1, 1))
                        .slotCount())
                .isEqualTo(288);
    }
}
