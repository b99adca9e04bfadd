package io.flexledger.agents.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the 15 typical days: 5 seasons x {weekday, Saturday, Sunday}, numbered 1..15 in the
 * order winter, spring, summer, autumn, cold snap, each as weekday, Saturday, Sunday.
 *
 * @param number 1..15
 * @param season the season
 * @param dayType weekday, Saturday or Sunday
 */
public record TypicalDay(int number, Season season, DayType dayType) {

    /** Number of typical days. */
    public static final int COUNT = Season.values().length * DayType.values().length;

    /** Typical day {@code number} (1..15). */
    public static TypicalDay of(int number) {
        // days are numbered 1..15
        if (number < 1 || number > COUNT) {
            throw new IllegalArgumentException("unknown day " + number + " (expected 1.." + COUNT + ")");
        }
        int i = number - 1;
        int perSeason = DayType.values().length;
        return new TypicalDay(number, Season.values()[i / perSeason], DayType.values()[i % perSeason]);
    }

    /** All 15 days in order. */
    public static List<TypicalDay> all() {
        List<TypicalDay> out = new ArrayList<>();
        for (int d = 1; d <= COUNT; d++) {
            out.add(of(d));
        }
        return out;
    }

    /** Short code used in ids, e.g. {@code d03}. */
    public String code() {
        return String.format("d%02d", number);
    }

    /** Readable name, e.g. {@code winter sunday}. */
    public String label() {
        return season.label() + " " + dayType.label();
    }
}
