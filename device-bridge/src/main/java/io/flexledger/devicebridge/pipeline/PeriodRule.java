package io.flexledger.devicebridge.pipeline;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Which days take readings: from {@code maxAgeDays} days ago to {@code maxAheadDays} days ahead of
 * today (the market's calendar day). Sealed days are the {@link DaySeals}' concern.
 *
 * @param maxAgeDays how many days back a reading may still arrive (late meters, outages)
 * @param maxAheadDays how many days ahead a reading may be dated: {@link #MAX_AHEAD_DAYS} for real
 *     meters; the local stack's demo and tests replay future market days and allow more
 */
public record PeriodRule(int maxAgeDays, int maxAheadDays) {
    /** A reading more than two days ahead cannot come from a meter with a sane clock. */
    public static final int MAX_AHEAD_DAYS = 2;

    public PeriodRule {
        if (maxAgeDays < 0) {
            throw new IllegalArgumentException("bridge.max-age-days must be >= 0");
        }
        if (maxAheadDays < 0) {
            throw new IllegalArgumentException("bridge.max-ahead-days must be >= 0");
        }
    }

    /** The rule for real meters: {@link #MAX_AHEAD_DAYS} ahead. */
    public PeriodRule(int maxAgeDays) {
        this(maxAgeDays, MAX_AHEAD_DAYS);
    }

    /** Why {@code day} takes no readings on {@code today}, or empty when it does. */
    public Optional<String> refusal(LocalDate day, LocalDate today) {
        // Readings older than the window would change what has long been settled.
        if (day.isBefore(today.minusDays(maxAgeDays))) {
            return Optional.of("day " + day + " is more than " + maxAgeDays + " days in the past");
        }
        // Readings of days far ahead cannot have been measured yet.
        if (day.isAfter(today.plusDays(maxAheadDays))) {
            return Optional.of("day " + day + " is more than " + maxAheadDays + " days in the future");
        }
        return Optional.empty();
    }
}
