package io.flexledger.clearing.community;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The exact welfare optimum of a community day (tests only): the matching as a linear programme solved by
 * GLOP. Variables: matched kW per order in [0, size rounded down to whole W]; per slot, bought = sold; per
 * feeder and slot with flexible orders, firm baseline plus matched flexible flow within the (widened)
 * limits. Objective: maximise the effective bid value minus the effective ask cost.
 */
final class CommunityLp {

    static {
        Loader.loadNativeLibraries();
    }

    private CommunityLp() {}

    /** The optimum welfare (EUR) and its matched kW per order. */
    record Optimum(double welfareEur, double[] matchedKw) {}

    static Optimum solve(CommunityDay day) {
        CommunityIndex p = CommunityIndex.of(day);
        MPSolver solver = MPSolver.createSolver("GLOP");
        MPObjective objective = solver.objective();
        objective.setMaximization();
        int n = p.orderCount();
        int slots = day.slots();
        int feeders = day.feeders().size();
        MPConstraint[] balance = new MPConstraint[slots];
        for (int t = 0; t < slots; t++) {
            balance[t] = solver.makeConstraint(0.0, 0.0, "balance" + t);
        }
        MPConstraint[][] feeder = new MPConstraint[feeders][slots];
        for (int f = 0; f < feeders; f++) {
            for (int t = 0; t < slots; t++) {
                double base = p.baselineW[f][t] / 1000.0;
                feeder[f][t] = solver.makeConstraint(
                        -p.exportLimitW[f][t] / 1000.0 - base,
                        p.importLimitW[f][t] / 1000.0 - base,
                        "feeder" + f + "_" + t);
            }
        }
        MPVariable[] x = new MPVariable[n];
        for (int i = 0; i < n; i++) {
            x[i] = solver.makeNumVar(0.0, p.orderMaxW[i] / 1000.0, "x" + i);
            double sign = p.orderBuys[i] ? 1.0 : -1.0;
            double eurPerKw = day.effectivePrice(day.orders().get(i)) * day.slotHours();
            objective.setCoefficient(x[i], sign * eurPerKw);
            balance[p.orderSlot[i]].setCoefficient(x[i], sign);
            if (p.orderFlexible[i]) {
                feeder[p.orderFeeder[i]][p.orderSlot[i]].setCoefficient(x[i], sign);
            }
        }
        MPSolver.ResultStatus status = solver.solve();
        if (status != MPSolver.ResultStatus.OPTIMAL) {
            throw new IllegalStateException("GLOP: " + status);
        }
        double[] kw = new double[n];
        for (int i = 0; i < n; i++) {
            kw[i] = x[i].solutionValue();
        }
        double welfare = objective.value();
        solver.delete();
        return new Optimum(welfare, kw);
    }
}
