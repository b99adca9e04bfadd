package io.flexledger.agents.cems;

import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.cems.solver.GlopBranchAndBound;
import io.flexledger.agents.cems.solver.HomeDayFormulation;
import io.flexledger.agents.cems.solver.MilpBackend;
import io.flexledger.agents.cems.solver.OrToolsMilp;

/**
 * The CEMS home-day optimiser (UC1): the schedule of least bill for a home-day, proven optimal. The
 * default backend is {@link GlopBranchAndBound} (see docs/decisions/0003-cems-model.md); should a
 * backend fail numerically, the model is solved again with SCIP. Thread-safe: every call builds and
 * solves its own model, so one instance may serve all threads.
 */
public final class CemsOptimiser {

    private final MilpBackend backend;
    private final MilpBackend fallback = new OrToolsMilp(OrToolsMilp.Engine.SCIP);

    /** An optimiser on the default exact backend, the GLOP-based branch and bound. */
    public CemsOptimiser() {
        this(new GlopBranchAndBound());
    }

    /** An optimiser on the given exact backend. */
    public CemsOptimiser(MilpBackend backend) {
        this.backend = backend;
    }

    /**
     * Optimises a well-formed home-day.
     *
     * @throws InfeasibleProblemException when no schedule meets every constraint
     */
    public CemsResult solve(HomeDay day) {
        long start = System.nanoTime();
        FeasibilityCheck.require(day);
        HomeDayFormulation f = new HomeDayFormulation(day);
        MilpBackend.Solution s = backend.solve(f.model());
        if (s.status() == MilpBackend.Status.FAILED) {
            // a numerical failure of the primary backend: solve the same model with SCIP instead
            s = fallback.solve(f.model());
        }
        switch (s.status()) {
            case INFEASIBLE ->
                throw new InfeasibleProblemException(
                        "$: no schedule meets the import/export limits, battery SoC bounds and device energies together");
            case FAILED -> throw new IllegalStateException("the solver failed on home-day " + day.id());
            default -> {}
        }
        return f.decode(s.values(), (System.nanoTime() - start) / 1_000_000);
    }
}
