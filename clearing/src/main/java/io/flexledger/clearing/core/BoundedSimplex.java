package io.flexledger.clearing.core;

/**
 * A small dense primal simplex for {@code min c.x} subject to {@code A x >= b} (made equalities with
 * slack and surplus columns) and {@code 0 <= x <= upper}, where every row has its own penalty column
 * {@code u_r >= 0} with cost {@code w_r}, so a feasible starting basis always exists (no phase one).
 * Used per congestion point with a few dozen rows; Bland's rule after a run of degenerate pivots.
 */
final class BoundedSimplex {

    private static final double EPS = 1e-10;

    private BoundedSimplex() {}

    /**
     * Solves {@code min c.x + w.u} with {@code A x + u >= b}, {@code 0 <= x <= upper}, {@code u >= 0}.
     *
     * @param a rows of coefficients for the x columns
     * @return the optimal x, or null if the iteration limit was hit
     */
    static double[] solve(double[][] a, double[] b, double[] c, double[] upper, double[] w) {
        int m = b.length;
        int n = c.length;
        int cols = n + 2 * m; // x, then u, then surplus s
        double[][] t = new double[m][cols];
        double[] beta = new double[m];
        double[] cost = new double[cols];
        double[] ub = new double[cols];
        int[] basis = new int[m];
        boolean[] atUpper = new boolean[cols];
        for (int j = 0; j < n; j++) {
            cost[j] = c[j];
            ub[j] = upper[j];
        }
        for (int r = 0; r < m; r++) {
            cost[n + r] = w[r];
            ub[n + r] = Double.POSITIVE_INFINITY;
            ub[n + m + r] = Double.POSITIVE_INFINITY;
            double sign = b[r] >= 0 ? 1.0 : -1.0;
            for (int j = 0; j < n; j++) {
                t[r][j] = sign * a[r][j];
            }
            t[r][n + r] = sign;
            t[r][n + m + r] = -sign;
            beta[r] = sign * b[r];
            basis[r] = b[r] >= 0 ? n + r : n + m + r;
        }
        double[] d = new double[cols];
        for (int j = 0; j < cols; j++) {
            double z = 0.0;
            for (int r = 0; r < m; r++) {
                z += cost[basis[r]] * t[r][j];
            }
            d[j] = cost[j] - z;
        }
        boolean[] isBasic = new boolean[cols];
        for (int r = 0; r < m; r++) {
            isBasic[basis[r]] = true;
        }
        int degenerate = 0;
        int limit = 50 * (cols + m) + 1000;
        for (int iter = 0; iter < limit; iter++) {
            boolean bland = degenerate > 50;
            int enter = -1;
            double bestScore = EPS;
            for (int j = 0; j < cols; j++) {
                if (isBasic[j] || ub[j] == 0.0) {
                    continue;
                }
                double score = atUpper[j] ? d[j] : -d[j];
                if (score > EPS * (1.0 + Math.abs(cost[j]))) {
                    if (bland) {
                        enter = j;
                        break;
                    }
                    if (score > bestScore) {
                        bestScore = score;
                        enter = j;
                    }
                }
            }
            if (enter < 0) {
                return extract(n, m, basis, beta, atUpper, ub);
            }
            double dir = atUpper[enter] ? -1.0 : 1.0;
            double theta = ub[enter];
            int leave = -1;
            boolean leaveToUpper = false;
            for (int r = 0; r < m; r++) {
                double alpha = dir * t[r][enter];
                if (alpha > EPS) {
                    double lim = beta[r] / alpha;
                    if (lim < theta - 1e-15 || (bland && lim <= theta && leave >= 0 && basis[r] < basis[leave])) {
                        theta = lim;
                        leave = r;
                        leaveToUpper = false;
                    }
                } else if (alpha < -EPS && ub[basis[r]] < Double.POSITIVE_INFINITY) {
                    double lim = (ub[basis[r]] - beta[r]) / -alpha;
                    if (lim < theta - 1e-15) {
                        theta = lim;
                        leave = r;
                        leaveToUpper = true;
                    }
                }
            }
            if (theta == Double.POSITIVE_INFINITY) {
                return null; // unbounded: cannot happen with non-negative penalties and bounded x
            }
            theta = Math.max(0.0, theta);
            degenerate = theta <= 1e-12 ? degenerate + 1 : 0;
            for (int r = 0; r < m; r++) {
                beta[r] -= dir * theta * t[r][enter];
            }
            if (leave < 0) {
                atUpper[enter] = !atUpper[enter];
                continue;
            }
            double enteringValue = atUpper[enter] ? ub[enter] - theta : theta;
            int out = basis[leave];
            isBasic[out] = false;
            atUpper[out] = leaveToUpper;
            basis[leave] = enter;
            isBasic[enter] = true;
            atUpper[enter] = false;
            beta[leave] = enteringValue;
            double pivot = t[leave][enter];
            double[] pr = t[leave];
            for (int j = 0; j < cols; j++) {
                pr[j] /= pivot;
            }
            for (int r = 0; r < m; r++) {
                if (r == leave) {
                    continue;
                }
                double factor = t[r][enter];
                if (factor != 0.0) {
                    double[] row = t[r];
                    for (int j = 0; j < cols; j++) {
                        row[j] -= factor * pr[j];
                    }
                    row[enter] = 0.0;
                }
            }
            double factor = d[enter];
            for (int j = 0; j < cols; j++) {
                d[j] -= factor * pr[j];
            }
            d[enter] = 0.0;
        }
        return null;
    }

    private static double[] extract(int n, int m, int[] basis, double[] beta, boolean[] atUpper, double[] ub) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = atUpper[j] ? ub[j] : 0.0;
        }
        for (int r = 0; r < m; r++) {
            if (basis[r] < n) {
                x[basis[r]] = beta[r];
            }
        }
        for (int j = 0; j < n; j++) {
            x[j] = Math.max(0.0, Math.min(ub[j], x[j]));
        }
        return x;
    }
}
