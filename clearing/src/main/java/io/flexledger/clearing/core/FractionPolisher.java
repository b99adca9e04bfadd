package io.flexledger.clearing.core;

import java.util.BitSet;
import java.util.PriorityQueue;

/**
 * The exact, continuous side of the clearing, run before and after the Timefold search: a greedy
 * construction by cost per useful kW, and a polish that moves each offer to its exact best fraction
 * (coordinate descent) and tries replacing the accepted offers of an asset by another offer of it.
 * Every step keeps the fractions feasible and never raises the cost.
 */
public final class FractionPolisher {

    private static final int MAX_ROUNDS = 200;

    /** The deadline is read once per this many offers (a power of two, less one). */
    private static final int CHECK_EVERY = 63;

    private final IndexedProblem p;
    private final BitSet frozen;

    public FractionPolisher(IndexedProblem problem) {
        this(problem, new BitSet());
    }

    /** A polisher that keeps the frozen offers (revoked ones) at 0. */
    public FractionPolisher(IndexedProblem problem, BitSet frozen) {
        this.p = problem;
        this.frozen = frozen;
    }

    /** A greedy start: offers in order of cost per kW still needed, each at its exact best fraction. */
    public double[] greedy() {
        return greedy(Long.MAX_VALUE);
    }

    /**
     * As {@link #greedy()}, stopping at {@code deadlineNanos} ({@link System#nanoTime()}) with the offers
     * accepted so far (feasible: each offer is accepted only where no offer of its asset blocks it).
     */
    public double[] greedy(long deadlineNanos) {
        FractionState s = new FractionState(p, frozen);
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int o = 0; o < p.offerCount(); o++) {
            double key = key(s, o);
            if (key < Double.POSITIVE_INFINITY) {
                queue.add(new double[] {key, o});
            }
        }
        int polled = 0;
        while (!queue.isEmpty()) {
            if ((++polled & CHECK_EVERY) == 0 && past(deadlineNanos)) {
                break;
            }
            double[] top = queue.poll();
            int o = (int) top[1];
            if (s.blocked(o)) {
                continue;
            }
            double key = key(s, o);
            if (key == Double.POSITIVE_INFINITY) {
                continue;
            }
            if (!queue.isEmpty() && key > queue.peek()[0] + 1e-12) {
                queue.add(new double[] {key, o});
                continue;
            }
            s.set(o, s.bestFraction(o));
        }
        return s.fractions();
    }

    // Cost per kW still needed at the offer's requests; infinite when it cannot help.
    private double key(FractionState s, int o) {
        double cost = p.offerCostEur(o);
        if (cost < 0.0) {
            return cost;
        }
        double useful = 0.0;
        int[] req = p.offerRequests(o);
        double[] kw = p.offer(o).kw();
        for (int i = 0; i < req.length; i++) {
            if (req[i] >= 0) {
                useful += Math.min(kw[i], Math.max(0.0, s.localResidual(req[i])));
            }
        }
        if (useful <= 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        return cost / useful;
    }

    /**
     * Improves feasible fractions: alternates the exact LP over the accepted set ({@link SupportLp})
     * with single-offer and same-asset replacement moves, until neither helps.
     */
    public double[] polish(double[] start) {
        return polish(start, Long.MAX_VALUE);
    }

    /**
     * As {@link #polish(double[])}, stopping at {@code deadlineNanos} ({@link System#nanoTime()}) with the
     * best fractions so far (never dearer than {@code start}).
     */
    public double[] polish(double[] start, long deadlineNanos) {
        SupportLp lp = new SupportLp(p);
        double[] x = descend(start, deadlineNanos);
        double cost = cost(x);
        for (int loop = 0; loop < 20 && !past(deadlineNanos); loop++) {
            double[] y = descend(lp.optimise(x), deadlineNanos);
            double c = cost(y);
            if (!(c < cost - 1e-12 * Math.max(1.0, Math.abs(cost)))) {
                break;
            }
            x = y;
            cost = c;
        }
        return x;
    }

    // Long.MAX_VALUE is no deadline
    private static boolean past(long deadlineNanos) {
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0;
    }

    private double cost(double[] f) {
        return new FractionState(p, frozen, f).totalCostEur();
    }

    /** Improves feasible fractions until no single-offer or same-asset replacement move helps. */
    double[] descend(double[] start) {
        return descend(start, Long.MAX_VALUE);
    }

    // each move keeps the fractions feasible and never raises the cost, so stopping anywhere is safe
    private double[] descend(double[] start, long deadlineNanos) {
        FractionState s = new FractionState(p, frozen, start);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean improved = false;
            for (int o = 0; o < p.offerCount(); o++) {
                if ((o & CHECK_EVERY) == CHECK_EVERY && past(deadlineNanos)) {
                    return s.fractions();
                }
                improved |= improveOne(s, o);
            }
            for (int o = 0; o < p.offerCount(); o++) {
                if ((o & CHECK_EVERY) == CHECK_EVERY && past(deadlineNanos)) {
                    return s.fractions();
                }
                if (s.fraction(o) == 0.0 && s.blocked(o)) {
                    improved |= tryReplace(s, o);
                }
            }
            if (!improved) {
                break;
            }
        }
        return s.fractions();
    }

    private static boolean improveOne(FractionState s, int o) {
        double current = s.fraction(o);
        double best = s.bestFraction(o);
        if (best == current) {
            return false;
        }
        double before = s.localCost(o, current);
        double after = s.localCost(o, best);
        if (after < before - 1e-12 * Math.max(1.0, Math.abs(before))) {
            s.set(o, best);
            return true;
        }
        return false;
    }

    // Drops the accepted offers that block o, accepts o at its best fraction, keeps it if cheaper.
    private boolean tryReplace(FractionState s, int o) {
        int[] conflicts = p.conflicts(o);
        double before = s.costOf(o, conflicts);
        double[] saved = new double[conflicts.length];
        for (int i = 0; i < conflicts.length; i++) {
            saved[i] = s.fraction(conflicts[i]);
            s.set(conflicts[i], 0.0);
        }
        s.set(o, s.bestFraction(o));
        for (int c : conflicts) {
            s.set(c, s.bestFraction(c));
        }
        double after = s.costOf(o, conflicts);
        if (after < before - 1e-12 * Math.max(1.0, Math.abs(before))) {
            return true;
        }
        for (int c : conflicts) {
            s.set(c, 0.0);
        }
        s.set(o, 0.0);
        for (int i = 0; i < conflicts.length; i++) {
            if (saved[i] != 0.0) {
                s.set(conflicts[i], saved[i]);
            }
        }
        return false;
    }
}
