package io.flexledger.agents.grid;

/**
 * An independent reference power flow for tests: builds the nodal admittance matrix Y of a
 * network and iterates {@code V_L = Y_LL^-1 (I_L(V) - Y_L0 V_0)} (the implicit Z-bus method),
 * solving each step by dense complex Gaussian elimination with partial pivoting. Shares no code
 * with {@link RadialSweep}.
 */
final class NodalReference {

    private NodalReference() {}

    /** Returns {re[], im[]} of every node's voltage (node 0 is the source). */
    static double[][] solve(int[] parent, double[] r, double[] x, double[] pW, double[] qVar, double v0) {
        int n = parent.length;
        double[][] yRe = new double[n][n];
        double[][] yIm = new double[n][n];
        for (int i = 1; i < n; i++) {
            double d = r[i] * r[i] + x[i] * x[i];
            double gr = r[i] / d;
            double gi = -x[i] / d;
            int k = parent[i];
            yRe[i][i] += gr;
            yIm[i][i] += gi;
            yRe[k][k] += gr;
            yIm[k][k] += gi;
            yRe[i][k] -= gr;
            yIm[i][k] -= gi;
            yRe[k][i] -= gr;
            yIm[k][i] -= gi;
        }
        double[] vr = new double[n];
        double[] vi = new double[n];
        java.util.Arrays.fill(vr, v0);
        for (int iter = 0; iter < 500; iter++) {
            int m = n - 1;
            double[][] aRe = new double[m][m + 1];
            double[][] aIm = new double[m][m + 1];
            for (int a = 0; a < m; a++) {
                for (int c = 0; c < m; c++) {
                    aRe[a][c] = yRe[a + 1][c + 1];
                    aIm[a][c] = yIm[a + 1][c + 1];
                }
                int i = a + 1;
                double m2 = vr[i] * vr[i] + vi[i] * vi[i];
                // injected current = -conj(S_load / V)
                double injRe = -(pW[i] * vr[i] + qVar[i] * vi[i]) / m2;
                double injIm = -(pW[i] * vi[i] - qVar[i] * vr[i]) / m2;
                aRe[a][m] = injRe - yRe[i][0] * v0;
                aIm[a][m] = injIm - yIm[i][0] * v0;
            }
            double[][] sol = gauss(aRe, aIm);
            double worst = 0;
            for (int a = 0; a < m; a++) {
                worst = Math.max(worst, Math.hypot(sol[0][a] - vr[a + 1], sol[1][a] - vi[a + 1]));
                vr[a + 1] = sol[0][a];
                vi[a + 1] = sol[1][a];
            }
            if (worst < 1e-12) {
                break;
            }
        }
        vr[0] = v0;
        vi[0] = 0;
        return new double[][] {vr, vi};
    }

    private static double[][] gauss(double[][] aRe, double[][] aIm) {
        int m = aRe.length;
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int row = col + 1; row < m; row++) {
                if (Math.hypot(aRe[row][col], aIm[row][col]) > Math.hypot(aRe[piv][col], aIm[piv][col])) {
                    piv = row;
                }
            }
            double[] t = aRe[col];
            aRe[col] = aRe[piv];
            aRe[piv] = t;
            t = aIm[col];
            aIm[col] = aIm[piv];
            aIm[piv] = t;
            double pr = aRe[col][col];
            double pi = aIm[col][col];
            double pd = pr * pr + pi * pi;
            for (int row = col + 1; row < m; row++) {
                // factor = a[row][col] / a[col][col]
                double fr = (aRe[row][col] * pr + aIm[row][col] * pi) / pd;
                double fi = (aIm[row][col] * pr - aRe[row][col] * pi) / pd;
                for (int c = col; c <= m; c++) {
                    aRe[row][c] -= fr * aRe[col][c] - fi * aIm[col][c];
                    aIm[row][c] -= fr * aIm[col][c] + fi * aRe[col][c];
                }
            }
        }
        double[] xr = new double[m];
        double[] xi = new double[m];
        for (int row = m - 1; row >= 0; row--) {
            double sr = aRe[row][m];
            double si = aIm[row][m];
            for (int c = row + 1; c < m; c++) {
                sr -= aRe[row][c] * xr[c] - aIm[row][c] * xi[c];
                si -= aRe[row][c] * xi[c] + aIm[row][c] * xr[c];
            }
            double pr = aRe[row][row];
            double pi = aIm[row][row];
            double pd = pr * pr + pi * pi;
            xr[row] = (sr * pr + si * pi) / pd;
            xi[row] = (si * pr - sr * pi) / pd;
        }
        return new double[][] {xr, xi};
    }
}
