package io.flexledger.clearing.solver;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * When the Timefold search stops.
 *
 * @param seconds a wall-clock bound in seconds, or 0 for none
 * @param unimprovedMillis stop after this long without a better solution, or 0 for none
 * @param steps a bound on local-search steps, and on 100 move evaluations per step (reproducible),
 *     or 0 for none
 * @param targetGapPct stop as soon as the proven gap (cost against the Lagrangian lower bound, percent) is
 *     at most this, or negative for no such rule
 */
public record SearchLimit(double seconds, long unimprovedMillis, long steps, double targetGapPct) {

    public SearchLimit {
        if (Double.isNaN(targetGapPct)) {
            throw new IllegalArgumentException("targetGapPct is not a number");
        }
    }

    /** A limit without a target gap. */
    public SearchLimit(double seconds, long unimprovedMillis, long steps) {
        this(seconds, unimprovedMillis, steps, -1.0);
    }

    /** This limit, also stopping as soon as the proven gap is at most {@code pct} percent ({@code >= 0}). */
    public SearchLimit withTargetGap(double pct) {
        if (!(pct >= 0.0) || Double.isInfinite(pct)) {
            throw new IllegalArgumentException("target gap must be a finite number >= 0, got " + pct);
        }
        return new SearchLimit(seconds, unimprovedMillis, steps, pct);
    }

    /** Whether a target gap is set. */
    public boolean hasTargetGap() {
        return targetGapPct >= 0.0;
    }

    /**
     * The default rule of {@code flex clear} without {@code --seconds}: stop after 1 s without a better
     * solution, and 4 s after the start in any case (the priced start takes at most 40 % of that).
     */
    public static SearchLimit standard() {
        return new SearchLimit(4.0, 1000, 0);
    }

    /** At most this many seconds; also stops after 1 s without improvement, or N/4 s when N is shorter. */
    public static SearchLimit seconds(double seconds) {
        return new SearchLimit(seconds, Math.max(200, Math.min(1000, (long) (seconds * 250))), 0);
    }

    /** Exactly this many local-search steps: with the fixed random seed, the result is reproducible. */
    public static SearchLimit steps(long steps) {
        return new SearchLimit(0, 0, steps);
    }

    /** This limit with the wall-clock bound reduced by time already spent (keeping 5% for the polish). */
    public SearchLimit after(double spentSeconds) {
        if (seconds <= 0) {
            return this;
        }
        return new SearchLimit(Math.max(0.05, (seconds - spentSeconds) * 0.95), unimprovedMillis, steps, targetGapPct);
    }

    TerminationConfig toConfig() {
        TerminationConfig c = new TerminationConfig();
        if (seconds > 0) {
            c.setSpentLimit(java.time.Duration.ofMillis(Math.round(seconds * 1000)));
        }
        if (unimprovedMillis > 0) {
            c.setUnimprovedSpentLimit(java.time.Duration.ofMillis(unimprovedMillis));
        }
        if (steps > 0) {
            // a step needs an accepted move; the evaluation bound also ends a search that finds none
            c.setStepCountLimit((int) Math.min(Integer.MAX_VALUE, steps));
            c.setScoreCalculationCountLimit(steps * 100);
        }
        return c;
    }
}
