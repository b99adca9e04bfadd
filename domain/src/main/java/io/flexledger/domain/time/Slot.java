package io.flexledger.domain.time;

import java.time.Instant;
import java.util.Objects;

/**
 * One slot of a market period; slot {@code t} covers {@code [t * slotLength, (t + 1) * slotLength)}
 * after the start of the day.
 *
 * @param period the day
 * @param index the slot number, 0-based
 */
public record Slot(MarketPeriod period, int index) implements Comparable<Slot> {
    public Slot {
        Objects.requireNonNull(period, "period");
        // A slot lies inside its day.
        if (!period.hasSlot(index)) {
            throw new IllegalArgumentException(
                    "slot " + index + " is outside 0.." + (period.slotCount() - 1) + " of " + period.day());
        }
    }

    /** When the slot starts. */
    public Instant start() {
        return period.start().plus(period.slotLength().multipliedBy(index));
    }

    /** When the slot ends (the next slot's start). */
    public Instant end() {
        return start().plus(period.slotLength());
    }

    @Override
    public int compareTo(Slot other) {
        int byStart = start().compareTo(other.start());
        return byStart != 0 ? byStart : Integer.compare(index, other.index);
    }
}
