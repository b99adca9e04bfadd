package io.flexledger.agents.cems;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.cems.solver.OrToolsMilp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares the optimiser with two independent references on generated days: (1) SCIP on the same MILP,
 * and (2) a different formulation without binaries, written here from the format's text alone: for
 * every combination of deferrable starts, an LP with the SoC written as cumulative sums (no SoC
 * variables), solved with CLP; the optimum is the least of them.
 */
class IndependentFormulationTest {

    static {
        Loader.loadNativeLibraries();
    }

    private static double relGap(double a, double b) {
        return Math.abs(a - b) / Math.max(1.0, Math.abs(b));
    }

    @Test
    void agreesWithScipOnTheSameModel() {
        CemsOptimiser fast = new CemsOptimiser();
        CemsOptimiser scip = new CemsOptimiser(new OrToolsMilp(OrToolsMilp.Engine.SCIP));
        for (int seed = 0; seed < 40; seed++) {
            HomeDay day = HomeDayGenerator.generate(9000 + seed);
            assertThat(relGap(fast.solve(day).bill(), scip.solve(day).bill()))
                    .as(day.id())
                    .isLessThan(1e-6);
        }
    }

    @Test
    void agreesWithEnumerationOfStartsOverLps() {
        CemsOptimiser fast = new CemsOptimiser();
        int compared = 0;
        for (int seed = 0; compared < 12 && seed < 400; seed++) {
            HomeDay day = HomeDayGenerator.generate(20_000 + seed);
            long combos = 1;
            for (HomeDay.Deferrable d : day.deferrable()) {
                combos *= d.latestEndSlot() - d.earliestStartSlot() - d.length() + 1;
            }
            if (day.deferrable().isEmpty() || combos > 200) {
                continue;
            }
            double reference = enumerate(day, new int[day.deferrable().size()], 0);
            assertThat(relGap(fast.solve(day).bill(), reference)).as(day.id()).isLessThan(1e-6);
            compared++;
        }
        assertThat(compared).isEqualTo(12);
    }

    private static double enumerate(HomeDay day, int[] starts, int k) {
        if (k == starts.length) {
            return lp(day, starts);
        }
        HomeDay.Deferrable d = day.deferrable().get(k);
        double best = Double.POSITIVE_INFINITY;
        for (int s = d.earliestStartSlot(); s + d.length() <= d.latestEndSlot(); s++) {
            starts[k] = s;
            best = Math.min(best, enumerate(day, starts, k + 1));
        }
        return best;
    }

    /** The bill of the best schedule with the deferrables at the given starts (infinity if none). */
    private static double lp(HomeDay day, int[] starts) {
        int n = day.slots();
        double h = day.hoursPerSlot();
        MPSolver s = MPSolver.createSolver("CLP");
        try {
            double inf = MPSolver.infinity();
            double[] fixed = day.baseLoadKw().clone();
            List<HomeDay.Deferrable> defs = day.deferrable();
            for (int k = 0; k < defs.size(); k++) {
                for (int j = 0; j < defs.get(k).length(); j++) {
                    fixed[starts[k] + j] += defs.get(k).profileKw()[j];
                }
            }
            MPObjective obj = s.objective();
            HomeDay.Battery b = day.battery();
            HomeDay.Ev ev = day.ev();
            MPVariable[] ch = new MPVariable[n];
            MPVariable[] dis = new MPVariable[n];
            MPVariable[] evKw = new MPVariable[n];
            for (int t = 0; t < n; t++) {
                MPVariable imp = s.makeNumVar(0, day.maxImportKw(), "imp" + t);
                MPVariable exp = s.makeNumVar(0, day.maxExportKw(), "exp" + t);
                MPVariable pv = s.makeNumVar(0, day.pvKw()[t], "pv" + t);
                obj.setCoefficient(imp, h * day.importPrice()[t]);
                obj.setCoefficient(exp, -h * day.exportPrice()[t]);
                // base + deferrables + interruptibles + ev + charge - discharge - pv = imp - exp
                MPConstraint bal = s.makeConstraint(fixed[t], fixed[t]);
                bal.setCoefficient(imp, 1);
                bal.setCoefficient(exp, -1);
                bal.setCoefficient(pv, 1);
                if (b != null) {
                    ch[t] = s.makeNumVar(0, b.maxChargeKw(), "ch" + t);
                    dis[t] = s.makeNumVar(0, b.maxDischargeKw(), "dis" + t);
                    bal.setCoefficient(ch[t], -1);
                    bal.setCoefficient(dis[t], 1);
                }
                boolean inWindow = ev != null && t >= ev.arrivalSlot() && t < ev.departureSlot();
                evKw[t] = s.makeNumVar(0, inWindow ? ev.maxChargeKw() : 0, "ev" + t);
                bal.setCoefficient(evKw[t], -1);
                for (HomeDay.Interruptible in : day.interruptible()) {
                    MPVariable v = s.makeNumVar(
                            0, t >= in.earliestSlot() && t < in.latestSlot() ? in.maxKw() : 0, in.name() + t);
                    bal.setCoefficient(v, -1);
                }
            }
            if (b != null) {
                // min - initial <= h * sum_{u <= t} (eta_c ch - dis / eta_d) <= capacity - initial
                for (int t = 0; t < n; t++) {
                    double lo =
                            (t == n - 1 ? Math.max(b.minSocKwh(), b.finalSocKwh()) : b.minSocKwh()) - b.initialSocKwh();
                    MPConstraint soc = s.makeConstraint(lo, b.capacityKwh() - b.initialSocKwh());
                    for (int u = 0; u <= t; u++) {
                        soc.setCoefficient(ch[u], h * b.chargeEfficiency());
                        soc.setCoefficient(dis[u], -h / b.dischargeEfficiency());
                    }
                }
            }
            if (ev != null) {
                MPConstraint e = s.makeConstraint(ev.energyKwh(), ev.energyKwh());
                for (int t = 0; t < n; t++) {
                    e.setCoefficient(evKw[t], h);
                }
            }
            for (HomeDay.Interruptible in : day.interruptible()) {
                MPConstraint e = s.makeConstraint(in.energyKwh(), in.energyKwh());
                for (int t = 0; t < n; t++) {
                    e.setCoefficient(s.lookupVariableOrNull(in.name() + t), h);
                }
            }
            obj.setMinimization();
            MPSolver.ResultStatus st = s.solve();
            if (st == MPSolver.ResultStatus.INFEASIBLE) {
                return Double.POSITIVE_INFINITY;
            }
            assertThat(st).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
            return obj.value();
        } finally {
            s.delete();
        }
    }
}
