package io.flexledger.devicebridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodRuleTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void realMetersTakeAWeekBackAndTwoDaysAhead() {
        PeriodRule rule = new PeriodRule(7);
        assertThat(rule.refusal(TODAY.minusDays(7), TODAY)).isEmpty();
        assertThat(rule.refusal(TODAY.plusDays(2), TODAY)).isEmpty();
        assertThat(rule.refusal(TODAY.minusDays(8), TODAY)).contains("day 2026-11-18 is more than 7 days in the past");
        assertThat(rule.refusal(TODAY.plusDays(3), TODAY)).contains("day 2026-11-29 is more than 2 days in the future");
    }

    @Test
    void aReplayedFutureDayNeedsAWiderWindow() {
        LocalDate replayed = TODAY.plusDays(400);
        assertThat(new PeriodRule(7).refusal(replayed, TODAY)).isPresent();
        assertThat(new PeriodRule(7, 4000).refusal(replayed, TODAY)).isEmpty();
        assertThatThrownBy(() -> new PeriodRule(7, -1)).hasMessageContaining("bridge.max-ahead-days");
    }
}
