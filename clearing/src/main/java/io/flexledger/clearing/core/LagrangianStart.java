package io.flexledger.clearing.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A start guided by prices: the coverage rows are priced (a Lagrangian multiplier {@code λ_r} per
 * request, in {@code [0, penalty * h]}), which splits the clearing into one small problem per asset:
 * pick the offers of the asset that share no slot and have the largest total value
 * {@code Σ_r λ_r kw_or − cost_o}. The prices follow projected subgradient steps; every few steps the
 * running average of the picks (close to the LP relaxation's fractions) is rounded into a candidate
 * answer: offers in order of their average, each at its exact best fraction if its asset is still free,
 * then {@link FractionPolisher#polish}. The cheapest candidate is kept. One sale per asset and slot holds
 * by construction.
 */
public final class LagrangianStart {

    /** Offers per asset solved exactly; beyond this, a greedy pick by value. */
    private static final int EXACT_PICK_LIMIT = 22;

    /** Weight kept by the running average of the picks per step (recent picks count most). */
    private static final double AVERAGE_DECAY = 0.8;

    private final IndexedProblem p;
    private final BitSet frozen;
    private final int[][] assetOffers;
    private double lowerBound = Double.NEGATIVE_INFINITY;
    private double[] bestValue;

    public LagrangianStart(IndexedProblem problem, BitSet frozen) {
        this.p = problem;
        this.frozen = frozen;
        List<List<Integer>> byAsset = new ArrayList<>();
        for (int a = 0; a < p.assetCount(); a++) {
            byAsset.add(new ArrayList<>());
        }
        for (int o = 0; o < p.offerCount(); o++) {
            if (!frozen.get(o)) {
                byAsset.get(p.offerAsset(o)).add(o);
            }
        }
        assetOffers = new int[byAsset.size()][];
        for (int a = 0; a < assetOffers.length; a++) {
            assetOffers[a] = byAsset.get(a).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The best Lagrangian lower bound seen by the last {@link #run} (EUR); a bound on the optimum. */
    public double lowerBound() {
        return lowerBound;
    }

    /**
     * Per offer, its value {@code Σ_r λ_r kw_or − cost_o} at the prices of the best bound (EUR; null
     * before {@link #run}): offers of high value are the likely members of the optimal accepted set.
     */
    public double[] offerValues() {
        return bestValue;
    }

    /**
     * Runs {@code iterations} subgradient steps, building a candidate answer every {@code primalEvery}
     * steps, and returns the cheapest feasible fractions found (never worse than {@code incumbent}).
     *
     * @param deadlineNanos stop early at this {@link System#nanoTime()}, or {@link Long#MAX_VALUE}
     */
    public double[] run(double[] incumbent, int iterations, int primalEvery, long deadlineNanos) {
        FractionPolisher polisher = new FractionPolisher(p, frozen);
        double[] best = incumbent.clone();
        double bestCost = new FractionState(p, frozen, best).totalCostEur();
        int nr = p.requestCount();
        double[] lambda = new double[nr];
        for (int r = 0; r < nr; r++) {
            lambda[r] = 0.5 * p.requestWeightEurPerKw(r);
        }
        double theta = 1.0;
        int sinceBetter = 0;
        double[] value = new double[p.offerCount()];
        boolean[] picked = new boolean[p.offerCount()];
        double[] covered = new double[nr];
        double[] average = new double[p.offerCount()];
        double weight = 0.0;
        for (int it = 0; it < iterations && System.nanoTime() < deadlineNanos; it++) {
            double dual = 0.0;
            for (int r = 0; r < nr; r++) {
                dual += lambda[r] * p.requestKw(r);
            }
            for (int o = 0; o < p.offerCount(); o++) {
                double v = -p.offerCostEur(o);
                int[] req = p.offerRequests(o);
                double[] kw = p.offer(o).kw();
                for (int i = 0; i < req.length; i++) {
                    if (req[i] >= 0) {
                        v += lambda[req[i]] * kw[i];
                    }
                }
                value[o] = v;
            }
            Arrays.fill(picked, false);
            Arrays.fill(covered, 0.0);
            for (int[] offers : assetOffers) {
                dual -= pick(offers, value, picked);
            }
            if (lowerBound == Double.NEGATIVE_INFINITY
                    || dual > lowerBound + 1e-9 * Math.max(1.0, Math.abs(lowerBound))) {
                lowerBound = dual;
                bestValue = value.clone();
                sinceBetter = 0;
            } else if (++sinceBetter >= 8) {
                theta *= 0.5;
                sinceBetter = 0;
            }
            for (int o = 0; o < p.offerCount(); o++) {
                if (picked[o]) {
                    int[] req = p.offerRequests(o);
                    double[] kw = p.offer(o).kw();
                    for (int i = 0; i < req.length; i++) {
                        if (req[i] >= 0) {
                            covered[req[i]] += kw[i];
                        }
                    }
                }
            }
            // the average of the picks approximates the LP relaxation's fractions
            double decay = AVERAGE_DECAY;
            weight = decay * weight + 1.0;
            for (int o = 0; o < average.length; o++) {
                average[o] = decay * average[o] + (picked[o] ? 1.0 : 0.0);
            }
            if ((it + 1) % primalEvery == 0) {
                double[] candidate = polisher.polish(round(average, value));
                if (Evaluation.violation(p.problem(), candidate) == null) {
                    double c = new FractionState(p, frozen, candidate).totalCostEur();
                    if (c < bestCost) {
                        bestCost = c;
                        best = candidate;
                    }
                }
            }
            double norm = 0.0;
            double[] g = new double[nr];
            for (int r = 0; r < nr; r++) {
                g[r] = p.requestKw(r) - covered[r];
                norm += g[r] * g[r];
            }
            if (norm < 1e-18) {
                break;
            }
            double step = theta * Math.max(1e-9, bestCost - dual) / norm;
            for (int r = 0; r < nr; r++) {
                lambda[r] = Math.max(0.0, Math.min(p.requestWeightEurPerKw(r), lambda[r] + step * g[r]));
            }
        }
        return best;
    }

    // Offers in order of their averaged pick (then value), each at its exact best fraction if still free.
    private double[] round(double[] average, double[] value) {
        Integer[] order = new Integer[p.offerCount()];
        for (int o = 0; o < order.length; o++) {
            order[o] = o;
        }
        Arrays.sort(
                order,
                (a, b) -> average[a] != average[b]
                        ? Double.compare(average[b], average[a])
                        : Double.compare(value[b], value[a]));
        FractionState s = new FractionState(p, frozen);
        for (int o : order) {
            if (average[o] <= 0.0 && value[o] <= 0.0) {
                break;
            }
            if (!s.blocked(o)) {
                s.set(o, s.bestFraction(o));
            }
        }
        return s.fractions();
    }

    // The asset's best set of offers that share no slot, by value; marks them and returns their value.
    private double pick(int[] offers, double[] value, boolean[] picked) {
        int n = 0;
        int[] positive = new int[offers.length];
        for (int o : offers) {
            if (value[o] > 0.0) {
                positive[n++] = o;
            }
        }
        if (n == 0) {
            return 0.0;
        }
        int[] cand = Arrays.copyOf(positive, n);
        Integer[] boxed = Arrays.stream(cand).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (a, b) -> Double.compare(value[b], value[a]));
        for (int i = 0; i < n; i++) {
            cand[i] = boxed[i];
        }
        if (n > EXACT_PICK_LIMIT) {
            double total = 0.0;
            List<Integer> chosen = new ArrayList<>();
            for (int o : cand) {
                boolean free = true;
                for (int c : chosen) {
                    free &= !conflict(o, c);
                }
                if (free) {
                    chosen.add(o);
                    picked[o] = true;
                    total += value[o];
                }
            }
            return total;
        }
        long[] clash = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && conflict(cand[i], cand[j])) {
                    clash[i] |= 1L << j;
                }
            }
        }
        double[] suffix = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] + value[cand[i]];
        }
        long[] bestSet = {0L};
        double[] bestValue = {0.0};
        search(0, 0L, 0.0, cand, clash, suffix, value, bestSet, bestValue);
        for (int i = 0; i < n; i++) {
            if ((bestSet[0] & (1L << i)) != 0) {
                picked[cand[i]] = true;
            }
        }
        return bestValue[0];
    }

    private static void search(
            int i,
            long set,
            double total,
            int[] cand,
            long[] clash,
            double[] suffix,
            double[] value,
            long[] bestSet,
            double[] bestValue) {
        if (total > bestValue[0]) {
            bestValue[0] = total;
            bestSet[0] = set;
        }
        if (i == cand.length || total + suffix[i] <= bestValue[0]) {
            return;
        }
        if ((clash[i] & set) == 0) {
            search(i + 1, set | (1L << i), total + value[cand[i]], cand, clash, suffix, value, bestSet, bestValue);
        }
        search(i + 1, set, total, cand, clash, suffix, value, bestSet, bestValue);
    }

    private boolean conflict(int a, int b) {
        for (int c : p.conflicts(a)) {
            if (c == b) {
                return true;
            }
        }
        return false;
    }
}
