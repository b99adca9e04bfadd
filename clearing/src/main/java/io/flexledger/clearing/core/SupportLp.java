package io.flexledger.clearing.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact fractions for a fixed set of accepted offers: with the set fixed, what remains is a linear
 * programme per congestion point (each accepted offer in [minActivation, 1], unserved kW priced), solved
 * by {@link BoundedSimplex}. Offers outside the set stay at 0, so feasibility is kept.
 */
public final class SupportLp {

    private final IndexedProblem p;
    private int[][] pointRequests;

    public SupportLp(IndexedProblem problem) {
        this.p = problem;
    }

    /**
     * The exact fractions of the given accepted offers of one congestion point (each in
     * [minActivation, 1], unserved kW of the point's requests priced), aligned with {@code accepted};
     * null when the point has no request or the simplex hit its iteration limit.
     */
    public double[] solvePoint(int point, int[] accepted) {
        if (pointRequests == null) {
            List<List<Integer>> lists = new ArrayList<>();
            for (int i = 0; i < p.pointCount(); i++) {
                lists.add(new ArrayList<>());
            }
            for (int r = 0; r < p.requestCount(); r++) {
                lists.get(p.requestPoint(r)).add(r);
            }
            int[][] out = new int[p.pointCount()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
            pointRequests = out;
        }
        int[] requests = pointRequests[point];
        if (requests.length == 0) {
            return null;
        }
        List<Integer> offers = new ArrayList<>(accepted.length);
        for (int o : accepted) {
            offers.add(o);
        }
        List<Integer> rows = new ArrayList<>(requests.length);
        for (int r : requests) {
            rows.add(r);
        }
        return solveBlock(offers, rows);
    }

    /** The best fractions with the same accepted offers as {@code start}; {@code start} where the LP fails. */
    public double[] optimise(double[] start) {
        return solve(start);
    }

    private boolean serves(int o) {
        for (int r : p.offerRequests(o)) {
            if (r >= 0) {
                return true;
            }
        }
        return false;
    }

    private double[] solve(double[] start) {
        double[] out = start.clone();
        Map<Integer, List<Integer>> offersByPoint = new HashMap<>();
        for (int o = 0; o < start.length; o++) {
            if (start[o] > 0.0 && serves(o)) {
                offersByPoint
                        .computeIfAbsent(p.offerPoint(o), k -> new ArrayList<>())
                        .add(o);
            }
        }
        Map<Integer, List<Integer>> requestsByPoint = new HashMap<>();
        for (int r = 0; r < p.requestCount(); r++) {
            requestsByPoint
                    .computeIfAbsent(p.requestPoint(r), k -> new ArrayList<>())
                    .add(r);
        }
        for (Map.Entry<Integer, List<Integer>> e : offersByPoint.entrySet()) {
            List<Integer> offers = e.getValue();
            List<Integer> requests = requestsByPoint.getOrDefault(e.getKey(), List.of());
            if (requests.isEmpty()) {
                continue; // nothing to cover here: the coordinate polish drops or keeps these offers
            }
            double[] f = solveBlock(offers, requests);
            if (f == null) {
                continue;
            }
            for (int j = 0; j < offers.size(); j++) {
                out[offers.get(j)] = f[j];
            }
        }
        return out;
    }

    // The exact fractions of some accepted offers against some requests, or null.
    private double[] solveBlock(List<Integer> offers, List<Integer> requests) {
        int n = offers.size();
        int m = requests.size();
        Map<Integer, Integer> row = new HashMap<>();
        for (int i = 0; i < m; i++) {
            row.put(requests.get(i), i);
        }
        double[][] a = new double[m][n];
        double[] b = new double[m];
        double[] w = new double[m];
        double[] c = new double[n];
        double[] upper = new double[n];
        double[] lower = new double[n];
        for (int i = 0; i < m; i++) {
            b[i] = p.requestKw(requests.get(i));
            w[i] = p.requestWeightEurPerKw(requests.get(i));
        }
        for (int j = 0; j < n; j++) {
            int o = offers.get(j);
            lower[j] = p.offer(o).minActivation();
            upper[j] = 1.0 - lower[j];
            c[j] = p.offerCostEur(o);
            int[] req = p.offerRequests(o);
            double[] kw = p.offer(o).kw();
            for (int k = 0; k < req.length; k++) {
                if (req[k] >= 0) {
                    int i = row.get(req[k]);
                    a[i][j] = kw[k];
                    b[i] -= kw[k] * lower[j];
                }
            }
        }
        double[] g = BoundedSimplex.solve(a, b, c, upper, w);
        if (g == null) {
            return null;
        }
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double f = Math.min(1.0, lower[j] + g[j]);
            out[j] = f > 0.0 ? Math.max(f, lower[j]) : 0.0;
        }
        return out;
    }
}
