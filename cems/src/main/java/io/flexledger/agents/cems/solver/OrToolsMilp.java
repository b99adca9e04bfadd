package io.flexledger.agents.cems.solver;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.linearsolver.MPVariableProto;

/**
 * Solves a {@link LinearModel} with one of the MIP solvers OR-Tools bundles (CBC or SCIP),
 * through its linear-solver wrapper, with a zero relative gap so that the answer is the proven
 * optimum. Stateless and thread-safe: every call creates and frees its own native solver.
 */
public final class OrToolsMilp implements MilpBackend {

    /** The OR-Tools solver names this backend accepts. */
    public enum Engine {
        CBC,
        SCIP
    }

    static {
        Loader.loadNativeLibraries();
    }

    private final Engine engine;

    /** A backend on the given engine. */
    public OrToolsMilp(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Solution solve(LinearModel m) {
        MPModelProto.Builder proto = MPModelProto.newBuilder();
        for (int c = 0; c < m.columns(); c++) {
            proto.addVariable(MPVariableProto.newBuilder()
                    .setLowerBound(m.lower(c))
                    .setUpperBound(m.upper(c))
                    .setObjectiveCoefficient(m.objective(c))
                    .setIsInteger(m.integer(c)));
        }
        for (int r = 0; r < m.rows(); r++) {
            MPConstraintProto.Builder row =
                    MPConstraintProto.newBuilder().setLowerBound(m.rowLower(r)).setUpperBound(m.rowUpper(r));
            for (int p = m.rowBegin(r); p < m.rowEnd(r); p++) {
                row.addVarIndex(m.termColumn(p)).addCoefficient(m.termCoefficient(p));
            }
            proto.addConstraint(row);
        }
        MPSolver solver = MPSolver.createSolver(engine.name());
        if (solver == null) {
            throw new IllegalStateException("OR-Tools has no " + engine + " solver on this platform");
        }
        try {
            String error = solver.loadModelFromProto(proto.build());
            if (!error.isEmpty()) {
                throw new IllegalStateException("OR-Tools rejected the model: " + error);
            }
            MPSolverParameters params = new MPSolverParameters();
            // prove the optimum: no relative gap allowed
            params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
            MPSolver.ResultStatus status = solver.solve(params);
            params.delete();
            if (status == MPSolver.ResultStatus.INFEASIBLE) {
                return new Solution(Status.INFEASIBLE, null, Double.NaN);
            }
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                return new Solution(Status.FAILED, null, Double.NaN);
            }
            MPVariable[] vars = solver.variables();
            double[] x = new double[vars.length];
            for (int c = 0; c < vars.length; c++) {
                x[c] = vars[c].solutionValue();
            }
            return new Solution(Status.OPTIMAL, x, solver.objective().value());
        } finally {
            solver.delete();
        }
    }
}
