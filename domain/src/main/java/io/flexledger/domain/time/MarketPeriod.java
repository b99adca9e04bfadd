package io.flexledger.domain.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One market day, cut into equal slots (15 minutes by default). Days with a clock change have
 * fewer or more slots (92 or 100 at 15 minutes).
 *
 * @param day the calendar day
 * @param zone the zone the day is counted in
 * @param slotLength the length of one slot
 * @param gateClosureLead how long before the start of the day its gate closes
 */
public record MarketPeriod(LocalDate day, ZoneId zone, Duration slotLength, Duration gateClosureLead) {
    public MarketPeriod {
        Objects.requireNonNull(day, "day");
        new MarketRules(zone, slotLength, gateClosureLead); // validates the calendar fields
    }

    /** The period of {@code day} under the default rules. */
    public static MarketPeriod of(LocalDate day) {
        return MarketRules.DEFAULT.period(day);
    }

    /** Midnight at the start of the day. */
    public Instant start() {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Midnight at the end of the day. */
    public Instant end() {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The number of slots in this day. */
    public int slotCount() {
        return (int) (Duration.between(start(), end()).toSeconds() / slotLength.toSeconds());
    }

    /** The moment after which nothing more may be offered, requested or committed for this day. */
    public Instant gateClosure() {
        return start().minus(gateClosureLead);
    }

    /** Whether {@code now} is strictly before gate closure. */
    public boolean isOpenAt(Instant now) {
        return now.isBefore(gateClosure());
    }

    /** Whether {@code index} names a slot of this day. */
    public boolean hasSlot(int index) {
        return index >= 0 && index < slotCount();
    }

    /** The slot with this index (0 is the first slot after midnight). */
    public Slot slot(int index) {
        return new Slot(this, index);
    }
}
