package io.flexledger.clearing.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A start guided by prices: the coverage rows are priced (a Lagrangian multiplier {@code λ_r} per
 * request, in {@code [0, penalty * h]}), which splits the clearing into one small problem per asset:
 * pick the offers of the asset that share no slot and have the largest total value
 * {@code Σ_r λ_r kw_or − cost_o}. The prices follow projected subgradient steps; every few steps the
 * running average of the picks (close to the LP relaxation's fractions) is rounded into a candidate
 * answer: offers in order of their average, each at its exact best fraction if its asset is still free,
 * then {@link FractionPolisher#polish}. The cheapest candidate is kept. One sale per asset and slot holds
 * by construction.
 *
 * <p>The bound: for any prices {@code λ_r} in {@code [0, penalty_r * h]}, the cost of every feasible
 * answer is at least {@code L(λ) = Σ_r λ_r kw_r − Σ_a max_S Σ_{o∈S} (Σ_r λ_r kw_or − cost_o)}, the
 * maximum over the sets {@code S} of the asset's offers that share no slot (pricing a request's coverage
 * row makes its unserved kW cost {@code penalty_r * h − λ_r >= 0}, so it drops out at 0, and an offer's
 * priced cost is linear in its fraction, so a fraction of 0 or 1 is best). The per-asset maximum is
 * exact (branch and bound, or weighted interval scheduling when every offer of the asset lists
 * consecutive slots) or, for a large asset with gaps in its slots, replaced by the sum of its positive
 * values, which is never below it. The bound starts at {@code L(0)} (the cost of the offers with a
 * negative price alone; 0 when no price is negative) and keeps the largest {@code L(λ)} seen, less a
 * margin for rounding.
 */
public final class LagrangianStart {

    /** Offers per asset solved exactly; beyond this, a greedy pick by value. */
    private static final int EXACT_PICK_LIMIT = 22;

    /** Weight kept by the running average of the picks per step (recent picks count most). */
    private static final double AVERAGE_DECAY = 0.8;

    private final IndexedProblem p;
    private final BitSet frozen;
    private final int[][] assetOffers;
    /** Per asset: every offer lists consecutive slots (its maximum is then weighted interval scheduling). */
    private final boolean[] assetIntervals;

    private final int[] firstSlot;
    private final int[] lastSlot;
    /** Every offer's cost and every request's penalty is at least 0: no answer costs less than 0. */
    private final boolean noNegativeCost;

    private volatile double lowerBound = Double.NEGATIVE_INFINITY;
    private double[] bestValue;
    /** The prices and step scale where {@link #run} stopped, for {@link #improveBound}. */
    private double[] lastLambda;

    private double lastTheta = 1.0;

    /** The prices at which the bound was last raised (null before the first evaluation). */
    private volatile double[] boundLambda;

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
        firstSlot = new int[p.offerCount()];
        lastSlot = new int[p.offerCount()];
        boolean[] consecutive = new boolean[p.offerCount()];
        for (int o = 0; o < p.offerCount(); o++) {
            int[] slots = p.offer(o).slots();
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int t : slots) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            firstSlot[o] = lo;
            lastSlot[o] = hi;
            consecutive[o] = slots.length > 0 && hi - lo + 1 == slots.length;
        }
        boolean nonNegative = true;
        for (int o = 0; o < p.offerCount(); o++) {
            nonNegative &= p.offerCostEur(o) >= 0.0;
        }
        for (int r = 0; r < p.requestCount(); r++) {
            nonNegative &= p.requestWeightEurPerKw(r) >= 0.0;
        }
        noNegativeCost = nonNegative;
        assetIntervals = new boolean[assetOffers.length];
        for (int a = 0; a < assetOffers.length; a++) {
            boolean all = true;
            for (int o : assetOffers[a]) {
                all &= consecutive[o];
            }
            assetIntervals[a] = all;
        }
    }

    /**
     * The best Lagrangian lower bound seen by {@link #run} (EUR): no feasible answer of the problem (with
     * the frozen offers at 0) costs less. Negative infinity before {@link #run}.
     */
    public double lowerBound() {
        return lowerBound;
    }

    /**
     * The prices (per request, EUR/kW) at which the best bound was found, or null before any evaluation:
     * a later clearing of the same requests starts from them ({@link #startFrom}).
     */
    public double[] bestLambda() {
        double[] l = boundLambda;
        return l == null ? null : l.clone();
    }

    /**
     * Evaluates {@code L(λ)} at given prices (per request, clipped to {@code [0, penalty * h]}) and makes
     * them the point where {@link #improveBound} continues, with the given step scale; the offers' values
     * at these prices become {@link #offerValues()}. This is how a re-clearing starts warm from the prices
     * of the previous clearing: the bound at the old prices is valid for the changed order book, and the
     * steps go on from there. Returns the bound.
     */
    public double startFrom(double[] lambda, double theta) {
        int nr = p.requestCount();
        double[] l = new double[nr];
        for (int r = 0; r < nr; r++) {
            l[r] = Math.max(0.0, Math.min(p.requestWeightEurPerKw(r), lambda[r]));
        }
        double[] value = new double[p.offerCount()];
        raiseBound(new double[nr], value, new boolean[p.offerCount()]);
        raiseBound(l, value, new boolean[p.offerCount()]);
        bestValue = value;
        lastLambda = l;
        lastTheta = theta;
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
     * steps, and returns the cheapest feasible fractions found (never worse than {@code incumbent}). The
     * steps start from the prices given to {@link #startFrom}, if any, else from half the penalties.
     *
     * @param deadlineNanos stop early at this {@link System#nanoTime()}, or {@link Long#MAX_VALUE}
     */
    public double[] run(double[] incumbent, int iterations, int primalEvery, long deadlineNanos) {
        return run(incumbent, iterations, primalEvery, deadlineNanos, -1.0);
    }

    /**
     * As {@link #run(double[], int, int, long)}, and also stops as soon as the proven gap of the cheapest
     * answer found, {@link #gapPct}, is at most {@code targetGapPct} (negative: never).
     */
    public double[] run(double[] incumbent, int iterations, int primalEvery, long deadlineNanos, double targetGapPct) {
        FractionPolisher polisher = new FractionPolisher(p, frozen);
        double[] best = incumbent.clone();
        double bestCost = new FractionState(p, frozen, best).totalCostEur();
        int nr = p.requestCount();
        double[] lambda = new double[nr];
        for (int r = 0; r < nr; r++) {
            lambda[r] = 0.5 * p.requestWeightEurPerKw(r);
        }
        double theta = 1.0;
        if (lastLambda != null) {
            // started warm (startFrom): the steps go on from the given prices
            lambda = lastLambda.clone();
            theta = lastTheta;
        }
        int sinceBetter = 0;
        double[] value = new double[p.offerCount()];
        boolean[] picked = new boolean[p.offerCount()];
        double[] covered = new double[nr];
        double[] average = new double[p.offerCount()];
        double weight = 0.0;
        double bestDual = Double.NEGATIVE_INFINITY;
        raiseBound(new double[nr], value, picked);
        for (int it = 0; it < iterations && System.nanoTime() < deadlineNanos; it++) {
            if (targetGapPct >= 0.0 && gapPct(bestCost, lowerBound) <= targetGapPct) {
                break;
            }
            double dual = 0.0;
            for (int r = 0; r < nr; r++) {
                dual += lambda[r] * p.requestKw(r);
            }
            values(lambda, value);
            Arrays.fill(picked, false);
            Arrays.fill(covered, 0.0);
            double bound = dual;
            for (int a = 0; a < assetOffers.length; a++) {
                double v = pick(assetOffers[a], value, picked);
                dual -= v;
                bound -= assetMaximum(a, value, v);
            }
            offerBound(bound, lambda);
            if (bestDual == Double.NEGATIVE_INFINITY || dual > bestDual + 1e-9 * Math.max(1.0, Math.abs(bestDual))) {
                bestDual = dual;
                bestValue = value.clone();
                sinceBetter = 0;
            } else if (++sinceBetter >= 8) {
                theta *= 0.5;
                sinceBetter = 0;
            }
            addCoverage(picked, covered);
            // the average of the picks approximates the LP relaxation's fractions
            double decay = AVERAGE_DECAY;
            weight = decay * weight + 1.0;
            for (int o = 0; o < average.length; o++) {
                average[o] = decay * average[o] + (picked[o] ? 1.0 : 0.0);
            }
            if ((it + 1) % primalEvery == 0) {
                double[] candidate = polisher.polish(round(average, value), deadlineNanos);
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
        lastLambda = lambda;
        lastTheta = theta;
        return best;
    }

    /**
     * Raises the bound only: continues the subgradient steps from where {@link #run} stopped, without
     * building answers, aiming the steps at {@code targetCostEur} (the cost of the best known answer), for
     * at most {@code iterations} steps, until {@code deadlineNanos} or until {@code stop} says so. Returns
     * the bound. It may run in a thread of its own while nothing else uses this object.
     */
    public double improveBound(int iterations, long deadlineNanos, double targetCostEur, BooleanSupplier stop) {
        int nr = p.requestCount();
        double[] lambda = lastLambda != null ? lastLambda.clone() : new double[nr];
        double theta = lastTheta;
        double[] value = new double[p.offerCount()];
        boolean[] picked = new boolean[p.offerCount()];
        double[] covered = new double[nr];
        double[] g = new double[nr];
        double best = lowerBound;
        int sinceBetter = 0;
        for (int it = 0; it < iterations && System.nanoTime() < deadlineNanos && !stop.getAsBoolean(); it++) {
            double bound = 0.0;
            double dual = 0.0;
            for (int r = 0; r < nr; r++) {
                bound += lambda[r] * p.requestKw(r);
            }
            dual = bound;
            values(lambda, value);
            Arrays.fill(picked, false);
            for (int a = 0; a < assetOffers.length; a++) {
                double v = pick(assetOffers[a], value, picked);
                dual -= v;
                bound -= assetMaximum(a, value, v);
            }
            offerBound(bound, lambda);
            if (lowerBound > best + 1e-9 * Math.max(1.0, Math.abs(best))) {
                best = lowerBound;
                sinceBetter = 0;
            } else if (++sinceBetter >= 8) {
                theta *= 0.5;
                sinceBetter = 0;
            }
            Arrays.fill(covered, 0.0);
            addCoverage(picked, covered);
            double norm = 0.0;
            for (int r = 0; r < nr; r++) {
                g[r] = p.requestKw(r) - covered[r];
                norm += g[r] * g[r];
            }
            if (norm < 1e-18 || theta < 1e-6) {
                break;
            }
            double step = theta * Math.max(1e-9, targetCostEur - dual) / norm;
            for (int r = 0; r < nr; r++) {
                lambda[r] = Math.max(0.0, Math.min(p.requestWeightEurPerKw(r), lambda[r] + step * g[r]));
            }
        }
        return lowerBound;
    }

    /**
     * The proven gap of an answer costing {@code costEur} against the bound {@code lowerBoundEur}, percent,
     * normalised as the format's optimality gap: {@code 100 * (cost - bound) / max(|bound|, 1 EUR)}.
     */
    public static double gapPct(double costEur, double lowerBoundEur) {
        if (lowerBoundEur == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return 100.0 * (costEur - lowerBoundEur) / Math.max(Math.abs(lowerBoundEur), 1.0);
    }

    // Each offer's priced value at the prices: Σ_r λ_r kw_or − cost_o.
    /** Adds to {@code covered} the kW each picked offer puts on each request's coverage row. */
    private void addCoverage(boolean[] picked, double[] covered) {
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
    }

    private void values(double[] lambda, double[] value) {
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
    }

    // L(λ) at the given prices, kept if it is the best bound so far.
    private void raiseBound(double[] lambda, double[] value, boolean[] picked) {
        double bound = 0.0;
        for (int r = 0; r < lambda.length; r++) {
            bound += lambda[r] * p.requestKw(r);
        }
        values(lambda, value);
        Arrays.fill(picked, false);
        for (int a = 0; a < assetOffers.length; a++) {
            bound -= assetMaximum(a, value, pick(assetOffers[a], value, picked));
        }
        offerBound(bound, lambda);
    }

    // Keeps a Lagrangian value as the bound if it is the best so far, less a margin for rounding; when no
    // cost of the problem can be negative, 0 is a bound too (the margin must not take it below).
    private void offerBound(double bound, double[] lambda) {
        double safe = bound - 1e-9 * Math.max(1.0, Math.abs(bound));
        if (noNegativeCost) {
            safe = Math.max(safe, 0.0);
        }
        if (safe > lowerBound) {
            lowerBound = safe;
            boundLambda = lambda.clone();
        }
    }

    /**
     * Never less than the asset's best value over its sets of offers that share no slot: the value of the
     * pick when the pick is exact, else weighted interval scheduling when every offer lists consecutive
     * slots, else the sum of the positive values.
     */
    private double assetMaximum(int a, double[] value, double pickedValue) {
        int[] offers = assetOffers[a];
        int positive = 0;
        double sum = 0.0;
        for (int o : offers) {
            if (value[o] > 0.0) {
                positive++;
                sum += value[o];
            }
        }
        if (positive <= EXACT_PICK_LIMIT) {
            return pickedValue;
        }
        if (!assetIntervals[a]) {
            return sum;
        }
        Integer[] byEnd = new Integer[positive];
        int n = 0;
        for (int o : offers) {
            if (value[o] > 0.0) {
                byEnd[n++] = o;
            }
        }
        Arrays.sort(byEnd, (x, y) -> Integer.compare(lastSlot[x], lastSlot[y]));
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            ends[i] = lastSlot[byEnd[i]];
        }
        double[] best = new double[n + 1];
        for (int i = 0; i < n; i++) {
            int o = byEnd[i];
            // the intervals that end before this one starts: the first j with ends[j] >= first slot
            int lo = 0;
            int hi = i;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] < firstSlot[o]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            best[i + 1] = Math.max(best[i], best[lo] + value[o]);
        }
        return Math.max(best[n], pickedValue);
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
