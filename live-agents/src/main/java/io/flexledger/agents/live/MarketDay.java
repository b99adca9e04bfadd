package io.flexledger.agents.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A real market day of the ledger's calendar (decision 0005): midnight to midnight in Europe/London, in
 * 15-minute slots (92 or 100 on clock-change days), its gate closing one hour before it starts.
 *
 * @param date the day
 */
public record MarketDay(LocalDate date) {

    /** The market's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    /** Slot length. */
    public static final Duration SLOT = Duration.ofMinutes(15);

    /** How long before the day starts its gate closes. */
    public static final Duration GATE_BEFORE_START = Duration.ofHours(1);

    /** The default live day: the day after tomorrow in London, whose gate is open for at least 23 h. */
    public static MarketDay defaultDay(Clock clock) {
        return new MarketDay(LocalDate.now(clock.withZone(ZONE)).plusDays(2));
    }

    /** When the day starts. */
    public Instant start() {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /** When its gate closes: requests, offers and baseline commitments must be posted before. */
    public Instant gateClosure() {
        return start().minus(GATE_BEFORE_START);
    }

    /** Its number of slots. */
    public int slots() {
        Instant end = date.plusDays(1).atStartOfDay(ZONE).toInstant();
        return (int) (Duration.between(start(), end).toMinutes() / SLOT.toMinutes());
    }

    /**
     * Refuses a day the typical day cannot be played on: a clock-change day (its slot count differs)
     * or a day whose gate closes within {@code lead} from now.
     *
     * @throws IllegalArgumentException naming the option {@code --date}
     */
    public void requirePlayable(Clock clock, int typicalSlots, Duration lead) {
        // the typical day's slots map one to one onto the market day's
        if (slots() != typicalSlots) {
            throw new IllegalArgumentException("--date " + date + " has " + slots()
                    + " slots (a clock change); the typical day has " + typicalSlots + ": choose another day");
        }
        // everything is posted before gate closure, with time to spare for the run itself
        if (!clock.instant().plus(lead).isBefore(gateClosure())) {
            throw new IllegalArgumentException("--date " + date + ": its gate closes at " + gateClosure()
                    + ", less than " + lead.toMinutes() + " min from now; choose a later day");
        }
    }
}
