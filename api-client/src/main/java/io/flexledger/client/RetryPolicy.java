package io.flexledger.client;

import java.time.Duration;

/**
 * How often and how patiently a call is repeated when the server is unavailable (503) or cannot be
 * reached: at most {@code attempts} tries, waiting {@code firstBackoff} before the second, doubling
 * up to {@code maxBackoff}.
 *
 * @param attempts tries in all (>= 1)
 * @param firstBackoff wait before the first retry
 * @param maxBackoff the longest wait between tries
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {

    /** Validates the policy. */
    public RetryPolicy {
        // at least the first try
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1");
        }
        // waits are never negative, and the cap is not below the first wait
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff");
        }
    }

    /** Five tries, 0.5 s then doubling up to 8 s (about 15 s of waiting in all). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    /** The wait before try {@code attempt} (2 = the first retry). */
    public Duration backoffBefore(int attempt) {
        long ms = firstBackoff.toMillis();
        for (int i = 2; i < attempt && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
