package io.flexledger.clearing.community;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import java.time.Duration;

/**
 * When the community market's Timefold search stops.
 *
 * @param seconds a wall-clock bound, or 0 for none
 * @param unimprovedMillis stop after this long without a better solution, or 0 for none
 * @param moves stop after this many evaluated moves (reproducible with the fixed seed), or 0 for none
 */
public record CommunityLimit(double seconds, long unimprovedMillis, long moves) {

    /** The default: stop after 0.5 s without a better solution, 5 s after the start at most. */
    public static CommunityLimit standard() {
        return new CommunityLimit(5.0, 500, 0);
    }

    /** At most this many seconds, and 0.5 s without improvement (less when the bound is short). */
    public static CommunityLimit seconds(double seconds) {
        return new CommunityLimit(seconds, Math.max(50, Math.min(500, (long) (seconds * 100))), 0);
    }

    /** Exactly this many evaluated moves: with the fixed random seed the answer does not depend on the machine. */
    public static CommunityLimit moves(long moves) {
        return new CommunityLimit(0, 0, moves);
    }

    TerminationConfig toConfig() {
        TerminationConfig c = new TerminationConfig();
        if (seconds > 0) {
            c.setSpentLimit(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        if (unimprovedMillis > 0) {
            c.setUnimprovedSpentLimit(Duration.ofMillis(unimprovedMillis));
        }
        if (moves > 0) {
            c.setMoveCountLimit(moves);
        }
        return c;
    }
}
