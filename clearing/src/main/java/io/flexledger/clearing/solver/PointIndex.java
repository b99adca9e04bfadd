package io.flexledger.clearing.solver;

import io.flexledger.clearing.core.IndexedProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The offers that serve at least one request, overall and per congestion point; built once per indexed
 * problem and shared by the move factories.
 *
 * @param useful every offer that serves a request
 * @param byPoint per congestion point, its offers that serve a request there
 */
record PointIndex(int[] useful, int[][] byPoint) {

    private static final Map<IndexedProblem, PointIndex> CACHE = new WeakHashMap<>();

    static synchronized PointIndex of(IndexedProblem p) {
        return CACHE.computeIfAbsent(p, PointIndex::build);
    }

    private static PointIndex build(IndexedProblem p) {
        List<Integer> useful = new ArrayList<>();
        List<List<Integer>> byPoint = new ArrayList<>();
        for (int i = 0; i < p.pointCount(); i++) {
            byPoint.add(new ArrayList<>());
        }
        for (int o = 0; o < p.offerCount(); o++) {
            for (int r : p.offerRequests(o)) {
                if (r >= 0) {
                    useful.add(o);
                    byPoint.get(p.offerPoint(o)).add(o);
                    break;
                }
            }
        }
        int[][] points = new int[byPoint.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = byPoint.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new PointIndex(useful.stream().mapToInt(Integer::intValue).toArray(), points);
    }

    /** The offers of a congestion point that serve a request there. */
    int[] offersAt(int point) {
        return byPoint[point];
    }
}
