package io.flexledger.clearing.solver;

import ai.timefold.solver.core.config.solver.termination.TerminationCompositionStyle;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * When the Timefold search stops.
 *
 * @param seconds a wall-clock bound in seconds, or 0 for none
 * @param unimprovedMillis stop after this long without a better solution, or 0 for none
 * @param steps a bound on local-search steps, and on 100 move evaluations per step (reproducible),
 *     or 0 for none
 * @param targetGapPct stop as soon as the proven gap (cost against the Lagrangian lower bound, percent) is
 *     at most this, or negative for no such rule
 * @param bySize the default rule of {@code flex clear}: {@link #sizedFor} fits the unimproved time and the
 *     cap to the order book's size
 * @param capSeconds a shorter wall-clock bound in seconds that stops the search only once it has also
 *     evaluated {@link #CAP_MOVES} moves (so that a search slowed by a busy machine or a cold JVM still does
 *     that work, up to {@code seconds}), or 0 for none
 */
public record SearchLimit(
        double seconds, long unimprovedMillis, long steps, double targetGapPct, boolean bySize, double capSeconds) {

    /**
     * The default rule's unimproved time: one millisecond per offer (at least 0.3 s) up to this many
     * offers (Pontypool-size order books), 1 s beyond.
     */
    static final int SIZED_MAX_OFFERS = 400;

    static final long SIZED_MIN_UNIMPROVED_MILLIS = 300;

    static final long SIZED_MAX_UNIMPROVED_MILLIS = 1000;

    /**
     * The default rule's cap for a Pontypool-size order book (up to {@link #SIZED_MAX_OFFERS} offers), in
     * seconds per offer, at least {@link #SIZED_MIN_SECONDS}, counted from the clearing's start: the
     * searches stop there once each has evaluated {@link #CAP_MOVES} moves (1.4 s at 399 offers, where
     * their last gains of a few hundredths of a percent came at 2.1 s; decision 0002).
     */
    static final double SIZED_SECONDS_PER_OFFER = 0.0035;

    static final double SIZED_MIN_SECONDS = 1.0;

    /**
     * Moves a search must have evaluated before the cap may stop it. On the 399-offer book, searches from
     * the priced start stopped by this count alone (`bench.StopProbe` with {@code -Dprobe.cap=true}) ended
     * 0.313 % above the optimum after 5,000 moves each, 0.284 % after 10,000, 0.179 % after 20,000; a
     * machine under load evaluates a few thousand a second there (decision 0002).
     */
    static final long CAP_MOVES = 10_000;

    public SearchLimit {
        if (Double.isNaN(capSeconds) || capSeconds < 0) {
            throw new IllegalArgumentException("capSeconds must be >= 0, got " + capSeconds);
        }
        if (Double.isNaN(targetGapPct)) {
            throw new IllegalArgumentException("targetGapPct is not a number");
        }
    }

    /** A limit with a target gap (negative: none), not fitted to the size. */
    public SearchLimit(double seconds, long unimprovedMillis, long steps, double targetGapPct) {
        this(seconds, unimprovedMillis, steps, targetGapPct, false, 0.0);
    }

    /** A limit without a target gap, not fitted to the size. */
    public SearchLimit(double seconds, long unimprovedMillis, long steps) {
        this(seconds, unimprovedMillis, steps, -1.0);
    }

    /** This limit, also stopping as soon as the proven gap is at most {@code pct} percent ({@code >= 0}). */
    public SearchLimit withTargetGap(double pct) {
        if (!(pct >= 0.0) || Double.isInfinite(pct)) {
            throw new IllegalArgumentException("target gap must be a finite number >= 0, got " + pct);
        }
        return new SearchLimit(seconds, unimprovedMillis, steps, pct, bySize, capSeconds);
    }

    /** Whether a target gap is set. */
    public boolean hasTargetGap() {
        return targetGapPct >= 0.0;
    }

    /**
     * The default rule of {@code flex clear} without {@code --seconds}: 4 s after the start in any case (the
     * priced start takes at most 40 % of that), and, fitted to the order book by {@link #sizedFor}, stop
     * after one millisecond per offer without a better solution (at least 0.3 s) up to 400 offers, 1 s
     * beyond; up to 400 offers the searches also stop 3.5 ms per offer (at least 1 s) after the clearing's
     * start once each has evaluated {@link #CAP_MOVES} moves.
     */
    public static SearchLimit standard() {
        return new SearchLimit(4.0, SIZED_MAX_UNIMPROVED_MILLIS, 0, -1.0, true, 0.0);
    }

    /**
     * This limit for an order book of {@code offers} offers: the default rule's unimproved time becomes one
     * millisecond per offer (at least 0.3 s) up to 400 offers, 1 s beyond, and up to 400 offers it is
     * capped at 3.5 ms per offer (at least 1 s, at most its own time) once a search has evaluated
     * {@link #CAP_MOVES} moves; other limits are returned as they are.
     */
    public SearchLimit sizedFor(int offers) {
        if (!bySize) {
            return this;
        }
        boolean small = offers <= SIZED_MAX_OFFERS;
        long millis = small ? Math.max(SIZED_MIN_UNIMPROVED_MILLIS, offers) : SIZED_MAX_UNIMPROVED_MILLIS;
        double cap = small && seconds > 0
                ? Math.min(seconds, Math.max(SIZED_MIN_SECONDS, offers * SIZED_SECONDS_PER_OFFER))
                : 0.0;
        return new SearchLimit(seconds, millis, steps, targetGapPct, false, cap);
    }

    /** At most this many seconds; also stops after 1 s without improvement, or N/4 s when N is shorter. */
    public static SearchLimit seconds(double seconds) {
        return new SearchLimit(seconds, Math.max(200, Math.min(1000, (long) (seconds * 250))), 0);
    }

    /** Exactly this many local-search steps: with the fixed random seed, the result is reproducible. */
    public static SearchLimit steps(long steps) {
        return new SearchLimit(0, 0, steps);
    }

    /**
     * This limit with the wall-clock bound and the cap reduced by time already spent (keeping 5% for the
     * polish).
     */
    public SearchLimit after(double spentSeconds) {
        if (seconds <= 0) {
            return this;
        }
        return new SearchLimit(
                Math.max(0.05, (seconds - spentSeconds) * 0.95),
                unimprovedMillis,
                steps,
                targetGapPct,
                bySize,
                capSeconds > 0 ? Math.max(0.05, (capSeconds - spentSeconds) * 0.95) : 0.0);
    }

    /** The solver's termination: the wall-clock bound, the cap with its moves, the unimproved time, the steps. */
    TerminationConfig toConfig() {
        TerminationConfig c = new TerminationConfig();
        if (seconds > 0) {
            c.setSpentLimit(java.time.Duration.ofMillis(Math.round(seconds * 1000)));
        }
        if (capSeconds > 0) {
            // the cap's time AND its moves, both counted by the solver (not a step count: Timefold counts
            // steps per phase, and its solver stops such an AND on the time alone); the top level's limits
            // and its list stop the search whichever comes first
            c.setTerminationConfigList(List.of(new TerminationConfig()
                    .withTerminationCompositionStyle(TerminationCompositionStyle.AND)
                    .withTerminationConfigList(new ArrayList<>(List.of(
                            new TerminationConfig()
                                    .withSpentLimit(java.time.Duration.ofMillis(Math.round(capSeconds * 1000))),
                            new TerminationConfig().withMoveCountLimit(CAP_MOVES))))));
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
