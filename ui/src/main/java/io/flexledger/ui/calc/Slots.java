package io.flexledger.ui.calc;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The market day's 15-minute slots (Europe/London: 92, 96 or 100 of them). */
public final class Slots {
    /** The market's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private Slots() {}

    /** Number of slots of a day: its length in quarter hours (a clock change makes it 92 or 100). */
    public static int count(LocalDate day) {
        ZonedDateTime start = day.atStartOfDay(ZONE);
        ZonedDateTime end = day.plusDays(1).atStartOfDay(ZONE);
        return (int) (Duration.between(start, end).toMinutes() / 15);
    }

    /** The local start time of each slot, "HH:mm". */
    public static List<String> labels(LocalDate day) {
        ZonedDateTime start = day.atStartOfDay(ZONE);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < count(day); s++) {
            out.add(start.plusMinutes(15L * s).format(HH_MM));
        }
        return out;
    }

    /** The local hour at which a slot starts. */
    public static int hourOf(LocalDate day, int slot) {
        return day.atStartOfDay(ZONE).plusMinutes(15L * slot).getHour();
    }
}
