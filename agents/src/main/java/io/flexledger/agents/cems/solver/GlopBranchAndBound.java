package io.flexledger.agents.cems.solver;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.linearsolver.MPVariableProto;

/**
 * An exact branch and bound over the 0/1 columns of a {@link LinearModel}, with the LP relaxation
 * solved by OR-Tools' GLOP and re-solved incrementally (warm-started from the previous basis) after
 * each change of bounds. Depth first, rounding up the largest fractional binary first; a node is
 * pruned when its relaxation cannot beat the incumbent by more than {@link #PRUNE_TOLERANCE}. The
 * search is complete, so the incumbent at the end is the optimum (within the LP tolerances).
 * Thread-safe: every call owns its native solver.
 */
public final class GlopBranchAndBound implements MilpBackend {

    /** A node is pruned when its bound is within this (relative, at least absolute 1e-9) of the incumbent. */
    static final double PRUNE_TOLERANCE = 1e-9;
    /** A binary closer than this to 0 or 1 counts as integral. */
    static final double INTEGRALITY = 1e-7;

    static {
        Loader.loadNativeLibraries();
    }

    @Override
    public Solution solve(LinearModel m) {
        MPModelProto.Builder proto = MPModelProto.newBuilder();
        int binaries = 0;
        for (int c = 0; c < m.columns(); c++) {
            proto.addVariable(MPVariableProto.newBuilder()
                    .setLowerBound(m.lower(c))
                    .setUpperBound(m.upper(c))
                    .setObjectiveCoefficient(m.objective(c)));
            if (m.integer(c)) {
                binaries++;
            }
        }
        int[] binary = new int[binaries];
        for (int c = 0, b = 0; c < m.columns(); c++) {
            if (m.integer(c)) {
                binary[b++] = c;
            }
        }
        for (int r = 0; r < m.rows(); r++) {
            MPConstraintProto.Builder row =
                    MPConstraintProto.newBuilder().setLowerBound(m.rowLower(r)).setUpperBound(m.rowUpper(r));
            for (int p = m.rowBegin(r); p < m.rowEnd(r); p++) {
                row.addVarIndex(m.termColumn(p)).addCoefficient(m.termCoefficient(p));
            }
            proto.addConstraint(row);
        }
        MPSolver solver = MPSolver.createSolver("GLOP");
        MPSolverParameters params = new MPSolverParameters();
        try {
            String error = solver.loadModelFromProto(proto.build());
            if (!error.isEmpty()) {
                throw new IllegalStateException("OR-Tools rejected the model: " + error);
            }
            Search search = new Search(solver, params, solver.variables(), binary, m);
            search.branch(0);
            if (search.failed) {
                return new Solution(Status.FAILED, null, Double.NaN);
            }
            if (search.best == null) {
                return new Solution(Status.INFEASIBLE, null, Double.NaN);
            }
            return new Solution(Status.OPTIMAL, search.best, search.bestObjective);
        } finally {
            params.delete();
            solver.delete();
        }
    }

    /** The depth-first search state of one solve. */
    private static final class Search {
        private final MPSolver solver;
        private final MPSolverParameters params;
        private final MPVariable[] vars;
        private final int[] binary;
        private final LinearModel model;
        double[] best;
        double bestObjective = Double.POSITIVE_INFINITY;
        boolean failed;
        int nodes;
        /** open[c]: column c still has its model bounds (not fixed to 0 by a group split). */
        private final boolean[] open;

        Search(MPSolver solver, MPSolverParameters params, MPVariable[] vars, int[] binary, LinearModel model) {
            this.solver = solver;
            this.params = params;
            this.vars = vars;
            this.binary = binary;
            this.model = model;
            this.open = new boolean[vars.length];
            java.util.Arrays.fill(open, true);
        }

        void branch(int depth) {
            if (failed) {
                return;
            }
            nodes++;
            MPSolver.ResultStatus status = solver.solve(params);
            if (status == MPSolver.ResultStatus.INFEASIBLE) {
                return;
            }
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                failed = true;
                return;
            }
            double bound = solver.objective().value();
            // prune: this subtree cannot beat the incumbent
            if (bound >= bestObjective - Math.max(1e-9, PRUNE_TOLERANCE * Math.abs(bestObjective))) {
                return;
            }
            // branch on the choice group whose start is most undecided
            int[] group = null;
            double groupMax = 1;
            for (int[] g : model.choiceGroups()) {
                double max = 0;
                for (int c : g) {
                    max = Math.max(max, vars[c].solutionValue());
                }
                if (max < 1 - INTEGRALITY && max < groupMax) {
                    group = g;
                    groupMax = max;
                }
            }
            if (group != null) {
                splitGroup(group, depth);
                return;
            }
            int pick = -1;
            double pickValue = -1;
            for (int c : binary) {
                double v = vars[c].solutionValue();
                if (v > INTEGRALITY && v < 1 - INTEGRALITY && v > pickValue) {
                    pick = c;
                    pickValue = v;
                }
            }
            if (pick < 0) {
                // integral relaxation: a new incumbent
                double[] x = new double[vars.length];
                for (int c = 0; c < vars.length; c++) {
                    x[c] = vars[c].solutionValue();
                }
                best = x;
                bestObjective = bound;
                return;
            }
            MPVariable v = vars[pick];
            double lb = model.lower(pick);
            double ub = model.upper(pick);
            // up branch first
            v.setBounds(1, ub);
            branch(depth + 1);
            // down branch
            v.setBounds(lb, 0);
            branch(depth + 1);
            v.setBounds(lb, ub);
        }

        /**
         * SOS1 branching: split the group's columns at the point where the relaxation's mass passes one
         * half; one child forbids the columns before the split, the other those from it on. Both
         * children exclude the current relaxed solution, and every integral choice lies in one of them.
         */
        private void splitGroup(int[] group, int depth) {
            double[] x = new double[group.length];
            int first = -1;
            int last = -1;
            for (int i = 0; i < group.length; i++) {
                x[i] = vars[group[i]].solutionValue();
                if (x[i] > INTEGRALITY) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            // split after the last positive column whose cumulative mass stays within one half
            int split = first + 1;
            double cum = 0;
            for (int i = first; i < last; i++) {
                cum += x[i];
                if (cum <= 0.5) {
                    split = i + 1;
                }
            }
            double left = 0;
            for (int i = 0; i < split; i++) {
                left += x[i];
            }
            boolean leftFirst = left >= 0.5;
            for (int side = 0; side < 2; side++) {
                boolean keepLeft = (side == 0) == leftFirst;
                // the child keeps only one side of the split open
                boolean[] closed = new boolean[group.length];
                for (int i = 0; i < group.length; i++) {
                    if ((i < split) != keepLeft && open[group[i]]) {
                        open[group[i]] = false;
                        closed[i] = true;
                        vars[group[i]].setBounds(0, 0);
                    } else {
                        closed[i] = false;
                    }
                }
                branch(depth + 1);
                for (int i = 0; i < group.length; i++) {
                    if (closed[i]) {
                        open[group[i]] = true;
                        vars[group[i]].setBounds(model.lower(group[i]), model.upper(group[i]));
                    }
                }
            }
        }
    }
}
