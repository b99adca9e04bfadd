package io.flexledger.clearing.core;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import java.util.List;

/**
 * The exact optimum of a tiny order book with at most two requests, by enumeration (tests only): every
 * set of accepted offers that sells no asset twice, and for each the fractions at every vertex of its
 * piecewise-linear cost. Within one accepted set the cost {@code c.f + sum_r w_r max(0, d_r - a_r.f)} is
 * convex and piecewise linear on the box {@code [minActivation, 1]}, so its minimum lies where as many
 * constraints as offers hold with equality: every offer at a bound of its box except at most one per
 * request, whose fractions then meet those requests exactly. All such points are tried.
 */
final class VertexEnumeration {

    private VertexEnumeration() {}

    static double optimum(ClearingProblem problem) {
        List<Offer> offers = problem.offers();
        int n = offers.size();
        if (problem.requests().size() > 2 || n > 12) {
            throw new IllegalArgumentException("too large to enumerate");
        }
        double best = Double.POSITIVE_INFINITY;
        for (int set = 0; set < (1 << n); set++) {
            double[] f = new double[n];
            int[] members = new int[Integer.bitCount(set)];
            int k = 0;
            for (int o = 0; o < n; o++) {
                if ((set >> o & 1) != 0) {
                    members[k++] = o;
                    f[o] = 1.0;
                }
            }
            if (Evaluation.violation(problem, f) != null) {
                continue;
            }
            best = Math.min(best, bestOfSet(problem, members));
        }
        return best;
    }

    // per member: 0 at its minimum activation, 1 at 1, 2 free (set by a request met exactly)
    private static double bestOfSet(ClearingProblem problem, int[] members) {
        int k = members.length;
        int rows = problem.requests().size();
        double best = Double.POSITIVE_INFINITY;
        int[] choice = new int[k];
        int total = (int) Math.pow(3, k);
        for (int code = 0; code < total; code++) {
            int c = code;
            int free = 0;
            for (int i = 0; i < k; i++) {
                choice[i] = c % 3;
                c /= 3;
                if (choice[i] == 2) {
                    free++;
                }
            }
            if (free > rows) {
                continue;
            }
            int[] freeIdx = new int[free];
            int fi = 0;
            double[] f = new double[problem.offers().size()];
            for (int i = 0; i < k; i++) {
                Offer o = problem.offers().get(members[i]);
                if (choice[i] == 2) {
                    freeIdx[fi++] = members[i];
                } else {
                    f[members[i]] = choice[i] == 0 ? o.minActivation() : 1.0;
                }
            }
            if (free == 0) {
                best = Math.min(best, costIfFeasible(problem, f));
            } else if (free == 1) {
                for (int r = 0; r < rows; r++) {
                    double a = kwAt(problem, freeIdx[0], r);
                    if (a != 0.0) {
                        double[] g = f.clone();
                        g[freeIdx[0]] = (problem.requests().get(r).kw() - delivered(problem, f, r)) / a;
                        best = Math.min(best, costIfFeasible(problem, g));
                    }
                }
            } else {
                // two free offers meet both requests exactly: a 2 x 2 system
                double a11 = kwAt(problem, freeIdx[0], 0);
                double a12 = kwAt(problem, freeIdx[1], 0);
                double a21 = kwAt(problem, freeIdx[0], 1);
                double a22 = kwAt(problem, freeIdx[1], 1);
                double det = a11 * a22 - a12 * a21;
                if (Math.abs(det) > 1e-12) {
                    double b1 = problem.requests().get(0).kw() - delivered(problem, f, 0);
                    double b2 = problem.requests().get(1).kw() - delivered(problem, f, 1);
                    double[] g = f.clone();
                    g[freeIdx[0]] = (b1 * a22 - a12 * b2) / det;
                    g[freeIdx[1]] = (a11 * b2 - a21 * b1) / det;
                    best = Math.min(best, costIfFeasible(problem, g));
                }
            }
        }
        return best;
    }

    private static double kwAt(ClearingProblem problem, int o, int r) {
        Offer offer = problem.offers().get(o);
        var q = problem.requests().get(r);
        double kw = 0.0;
        if (offer.congestionPoint().equals(q.congestionPoint())) {
            for (int i = 0; i < offer.slots().length; i++) {
                if (offer.slots()[i] == q.slot()) {
                    kw += offer.kw()[i];
                }
            }
        }
        return kw;
    }

    private static double delivered(ClearingProblem problem, double[] f, int r) {
        double sum = 0.0;
        for (int o = 0; o < f.length; o++) {
            sum += f[o] * kwAt(problem, o, r);
        }
        return sum;
    }

    // the cost of fractions within their boxes (a small tolerance for the solved ones), else infinity
    private static double costIfFeasible(ClearingProblem problem, double[] f) {
        double[] g = f.clone();
        for (int o = 0; o < g.length; o++) {
            if (g[o] == 0.0) {
                continue;
            }
            double lo = problem.offers().get(o).minActivation();
            if (g[o] < lo - 1e-12 || g[o] > 1.0 + 1e-12 || g[o] <= 0.0) {
                return Double.POSITIVE_INFINITY;
            }
            g[o] = Math.min(1.0, Math.max(lo, g[o]));
        }
        if (Evaluation.violation(problem, g) != null) {
            return Double.POSITIVE_INFINITY;
        }
        return Evaluation.costEur(problem, g, Evaluation.unservedKw(problem, g));
    }
}
