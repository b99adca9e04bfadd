package io.flexledger.agents.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RadialSweepTest {

    @Test
    void twoNodeCaseMatchesTheClosedFormSolution() {
        // source -> one constant-power load through Z = R + jX
        double r = 0.08;
        double x = 0.03;
        double p = 12_000;
        double q = 4_000;
        double v0 = 240;
        RadialSweep s = new RadialSweep(new int[] {-1, 0}, new double[] {0, r}, new double[] {0, x});

        int it = s.solve(v0, new double[] {0, p}, new double[] {0, q}, 1e-10, 100);

        // |V|^4 - (V0^2 - 2(RP + XQ)) |V|^2 + |Z|^2 |S|^2 = 0, the larger root is the operating point
        double b = v0 * v0 - 2 * (r * p + x * q);
        double c = (r * r + x * x) * (p * p + q * q);
        double v2 = (b + Math.sqrt(b * b - 4 * c)) / 2;
        assertThat(it).isPositive();
        assertThat(s.voltageV(1)).isCloseTo(Math.sqrt(v2), within(1e-8));
        // the branch carries |S| / |V|
        assertThat(s.branchCurrentA(1)).isCloseTo(Math.hypot(p, q) / Math.sqrt(v2), within(1e-8));
    }

    @Test
    void branchedFeederMatchesAnIndependentNodalAdmittanceSolve() {
        // source 0; trunk 1-2-3-4; lateral 2-5-6; homes on 3, 4, 6 (one exporting)
        int[] parent = {-1, 0, 1, 2, 3, 2, 5};
        double[] r = {0, 0.0035, 0.012, 0.020, 0.031, 0.045, 0.018};
        double[] x = {0, 0.0148, 0.006, 0.0075, 0.009, 0.011, 0.004};
        double[] pW = {0, 0, 5_000, 9_000, 7_500, 0, -6_000};
        double[] qVar = {0, 0, 1_500, 2_900, 2_400, 0, 300};
        double v0 = 239.2;
        RadialSweep s = new RadialSweep(parent, r, x);

        int it = s.solve(v0, pW, qVar, 1e-11, 200);
        double[][] expected = NodalReference.solve(parent, r, x, pW, qVar, v0);

        assertThat(it).isPositive();
        for (int i = 1; i < parent.length; i++) {
            assertThat(s.voltageRe(i)).as("Re V%d", i).isCloseTo(expected[0][i], within(1e-8));
            assertThat(s.voltageIm(i)).as("Im V%d", i).isCloseTo(expected[1][i], within(1e-8));
        }
        // the voltages really moved: node 4 sits well below the source
        assertThat(s.voltageV(4)).isLessThan(v0 - 3);
    }

    @Test
    void reportsNonConvergenceWhenTheLoadIsBeyondTheNoseOfTheCurve() {
        RadialSweep s = new RadialSweep(new int[] {-1, 0}, new double[] {0, 1.0}, new double[] {0, 1.0});
        // V0^2 / (4|Z|) is about 10 kW here: 50 kW has no solution
        int it = s.solve(230, new double[] {0, 50_000}, new double[] {0, 0}, 1e-6, 100);
        assertThat(it).isEqualTo(-1);
    }

    @Test
    void rejectsANodeBeforeItsParent() {
        assertThatThrownBy(() -> new RadialSweep(new int[] {-1, 2, 0}, new double[3], new double[3]))
                .hasMessageContaining("parent[1]");
    }
}
