package io.flexledger.clearing.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Proves the optimum of a small order book by branch and bound, component by component: offers linked by
 * a request they both serve (a congestion point and slot) or by their asset in a shared slot form one
 * component, and no cost couples two components. Each node's bound is the linear relaxation of its
 * component (every free offer in [0, 1], each asset sold at most once per slot as a row
 * {@code sum f <= 1}, accepted offers in [minActivation, 1], unserved kW priced), solved by
 * {@link BoundedSimplex}. The relaxation is strengthened where minimum activation makes it weak: a free
 * offer counts at a request with at most the request's residual need divided by its minimum activation
 * (accepted at all, it covers that need alone), which leaves every clearing of the node feasible. A node
 * whose relaxation is a feasible clearing is solved, others branch on one offer (accepted, with its
 * asset's other offers in its slots refused; or refused). Best first (the open node of least bound
 * next), from the given feasible answer as the best known; offers that serve no request and cost nothing
 * or more are left at 0.
 *
 * <p>Bounded by a node count and a deadline: a component not finished within them keeps the best answer
 * found and is not proven. The result is proven when every component was finished; its lower bound is
 * then the answer's cost, less a margin for the simplex's rounding. Unfinished, the bound is the sum over
 * components of the finished ones' optima and the unfinished ones' least open bound (the root's relaxation
 * is solved whatever the limits), less the same margin.
 */
public final class ExactClearing {

    /** Relative margin of the proven bound under the optimum (the simplex's rounding). */
    static final double BOUND_MARGIN = 1e-7;

    // a node whose relaxation is within this of the best known answer cannot improve it
    private static final double PRUNE_EPS = 1e-9;

    private static final double ZERO = 1e-9;

    /**
     * What the search found.
     *
     * @param fractions the best feasible fractions found, per offer of the problem
     * @param costEur their cost
     * @param proven whether every component was finished, so that {@code costEur} is the optimum
     * @param lowerBound with {@code proven}, the cost less the margin; otherwise the unfinished search's
     *     bound (at most the cost), or negative infinity when a relaxation could not be solved
     * @param nodes the nodes searched
     */
    public record Outcome(double[] fractions, double costEur, boolean proven, double lowerBound, long nodes) {}

    private final IndexedProblem p;

    public ExactClearing(IndexedProblem problem) {
        this.p = problem;
    }

    /**
     * Searches from feasible start fractions, within at most {@code nodeLimit} nodes in all and until
     * {@code deadlineNanos} ({@link System#nanoTime()}).
     */
    public Outcome solve(double[] start, long nodeLimit, long deadlineNanos) {
        double[] best = start.clone();
        boolean proven = true;
        long[] nodes = {0};
        // requests no offer serves are unserved in every answer
        double open = 0.0;
        for (int r = 0; r < p.requestCount(); r++) {
            if (p.requestOffers(r).length == 0) {
                open += p.requestWeightEurPerKw(r) * p.requestKw(r);
            }
        }
        for (int[] offers : components()) {
            Component c = new Component(offers, best, nodeLimit, deadlineNanos, nodes);
            c.search();
            for (int j = 0; j < offers.length; j++) {
                best[offers[j]] = c.bestF[j];
            }
            proven &= !c.aborted;
            open += c.lowerBound();
        }
        double cost = Evaluation.costEur(p.problem(), best, Evaluation.unservedKw(p.problem(), best));
        double bound = proven ? cost : Math.min(cost, open);
        bound -= BOUND_MARGIN * Math.max(1.0, Math.abs(bound));
        return new Outcome(best, cost, proven, bound, nodes[0]);
    }

    // The components' offers, each ascending, by union of offers serving one request or sharing an asset-slot.
    List<int[]> components() {
        int n = p.offerCount();
        int[] parent = new int[n];
        for (int o = 0; o < n; o++) {
            parent[o] = o;
        }
        for (int r = 0; r < p.requestCount(); r++) {
            int[] serving = p.requestOffers(r);
            for (int k = 1; k < serving.length; k++) {
                union(parent, serving[0], serving[k]);
            }
        }
        for (int o = 0; o < n; o++) {
            for (int other : p.conflicts(o)) {
                union(parent, o, other);
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int o = 0; o < n; o++) {
            groups.computeIfAbsent(find(parent, o), k -> new ArrayList<>()).add(o);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** One component's branch and bound, in local indices (offers 0..n-1, requests 0..m-1). */
    private final class Component {
        private final int n;
        private final int m;
        private final double[] cost;
        private final double[] minAct;
        private final double[][] kwAt; // per offer, kW per local request
        private final int[][] offerRows; // per offer, the local requests it serves
        private final double[] demand;
        private final double[] weight;
        private final int[][] cliques; // offers of one asset sharing a slot: at most one accepted
        private final int[][] conflicts; // per offer, local conflicting offers
        private final double cliqueWeight;
        private final boolean[] nonNegativeRow; // every offer's kW at the request is >= 0
        private double relaxedValue; // the last relaxation's optimal value
        private double openBound = Double.POSITIVE_INFINITY; // least bound of the nodes left open
        private final long nodeLimit;
        private final long deadline;
        private final long[] nodes;
        private final int[] state; // 0 free, 1 accepted, -1 refused
        private double[] bestF;
        private double bestCost;
        private boolean aborted;

        Component(int[] offers, double[] start, long nodeLimit, long deadline, long[] nodes) {
            this.nodeLimit = nodeLimit;
            this.deadline = deadline;
            this.nodes = nodes;
            n = offers.length;
            Map<Integer, Integer> local = new HashMap<>();
            for (int j = 0; j < n; j++) {
                local.put(offers[j], j);
            }
            Map<Integer, Integer> rowOf = new LinkedHashMap<>();
            for (int o : offers) {
                for (int r : p.offerRequests(o)) {
                    if (r >= 0) {
                        rowOf.putIfAbsent(r, rowOf.size());
                    }
                }
            }
            m = rowOf.size();
            demand = new double[m];
            weight = new double[m];
            for (Map.Entry<Integer, Integer> e : rowOf.entrySet()) {
                demand[e.getValue()] = p.requestKw(e.getKey());
                weight[e.getValue()] = p.requestWeightEurPerKw(e.getKey());
            }
            cost = new double[n];
            minAct = new double[n];
            kwAt = new double[n][m];
            offerRows = new int[n][];
            conflicts = new int[n][];
            double maxValue = 0.0;
            Map<Long, List<Integer>> byAssetSlot = new LinkedHashMap<>();
            for (int j = 0; j < n; j++) {
                int o = offers[j];
                cost[j] = p.offerCostEur(o);
                minAct[j] = p.offer(o).minActivation();
                int[] req = p.offerRequests(o);
                double[] kw = p.offer(o).kw();
                Set<Integer> rows = new HashSet<>();
                for (int k = 0; k < req.length; k++) {
                    if (req[k] >= 0) {
                        int row = rowOf.get(req[k]);
                        kwAt[j][row] += kw[k];
                        rows.add(row);
                    }
                }
                offerRows[j] =
                        rows.stream().mapToInt(Integer::intValue).sorted().toArray();
                double value = Math.abs(cost[j]);
                for (int row : offerRows[j]) {
                    value += weight[row] * Math.abs(kwAt[j][row]);
                }
                maxValue = Math.max(maxValue, value);
                int[] own = p.conflicts(o);
                conflicts[j] = new int[own.length];
                for (int k = 0; k < own.length; k++) {
                    conflicts[j][k] = local.get(own[k]);
                }
                for (int slot : p.offer(o).slots()) {
                    byAssetSlot
                            .computeIfAbsent(
                                    ((long) p.offerAsset(o) << 32) | (slot & 0xffffffffL), k -> new ArrayList<>())
                            .add(j);
                }
            }
            nonNegativeRow = new boolean[m];
            Arrays.fill(nonNegativeRow, true);
            for (int j = 0; j < n; j++) {
                for (int row : offerRows[j]) {
                    if (!(kwAt[j][row] >= 0.0)) {
                        nonNegativeRow[row] = false;
                    }
                }
            }
            // the relaxation prices a broken clique row above anything an offer can be worth, so its
            // optimum keeps the row (and any answer of it is a valid bound all the same)
            cliqueWeight = 2.0 * maxValue + 1.0;
            Set<List<Integer>> distinct = new HashSet<>();
            List<int[]> cl = new ArrayList<>();
            for (List<Integer> g : byAssetSlot.values()) {
                if (g.size() >= 2 && distinct.add(g)) {
                    cl.add(g.stream().mapToInt(Integer::intValue).toArray());
                }
            }
            cliques = dropSubsets(cl);
            state = new int[n];
            // an offer that serves no request and costs nothing or more is 0 in some optimum (dropping it
            // never raises the cost nor breaks a rule): refused throughout, it is no column of any node
            for (int j = 0; j < n; j++) {
                if (offerRows[j].length == 0 && cost[j] >= 0.0) {
                    state[j] = -1;
                }
            }
            bestF = new double[n];
            for (int j = 0; j < n; j++) {
                bestF[j] = start[offers[j]];
            }
            bestCost = objective(bestF);
        }

        // cliques contained in another add nothing to the relaxation
        private int[][] dropSubsets(List<int[]> cl) {
            List<int[]> keep = new ArrayList<>();
            for (int a = 0; a < cl.size(); a++) {
                boolean inOther = false;
                for (int b = 0; b < cl.size() && !inOther; b++) {
                    if (a != b && cl.get(b).length > cl.get(a).length && containsAll(cl.get(b), cl.get(a))) {
                        inOther = true;
                    }
                }
                if (!inOther) {
                    keep.add(cl.get(a));
                }
            }
            return keep.toArray(new int[0][]);
        }

        private boolean containsAll(int[] big, int[] small) {
            for (int x : small) {
                boolean found = false;
                for (int y : big) {
                    if (x == y) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        // cost of fractions: procurement plus the component's unserved penalty
        private double objective(double[] f) {
            double sum = 0.0;
            double[] delivered = new double[m];
            for (int j = 0; j < n; j++) {
                if (f[j] != 0.0) {
                    sum += cost[j] * f[j];
                    for (int row : offerRows[j]) {
                        delivered[row] += kwAt[j][row] * f[j];
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                sum += weight[i] * Math.max(0.0, demand[i] - delivered[i]);
            }
            return sum;
        }

        /** An open node: its offers' states and the bound of the node it was branched from. */
        private record Open(byte[] state, double bound, long order) {}

        /**
         * Best first: the open node of least bound is searched next (among equal bounds the newest), so
         * the least open bound, which bounds every clearing not yet searched, rises as the search goes.
         */
        void search() {
            PriorityQueue<Open> queue = new PriorityQueue<>(
                    Comparator.comparingDouble(Open::bound).thenComparing(Open::order, Comparator.reverseOrder()));
            long order = 0;
            queue.add(new Open(snapshot(), Double.NEGATIVE_INFINITY, order++));
            boolean root = true;
            while (!queue.isEmpty()) {
                Open o = queue.peek();
                if (o.bound() >= bestCost - PRUNE_EPS * Math.max(1.0, Math.abs(bestCost))) {
                    break; // no open node can improve the best answer: finished
                }
                // the root is always solved, so an unfinished component still has a bound
                if (!root && (++nodes[0] > nodeLimit || System.nanoTime() > deadline)) {
                    aborted = true;
                    openBound = o.bound();
                    return;
                }
                if (root) {
                    nodes[0]++;
                }
                queue.poll();
                restore(o.state());
                double[] f = relaxation();
                if (f == null) {
                    aborted = true;
                    openBound = o.bound();
                    return;
                }
                root = false;
                // the node's own relaxation, or the bound it was opened with when that is higher (both
                // hold for every clearing below it), so that no child's bound falls below its parent's
                double bound = Math.max(o.bound(), relaxedValue);
                if (bound >= bestCost - PRUNE_EPS * Math.max(1.0, Math.abs(bestCost))) {
                    continue;
                }
                int branch = branchOffer(f);
                if (branch < 0) {
                    // the relaxation's answer is a clearing: the node is solved
                    double[] clean = f.clone();
                    for (int j = 0; j < n; j++) {
                        if (clean[j] <= ZERO) {
                            clean[j] = 0.0;
                        } else {
                            clean[j] = Math.min(1.0, Math.max(clean[j], minAct[j]));
                        }
                    }
                    double c = objective(clean);
                    if (c < bestCost) {
                        bestCost = c;
                        bestF = clean;
                    }
                    continue;
                }
                // refused
                state[branch] = -1;
                queue.add(new Open(snapshot(), bound, order++));
                // accepted, with its asset's other offers in its slots refused
                state[branch] = 1;
                for (int k : conflicts[branch]) {
                    if (state[k] == 0) {
                        state[k] = -1;
                    }
                }
                queue.add(new Open(snapshot(), bound, order++));
            }
        }

        /**
         * The component's lower bound: its best answer's cost when finished; otherwise the least of that
         * and the least bound of the nodes left open (each bounds every clearing below it).
         */
        double lowerBound() {
            return aborted ? Math.min(bestCost, openBound) : bestCost;
        }

        // the offer to branch on: a free offer below its minimum activation (the largest such fraction), or
        // the largest in a broken asset-slot row; -1 when the relaxation's answer is a clearing
        private int branchOffer(double[] f) {
            int branch = -1;
            double branchF = -1.0;
            for (int j = 0; j < n; j++) {
                if (state[j] == 0 && f[j] > ZERO && f[j] < minAct[j] - ZERO && f[j] > branchF) {
                    branch = j;
                    branchF = f[j];
                }
            }
            if (branch >= 0) {
                return branch;
            }
            for (int[] c : cliques) {
                int active = 0;
                int top = -1;
                for (int j : c) {
                    if (f[j] > ZERO) {
                        active++;
                        if (top < 0 || f[j] > f[top]) {
                            top = j;
                        }
                    }
                }
                if (active > 1) {
                    return top;
                }
            }
            return -1;
        }

        private byte[] snapshot() {
            byte[] out = new byte[n];
            for (int j = 0; j < n; j++) {
                out[j] = (byte) state[j];
            }
            return out;
        }

        private void restore(byte[] saved) {
            for (int j = 0; j < n; j++) {
                state[j] = saved[j];
            }
        }

        /**
         * The kW a free offer counts with at a request in the relaxation: its own, but no more than the
         * request's residual need (after the accepted offers' minimum) divided by its minimum activation.
         * Accepted at all, the offer delivers at least that minimum times its kW there; where that already
         * covers the residual need, the row holds through this offer alone whatever its coefficient, as long
         * as no offer at the row delivers negative kW. So every clearing of the node still satisfies the
         * row, and the relaxation stays a lower bound.
         */
        private double strengthened(int j, int row, double residual) {
            double kw = kwAt[j][row];
            if (!nonNegativeRow[row] || minAct[j] <= 0.0 || residual <= 0.0) {
                return kw;
            }
            return Math.min(kw, residual / minAct[j]);
        }

        // The relaxation's fractions at this node (refused offers at 0), or null when the simplex failed.
        private double[] relaxation() {
            int[] col = new int[n];
            int cols = 0;
            for (int j = 0; j < n; j++) {
                col[j] = state[j] == -1 ? -1 : cols++;
            }
            List<int[]> rowsOfCliques = new ArrayList<>();
            for (int[] c : cliques) {
                int free = 0;
                for (int j : c) {
                    if (state[j] == 0) {
                        free++;
                    }
                }
                if (free >= 2) {
                    rowsOfCliques.add(c);
                }
            }
            int rows = m + rowsOfCliques.size();
            double[][] a = new double[rows][cols];
            double[] b = new double[rows];
            double[] w = new double[rows];
            double[] c = new double[cols];
            double[] upper = new double[cols];
            for (int i = 0; i < m; i++) {
                b[i] = demand[i];
                w[i] = weight[i];
            }
            for (int j = 0; j < n; j++) {
                if (state[j] == 1) {
                    for (int row : offerRows[j]) {
                        b[row] -= kwAt[j][row] * minAct[j];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (col[j] < 0) {
                    continue;
                }
                double lower = state[j] == 1 ? minAct[j] : 0.0;
                c[col[j]] = cost[j];
                upper[col[j]] = 1.0 - lower;
                for (int row : offerRows[j]) {
                    a[row][col[j]] = state[j] == 0 ? strengthened(j, row, b[row]) : kwAt[j][row];
                }
            }
            for (int k = 0; k < rowsOfCliques.size(); k++) {
                int i = m + k;
                b[i] = -1.0;
                w[i] = cliqueWeight;
                for (int j : rowsOfCliques.get(k)) {
                    if (state[j] == 0) {
                        a[i][col[j]] = -1.0;
                    }
                }
            }
            double[] x = BoundedSimplex.solve(a, b, c, upper, w);
            if (x == null) {
                return null;
            }
            // the relaxation's value at x: its cost, the accepted offers' minimum, each row's shortfall priced
            double value = 0.0;
            for (int j = 0; j < n; j++) {
                if (state[j] == 1) {
                    value += cost[j] * minAct[j];
                }
            }
            for (int k = 0; k < cols; k++) {
                value += c[k] * x[k];
            }
            for (int i = 0; i < rows; i++) {
                double lhs = 0.0;
                for (int k = 0; k < cols; k++) {
                    lhs += a[i][k] * x[k];
                }
                value += w[i] * Math.max(0.0, b[i] - lhs);
            }
            relaxedValue = value;
            double[] f = new double[n];
            for (int j = 0; j < n; j++) {
                if (col[j] >= 0) {
                    double lower = state[j] == 1 ? minAct[j] : 0.0;
                    f[j] = Math.min(1.0, lower + x[col[j]]);
                }
            }
            return f;
        }
    }
}
