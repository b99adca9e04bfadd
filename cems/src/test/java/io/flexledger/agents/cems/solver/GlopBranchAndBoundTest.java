package io.flexledger.agents.cems.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch and bound on generic 0/1 programs, against CBC and against brute force. */
class GlopBranchAndBoundTest {

    /** max value s.t. weight <= capacity, as a minimisation; binaries outside any choice group. */
    private static LinearModel knapsack(double[] value, double[] weight, double capacity) {
        LinearModel m = new LinearModel();
        for (double v : value) {
            m.addColumn(0, 1, -v, true);
        }
        m.addRow(Double.NEGATIVE_INFINITY, capacity);
        for (int i = 0; i < weight.length; i++) {
            m.term(i, weight[i]);
        }
        return m;
    }

    private static double bruteForce(double[] value, double[] weight, double capacity) {
        double best = 0;
        for (int mask = 0; mask < 1 << value.length; mask++) {
            double v = 0;
            double w = 0;
            for (int i = 0; i < value.length; i++) {
                if ((mask >> i & 1) == 1) {
                    v += value[i];
                    w += weight[i];
                }
            }
            if (w <= capacity) {
                best = Math.max(best, v);
            }
        }
        return -best;
    }

    @Test
    void depthFirstSearchSolvesUngroupedBinariesExactly() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 20; k++) {
            int n = 6 + rnd.nextInt(7);
            double[] value = new double[n];
            double[] weight = new double[n];
            for (int i = 0; i < n; i++) {
                value[i] = 1 + rnd.nextInt(30);
                weight[i] = 1 + rnd.nextInt(20);
            }
            double capacity = 30 + rnd.nextInt(30);
            MilpBackend.Solution s = new GlopBranchAndBound().solve(knapsack(value, weight, capacity));
            assertThat(s.status()).isEqualTo(MilpBackend.Status.OPTIMAL);
            assertThat(s.objective()).isCloseTo(bruteForce(value, weight, capacity), within(1e-6));
        }
    }

    @Test
    void bestFirstSearchOverChoiceGroupsMatchesCbc() {
        // two "appliances" each choosing one of 8 starts, sharing a capacity per slot, with convex costs
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < 10; k++) {
            LinearModel m = new LinearModel();
            int slots = 10;
            int[][] starts = new int[2][8];
            for (int a = 0; a < 2; a++) {
                for (int s = 0; s < 8; s++) {
                    starts[a][s] = m.addColumn(0, 1, 0, true);
                }
            }
            int[] cheap = new int[slots];
            int[] dear = new int[slots];
            for (int t = 0; t < slots; t++) {
                cheap[t] = m.addColumn(0, rnd.nextDouble() * 2, 0.1 + 0.1 * rnd.nextDouble(), false);
                dear[t] = m.addColumn(0, 10, 0.5, false);
            }
            for (int t = 0; t < slots; t++) {
                // each slot's load (3 slots of 1 kW per run) is bought cheap up to a limit, then dear
                m.addRow(0, 0);
                m.term(cheap[t], 1);
                m.term(dear[t], 1);
                for (int a = 0; a < 2; a++) {
                    for (int s = 0; s < 8; s++) {
                        if (t >= s && t < s + 3) {
                            m.term(starts[a][s], -1);
                        }
                    }
                }
            }
            for (int a = 0; a < 2; a++) {
                m.addRow(1, 1);
                m.addChoiceGroup(starts[a], 3);
                for (int c : starts[a]) {
                    m.term(c, 1);
                }
            }
            MilpBackend.Solution ours = new GlopBranchAndBound().solve(m);
            MilpBackend.Solution cbc = new OrToolsMilp(OrToolsMilp.Engine.CBC).solve(m);
            assertThat(ours.status()).isEqualTo(MilpBackend.Status.OPTIMAL);
            assertThat(ours.objective()).isCloseTo(cbc.objective(), within(1e-7));
        }
    }

    @Test
    void anInfeasibleProgramIsReportedSo() {
        LinearModel m = new LinearModel();
        int a = m.addColumn(0, 1, 1, true);
        int b = m.addColumn(0, 1, 1, true);
        m.addRow(1, 1);
        m.addChoiceGroup(new int[] {a, b}, 1);
        m.term(a, 1);
        m.term(b, 1);
        m.addRow(1.5, 1.5); // x_a + x_b = 1.5 has fractional solutions only
        m.term(a, 1);
        m.term(b, 1);
        assertThat(new GlopBranchAndBound().solve(m).status()).isEqualTo(MilpBackend.Status.INFEASIBLE);
    }
}
