package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The ledger's market calendar as the live mode uses it. */
class MarketDayTest {

    @Test
    void aSummerDayStartsAtLondonMidnightAndItsGateAnHourBefore() {
        MarketDay d = new MarketDay(LocalDate.of(2026, 7, 1));
        assertThat(d.start()).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
        assertThat(d.gateClosure()).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
        assertThat(d.slots()).isEqualTo(96);
    }

    @Test
    void clockChangeDaysHaveOtherSlotCountsAndCannotBePlayed() {
        Clock early = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(new MarketDay(LocalDate.of(2026, 3, 29)).slots()).isEqualTo(92);
        assertThat(new MarketDay(LocalDate.of(2026, 10, 25)).slots()).isEqualTo(100);
        assertThatThrownBy(() -> new MarketDay(LocalDate.of(2026, 3, 29)).requirePlayable(early, 96, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--date 2026-03-29 has 92 slots");
    }

    @Test
    void aDayWhoseGateClosesTooSoonIsRefused() {
        MarketDay d = new MarketDay(LocalDate.of(2026, 1, 10));
        // the gate closes at 23:00 UTC on the 9th (London is on UTC in winter)
        Clock tooLate = Clock.fixed(Instant.parse("2026-01-09T22:50:00Z"), ZoneOffset.UTC);
        Clock inTime = Clock.fixed(Instant.parse("2026-01-09T22:30:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> d.requirePlayable(tooLate, 96, Duration.ofMinutes(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--date 2026-01-10: its gate closes at 2026-01-09T23:00:00Z");
        d.requirePlayable(inTime, 96, Duration.ofMinutes(20));
    }

    @Test
    void theDefaultIsTheDayAfterTomorrowInLondon() {
        // 23:30 UTC on 1 May is already 2 May in London (BST)
        Clock c = Clock.fixed(Instant.parse("2026-05-01T23:30:00Z"), ZoneOffset.UTC);
        assertThat(MarketDay.defaultDay(c).date()).isEqualTo(LocalDate.of(2026, 5, 4));
    }
}
