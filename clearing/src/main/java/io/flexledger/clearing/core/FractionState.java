package io.flexledger.clearing.core;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Accepted fractions with their delivered kW per request and the number of accepted conflicting offers
 * per offer, updated incrementally; it prices the exact best fraction of one offer given the others.
 */
public final class FractionState {

    private static final double TINY = 1e-12;

    private final IndexedProblem p;
    private final double[] fraction;
    private final double[] deliveredKw;
    private final int[] blockedBy;
    private final BitSet frozen;

    /** All offers at fraction 0. */
    public FractionState(IndexedProblem problem) {
        this(problem, new BitSet());
    }

    /** All offers at fraction 0; frozen offers (revoked ones) stay at 0. */
    public FractionState(IndexedProblem problem, BitSet frozen) {
        this.p = problem;
        this.frozen = frozen;
        this.fraction = new double[problem.offerCount()];
        this.deliveredKw = new double[problem.requestCount()];
        this.blockedBy = new int[problem.offerCount()];
    }

    /** Starts from the given fractions (which must be feasible); frozen offers are set to 0. */
    public FractionState(IndexedProblem problem, BitSet frozen, double[] start) {
        this(problem, frozen);
        for (int o = 0; o < start.length; o++) {
            if (start[o] != 0.0 && !frozen.get(o)) {
                set(o, start[o]);
            }
        }
    }

    public double fraction(int o) {
        return fraction[o];
    }

    /** A copy of the fractions. */
    public double[] fractions() {
        return Arrays.copyOf(fraction, fraction.length);
    }

    /** True when an accepted offer of the same asset shares a slot with this one. */
    public boolean blocked(int o) {
        return blockedBy[o] > 0;
    }

    /** Sets one offer's fraction and updates deliveries and conflicts. */
    public void set(int o, double f) {
        double old = fraction[o];
        if (old == f) {
            return;
        }
        int[] req = p.offerRequests(o);
        double[] kw = p.offer(o).kw();
        for (int i = 0; i < req.length; i++) {
            if (req[i] >= 0) {
                deliveredKw[req[i]] += (f - old) * kw[i];
            }
        }
        if (old == 0.0 && f != 0.0) {
            for (int c : p.conflicts(o)) {
                blockedBy[c]++;
            }
        } else if (old != 0.0 && f == 0.0) {
            for (int c : p.conflicts(o)) {
                blockedBy[c]--;
            }
        }
        fraction[o] = f;
    }

    /** The cost of the offer at fraction f plus the penalty of its requests, others fixed (EUR). */
    public double localCost(int o, double f) {
        double cost = p.offerCostEur(o) * f;
        int[] req = p.offerRequests(o);
        double[] kw = p.offer(o).kw();
        for (int i = 0; i < req.length; i++) {
            int r = req[i];
            if (r >= 0) {
                double residual = p.requestKw(r) - (deliveredKw[r] - fraction[o] * kw[i]);
                cost += p.requestWeightEurPerKw(r) * Math.max(0.0, residual - f * kw[i]);
            }
        }
        return cost;
    }

    /**
     * The best fraction of one offer with all others fixed: 0, or (when no conflicting offer is accepted)
     * the minimum of its convex local cost over [minActivation, 1], found among the interval's ends and
     * the points where one of its requests becomes exactly covered.
     */
    public double bestFraction(int o) {
        double best = 0.0;
        double bestCost = localCost(o, 0.0);
        if (blockedBy[o] > 0 || frozen.get(o)) {
            return best;
        }
        double lo = p.offer(o).minActivation();
        double current = fraction[o];
        double[] candidates = candidates(o, lo);
        for (double f : candidates) {
            if (f <= 0.0) {
                continue;
            }
            double c = localCost(o, f);
            if (c < bestCost - TINY * Math.max(1.0, Math.abs(bestCost)) || (c <= bestCost && f == current)) {
                best = f;
                bestCost = c;
            }
        }
        return best;
    }

    private double[] candidates(int o, double lo) {
        int[] req = p.offerRequests(o);
        double[] kw = p.offer(o).kw();
        double[] out = new double[req.length + 2];
        int n = 0;
        out[n++] = lo;
        out[n++] = 1.0;
        for (int i = 0; i < req.length; i++) {
            int r = req[i];
            if (r >= 0 && kw[i] > 0.0) {
                double residual = p.requestKw(r) - (deliveredKw[r] - fraction[o] * kw[i]);
                double f = residual / kw[i];
                if (f > lo && f < 1.0) {
                    out[n++] = f;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The kW still missing at a request, {@code kw - delivered} (negative when over-covered). */
    public double localResidual(int r) {
        return p.requestKw(r) - deliveredKw[r];
    }

    /** The cost of some offers plus the penalty of every request they serve (EUR), others fixed. */
    public double costOf(int first, int[] more) {
        double cost = p.offerCostEur(first) * fraction[first];
        for (int o : more) {
            cost += p.offerCostEur(o) * fraction[o];
        }
        int[] seen = new int[16];
        int n = 0;
        for (int k = -1; k < more.length; k++) {
            int o = k < 0 ? first : more[k];
            for (int r : p.offerRequests(o)) {
                if (r < 0 || contains(seen, n, r)) {
                    continue;
                }
                if (n == seen.length) {
                    seen = Arrays.copyOf(seen, n * 2);
                }
                seen[n++] = r;
                cost += p.requestWeightEurPerKw(r) * Math.max(0.0, p.requestKw(r) - deliveredKw[r]);
            }
        }
        return cost;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** The total cost of the current fractions (EUR), procurement plus unserved penalty. */
    public double totalCostEur() {
        double cost = 0.0;
        for (int o = 0; o < fraction.length; o++) {
            cost += p.offerCostEur(o) * fraction[o];
        }
        for (int r = 0; r < deliveredKw.length; r++) {
            cost += p.requestWeightEurPerKw(r) * Math.max(0.0, p.requestKw(r) - deliveredKw[r]);
        }
        return cost;
    }
}
