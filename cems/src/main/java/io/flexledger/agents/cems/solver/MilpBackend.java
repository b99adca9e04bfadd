package io.flexledger.agents.cems.solver;

/** Solves a {@link LinearModel} to proven optimality. */
public interface MilpBackend {

    /** Outcome of a solve. */
    enum Status {
        OPTIMAL,
        INFEASIBLE,
        FAILED
    }

    /**
     * A solve's outcome.
     *
     * @param status whether an optimum was proven
     * @param values the column values (null unless optimal)
     * @param objective the objective value (NaN unless optimal)
     */
    record Solution(Status status, double[] values, double objective) {}

    /** Minimises the model. */
    Solution solve(LinearModel model);
}
