package io.flexledger.ui.calc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SlotsTest {
    @Test
    void aDayHas96SlotsAndClockChangeDays92Or100() {
        assertThat(Slots.count(LocalDate.parse("2026-11-28"))).isEqualTo(96);
        assertThat(Slots.count(LocalDate.parse("2026-03-29"))).isEqualTo(92);
        assertThat(Slots.count(LocalDate.parse("2026-10-25"))).isEqualTo(100);
    }

    @Test
    void labelsAreLocalStartTimes() {
        var labels = Slots.labels(LocalDate.parse("2026-11-28"));
        assertThat(labels).hasSize(96).startsWith("00:00", "00:15").endsWith("23:45");
        assertThat(Slots.hourOf(LocalDate.parse("2026-11-28"), 68)).isEqualTo(17);
        // After the spring clock change, slot 4 starts at 02:00 local time.
        assertThat(Slots.labels(LocalDate.parse("2026-03-29")).get(4)).isEqualTo("02:00");
    }
}
