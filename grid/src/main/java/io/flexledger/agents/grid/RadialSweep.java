package io.flexledger.agents.grid;

/**
 * Backward-forward sweep power flow of one single-phase radial network with constant-power loads.
 *
 * <p>Node 0 is the source, held at a real voltage; every other node {@code i} hangs from {@code
 * parent[i] < i} through a series impedance {@code r[i] + j x[i]} ohm. Loads are {@code P + jQ} W
 * and var drawn at the node (negative P for export). Each iteration sums load currents from the
 * leaves to the source (backward) and then recomputes voltages from the source to the leaves
 * (forward) until no voltage moves more than the tolerance. All arrays are allocated once; {@link
 * #solve} allocates nothing. Not thread-safe: one instance per thread.
 */
public final class RadialSweep {

    private final int n;
    private final int[] parent;
    private final double[] r;
    private final double[] x;
    private final double[] vRe;
    private final double[] vIm;
    private final double[] iRe;
    private final double[] iIm;

    /**
     * A network in topological order.
     *
     * @param parent {@code parent[0] == -1}, {@code 0 <= parent[i] < i} otherwise
     * @param rOhm series resistance of the branch into each node (entry 0 unused)
     * @param xOhm series reactance of the branch into each node (entry 0 unused)
     */
    public RadialSweep(int[] parent, double[] rOhm, double[] xOhm) {
        n = parent.length;
        // the three arrays describe the same nodes
        if (n < 1 || rOhm.length != n || xOhm.length != n) {
            throw new IllegalArgumentException("parent, rOhm and xOhm must have the same positive length");
        }
        // node 0 is the source and every other node comes after its parent
        if (parent[0] != -1) {
            throw new IllegalArgumentException("parent[0] must be -1 (node 0 is the source)");
        }
        for (int i = 1; i < n; i++) {
            if (parent[i] < 0 || parent[i] >= i) {
                throw new IllegalArgumentException("parent[" + i + "] must be in [0, " + i + ")");
            }
        }
        this.parent = parent.clone();
        this.r = rOhm.clone();
        this.x = xOhm.clone();
        vRe = new double[n];
        vIm = new double[n];
        iRe = new double[n];
        iIm = new double[n];
    }

    /** Number of nodes, the source included. */
    public int size() {
        return n;
    }

    /**
     * Solves the power flow.
     *
     * @param sourceV source voltage magnitude (angle 0), V
     * @param loadW active power drawn at each node, W (entry 0 ignored)
     * @param loadVar reactive power drawn at each node, var (entry 0 ignored)
     * @param toleranceV stop when no node voltage moves more than this between iterations, V
     * @param maxIterations give up after this many sweeps
     * @return the number of sweeps used, or {@code -1} if it did not converge (voltage collapse)
     */
    public int solve(double sourceV, double[] loadW, double[] loadVar, double toleranceV, int maxIterations) {
        for (int i = 0; i < n; i++) {
            vRe[i] = sourceV;
            vIm[i] = 0;
        }
        double tol2 = toleranceV * toleranceV;
        for (int it = 1; it <= maxIterations; it++) {
            // backward: each branch carries its node's load current plus its subtree's
            for (int i = 0; i < n; i++) {
                iRe[i] = 0;
                iIm[i] = 0;
            }
            for (int i = n - 1; i >= 1; i--) {
                double vr = vRe[i];
                double vi = vIm[i];
                double m2 = vr * vr + vi * vi;
                double p = loadW[i];
                double q = loadVar[i];
                // I = conj(S / V) for a constant-power load
                iRe[i] += (p * vr + q * vi) / m2;
                iIm[i] += (p * vi - q * vr) / m2;
                int k = parent[i];
                iRe[k] += iRe[i];
                iIm[k] += iIm[i];
            }
            // forward: each node's voltage is its parent's less the branch drop Z * I
            double worst = 0;
            for (int i = 1; i < n; i++) {
                int k = parent[i];
                double nr = vRe[k] - (r[i] * iRe[i] - x[i] * iIm[i]);
                double ni = vIm[k] - (r[i] * iIm[i] + x[i] * iRe[i]);
                double dr = nr - vRe[i];
                double di = ni - vIm[i];
                double d2 = dr * dr + di * di;
                if (d2 > worst) {
                    worst = d2;
                }
                vRe[i] = nr;
                vIm[i] = ni;
            }
            if (!(worst > tol2)) {
                return worst == worst ? it : -1;
            }
        }
        return -1;
    }

    /** Real part of node {@code i}'s voltage after {@link #solve}, V. */
    public double voltageRe(int i) {
        return vRe[i];
    }

    /** Imaginary part of node {@code i}'s voltage after {@link #solve}, V. */
    public double voltageIm(int i) {
        return vIm[i];
    }

    /** Magnitude of node {@code i}'s voltage after {@link #solve}, V. */
    public double voltageV(int i) {
        return Math.sqrt(vRe[i] * vRe[i] + vIm[i] * vIm[i]);
    }

    /** Magnitude of the current in the branch into node {@code i} after {@link #solve}, A. */
    public double branchCurrentA(int i) {
        return Math.sqrt(iRe[i] * iRe[i] + iIm[i] * iIm[i]);
    }

    /** Real part of the current in the branch into node {@code i}, A. */
    public double branchCurrentRe(int i) {
        return iRe[i];
    }

    /** Imaginary part of the current in the branch into node {@code i}, A. */
    public double branchCurrentIm(int i) {
        return iIm[i];
    }
}
