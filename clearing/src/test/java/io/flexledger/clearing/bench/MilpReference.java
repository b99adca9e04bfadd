package io.flexledger.clearing.bench;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact reference (benchmark only): the clearing as a MILP solved by SCIP through OR-Tools.
 * Variables: fraction {@code f_o} in [0, 1] and acceptance {@code y_o} in {0, 1} per offer,
 * {@code m_o y_o <= f_o <= y_o}; unserved {@code u_r >= 0} per request; coverage per request; at most
 * one accepted offer per (asset, slot). Offers that serve no request and cost nothing or more are left
 * out (they are 0 in every optimum).
 */
public final class MilpReference {

    /** What the MILP solver returned. */
    public record Outcome(String status, double objective, double bound, long millis, double[] fractions) {}

    static {
        Loader.loadNativeLibraries();
    }

    private MilpReference() {}

    /** Solves within a time limit; status OPTIMAL, FEASIBLE (limit hit) or another solver status. */
    public static Outcome solve(ClearingProblem problem, double seconds) {
        long started = System.nanoTime();
        IndexedProblem p = IndexedProblem.of(problem);
        MPSolver solver = MPSolver.createSolver("SCIP");
        solver.setTimeLimit(Math.round(seconds * 1000));
        solver.setNumThreads(1);
        MPObjective objective = solver.objective();
        int n = p.offerCount();
        MPVariable[] f = new MPVariable[n];
        MPVariable[] y = new MPVariable[n];
        MPConstraint[] cover = new MPConstraint[p.requestCount()];
        for (int r = 0; r < p.requestCount(); r++) {
            MPVariable u = solver.makeNumVar(0.0, MPSolver.infinity(), "u" + r);
            objective.setCoefficient(u, p.requestWeightEurPerKw(r));
            cover[r] = solver.makeConstraint(p.requestKw(r), MPSolver.infinity(), "cover" + r);
            cover[r].setCoefficient(u, 1.0);
        }
        Map<Long, List<Integer>> byAssetSlot = new HashMap<>();
        for (int o = 0; o < n; o++) {
            boolean useful = p.offerCostEur(o) < 0.0;
            for (int r : p.offerRequests(o)) {
                useful |= r >= 0;
            }
            if (!useful) {
                continue;
            }
            Offer offer = p.offer(o);
            f[o] = solver.makeNumVar(0.0, 1.0, "f" + o);
            y[o] = solver.makeIntVar(0.0, 1.0, "y" + o);
            objective.setCoefficient(f[o], p.offerCostEur(o));
            MPConstraint upper = solver.makeConstraint(-MPSolver.infinity(), 0.0);
            upper.setCoefficient(f[o], 1.0);
            upper.setCoefficient(y[o], -1.0);
            if (offer.minActivation() > 0.0) {
                MPConstraint lower = solver.makeConstraint(0.0, MPSolver.infinity());
                lower.setCoefficient(f[o], 1.0);
                lower.setCoefficient(y[o], -offer.minActivation());
            }
            int[] req = p.offerRequests(o);
            for (int i = 0; i < req.length; i++) {
                if (req[i] >= 0) {
                    cover[req[i]].setCoefficient(f[o], offer.kw()[i]);
                }
                long key = ((long) p.offerAsset(o) << 32) | offer.slots()[i];
                byAssetSlot.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
            }
        }
        for (List<Integer> group : byAssetSlot.values()) {
            if (group.size() > 1) {
                MPConstraint once = solver.makeConstraint(-MPSolver.infinity(), 1.0);
                for (int o : group) {
                    once.setCoefficient(y[o], 1.0);
                }
            }
        }
        objective.setMinimization();
        MPSolver.ResultStatus status = solver.solve();
        long millis = (System.nanoTime() - started) / 1_000_000;
        double[] fractions = new double[n];
        boolean hasSolution = status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE;
        if (hasSolution) {
            for (int o = 0; o < n; o++) {
                fractions[o] = f[o] == null ? 0.0 : f[o].solutionValue();
            }
        }
        Outcome outcome = new Outcome(
                status.name(),
                hasSolution ? objective.value() : Double.NaN,
                hasSolution ? objective.bestBound() : Double.NaN,
                millis,
                fractions);
        solver.delete();
        return outcome;
    }
}
