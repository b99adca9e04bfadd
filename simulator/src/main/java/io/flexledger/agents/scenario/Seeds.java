package io.flexledger.agents.scenario;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the campaign seed and a path of
 * integers (what the stream is for, which home, which day), so that every draw depends only on
 * what it describes and never on the order of generation.
 */
final class Seeds {

    /** Stream: a home's fixed attributes (category, sizes, habits). */
    static final int HOUSEHOLD = 1;
    /** Stream: the order in which homes adopt one technology. */
    static final int ADOPTION = 2;
    /** Stream: a home's behaviour on one typical day. */
    static final int HOME_DAY = 3;
    /** Stream: the weather of one typical day (shared by all homes). */
    static final int WEATHER = 4;

    private Seeds() {}

    /** A generator for the stream named by {@code path} under {@code seed}. */
    static SplittableRandom stream(long seed, int... path) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        for (int p : path) {
            h = mix(h ^ (p * 0x9E3779B97F4A7C15L));
        }
        return new SplittableRandom(h);
    }

    // SplitMix64 finaliser: a bijective 64-bit mix
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform draw in {@code [lo, hi)}. */
    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** A uniform integer in {@code [lo, hi]}. */
    static int between(SplittableRandom r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }
}
