package io.flexledger.agents.cems.solver;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.linearsolver.MPVariableProto;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An exact branch and bound over the 0/1 columns of a {@link LinearModel}, with the LP relaxation
 * solved by OR-Tools' GLOP: primal simplex at the root, then dual simplex warm-started from the
 * previous basis after each change of bounds (GLOP's presolve is off so that the basis survives).
 *
 * <p>Branching splits a declared choice group (exactly one column is 1, e.g. the start slots of an
 * appliance) in two halves of its fractional mass (SOS1 branching), choosing the group with the
 * largest {@code (1 - max value) * weight} (weight: the appliance's energy). When every binary is in a
 * group (the home-day model) the search is best first; otherwise depth first, with single columns
 * outside groups branched up then down. A node whose relaxation is integral gives an incumbent; a
 * node whose bound cannot beat the incumbent by more than {@link #PRUNE_TOLERANCE} is pruned.
 * Reduced-cost fixing: a column at 0 in the root relaxation whose reduced cost {@code d} gives
 * {@code rootBound + d >= incumbent} cannot be 1 in a better solution and is closed for good (in the
 * depth-first search also the same test with a node's bound, for its subtree). Every step only
 * removes solutions that cannot beat the incumbent, so the search is complete and its final incumbent
 * is the optimum (within the LP tolerances). Thread-safe: every call owns its native solver.
 */
public final class GlopBranchAndBound implements MilpBackend {

    /** A node is pruned when its bound is within this (relative, at least 1e-9 absolute) of the incumbent. */
    static final double PRUNE_TOLERANCE = 1e-9;
    /** A binary closer than this to 0 or 1 counts as integral. */
    static final double INTEGRALITY = 1e-7;
    /** Reduced-cost fixing keeps this (relative, at least absolute) margin against LP tolerances. */
    static final double FIXING_MARGIN = 1e-7;

    /** GLOP at the root: primal simplex, no presolve (so that the basis survives for the nodes). */
    static final String ROOT_PARAMETERS = "use_preprocessing: false";
    /** GLOP at the nodes: dual simplex from the parent's basis. */
    static final String NODE_PARAMETERS = "use_preprocessing: false use_dual_simplex: true";

    /** Relaxations solved by all instances so far (read by the benchmark). */
    public static final AtomicLong RELAXATIONS = new AtomicLong();

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
            // keep the basis between node solves: presolve would rebuild the problem each time
            solver.setSolverSpecificParametersAsString(ROOT_PARAMETERS);
            Search search = new Search(solver, params, solver.variables(), binary, m);
            if (search.allGrouped()) {
                search.bestFirst();
            } else {
                search.branch(true);
            }
            RELAXATIONS.addAndGet(search.relaxations);
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
        /** open[c]: column c has its model bounds (not closed or fixed by a branch, nor by reduced-cost fixing). */
        private final boolean[] open;
        /** Root bound plus reduced cost of each binary at 0 in the root relaxation (NaN otherwise). */
        private final double[] rootLift;

        double[] best;
        double bestObjective = Double.POSITIVE_INFINITY;
        boolean failed;
        long relaxations;

        Search(MPSolver solver, MPSolverParameters params, MPVariable[] vars, int[] binary, LinearModel model) {
            this.solver = solver;
            this.params = params;
            this.vars = vars;
            this.binary = binary;
            this.model = model;
            this.open = new boolean[vars.length];
            Arrays.fill(open, true);
            this.rootLift = new double[vars.length];
            Arrays.fill(rootLift, Double.NaN);
        }

        private boolean cannotImprove(double bound) {
            return bound >= bestObjective - Math.max(1e-9, PRUNE_TOLERANCE * Math.abs(bestObjective));
        }

        void branch(boolean root) {
            if (failed) {
                return;
            }
            relaxations++;
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
            if (cannotImprove(bound)) {
                return;
            }
            // read the relaxation before any bound changes (they invalidate it)
            double[] x = new double[vars.length];
            for (int c : binary) {
                x[c] = vars[c].solutionValue();
            }
            if (root) {
                // below the root only bounds change: the dual simplex re-optimises from the last basis
                solver.setSolverSpecificParametersAsString(NODE_PARAMETERS);
                for (int c : binary) {
                    if (x[c] <= INTEGRALITY) {
                        rootLift[c] = bound + vars[c].reducedCost();
                    }
                }
            }
            int[] group = pickGroup(x);
            int pick = group != null ? -1 : pickColumn(x);
            if (group == null && pick < 0) {
                incumbent(bound);
                return;
            }
            int[] fixed = fixLocally(bound, x);
            if (group != null) {
                splitGroup(group, x);
            } else {
                MPVariable v = vars[pick];
                // the column is not at its model bounds while its branches run (fixing must not touch it)
                open[pick] = false;
                // up branch first, then down
                v.setBounds(1, model.upper(pick));
                branch(false);
                v.setBounds(model.lower(pick), 0);
                branch(false);
                if (fixedForGood(pick)) {
                    v.setBounds(0, 0);
                } else {
                    open[pick] = true;
                    v.setBounds(model.lower(pick), model.upper(pick));
                }
            }
            for (int c : fixed) {
                if (!fixedForGood(c)) {
                    open[c] = true;
                    vars[c].setBounds(model.lower(c), model.upper(c));
                }
            }
        }

        /** The fractional choice group with the largest (1 - max value) * weight, or null. */
        private int[] pickGroup(double[] x) {
            int[] group = null;
            double groupScore = 0;
            for (int k = 0; k < model.choiceGroups().size(); k++) {
                int[] g = model.choiceGroups().get(k);
                double max = 0;
                for (int c : g) {
                    max = Math.max(max, x[c]);
                }
                // the most undecided group, weighted by the energy it places
                double score = (1 - max) * model.choiceGroupWeight(k);
                if (max < 1 - INTEGRALITY && score > groupScore) {
                    group = g;
                    groupScore = score;
                }
            }
            return group;
        }

        /** The fractional binary with the largest value, or -1 when all are integral. */
        private int pickColumn(double[] x) {
            int pick = -1;
            double pickValue = -1;
            for (int c : binary) {
                if (x[c] > INTEGRALITY && x[c] < 1 - INTEGRALITY && x[c] > pickValue) {
                    pick = c;
                    pickValue = x[c];
                }
            }
            return pick;
        }

        /**
         * Local reduced-cost fixing: in this subtree, an open binary at 0 whose reduced cost lifts the
         * node's bound to the incumbent cannot be 1 in a better solution; it is closed until the search
         * backtracks. Returns the columns closed.
         */
        private int[] fixLocally(double bound, double[] x) {
            if (best == null) {
                return new int[0];
            }
            double limit = bestObjective + Math.max(FIXING_MARGIN, FIXING_MARGIN * Math.abs(bestObjective));
            int[] candidates = new int[binary.length];
            int k = 0;
            for (int c : binary) {
                if (open[c] && x[c] <= INTEGRALITY && bound + vars[c].reducedCost() >= limit) {
                    candidates[k++] = c;
                }
            }
            for (int i = 0; i < k; i++) {
                open[candidates[i]] = false;
                vars[candidates[i]].setBounds(0, 0);
            }
            return Arrays.copyOf(candidates, k);
        }

        /** An integral relaxation: record it and close every column that can no longer pay off. */
        private void incumbent(double objective) {
            double[] x = new double[vars.length];
            for (int c = 0; c < vars.length; c++) {
                x[c] = vars[c].solutionValue();
            }
            best = x;
            bestObjective = objective;
            double margin = Math.max(FIXING_MARGIN, FIXING_MARGIN * Math.abs(objective));
            for (int c : binary) {
                // reduced-cost fixing: x[c] = 1 costs at least rootLift[c], no better than the incumbent
                if (open[c] && !Double.isNaN(rootLift[c]) && rootLift[c] >= objective + margin) {
                    open[c] = false;
                    vars[c].setBounds(0, 0);
                }
            }
        }

        /**
         * SOS1 branching: split the group's columns where the relaxation's mass passes one half; one
         * child closes the columns before the split, the other those from it on. Both children exclude
         * the current relaxed solution, and every integral choice lies in one of them.
         */
        private void splitGroup(int[] group, double[] values) {
            double[] x = new double[group.length];
            int first = -1;
            int last = -1;
            for (int i = 0; i < group.length; i++) {
                x[i] = values[group[i]];
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
            boolean[] closed = new boolean[group.length];
            for (int side = 0; side < 2 && !failed; side++) {
                boolean keepLeft = (side == 0) == leftFirst;
                // the child keeps only one side of the split open
                for (int i = 0; i < group.length; i++) {
                    int c = group[i];
                    closed[i] = (i < split) != keepLeft && open[c];
                    if (closed[i]) {
                        open[c] = false;
                        vars[c].setBounds(0, 0);
                    }
                }
                branch(false);
                for (int i = 0; i < group.length; i++) {
                    int c = group[i];
                    // reopen what this split closed, unless reduced-cost fixing has closed it for good
                    if (closed[i] && !fixedForGood(c)) {
                        open[c] = true;
                        vars[c].setBounds(model.lower(c), model.upper(c));
                    }
                }
            }
        }

        /** A best-first node: the columns it closes, its bound and its relaxation's binary values. */
        private record Node(int[] closed, double bound, double[] x) {}

        private boolean[] closedNow;

        /** Makes exactly {@code closed} (plus the columns fixed for good) closed. */
        private void apply(int[] closed) {
            boolean[] want = new boolean[vars.length];
            for (int c : closed) {
                want[c] = true;
            }
            for (int c : binary) {
                boolean shut = want[c] || fixedForGood(c);
                if (shut != closedNow[c]) {
                    closedNow[c] = shut;
                    if (shut) {
                        vars[c].setBounds(0, 0);
                    } else {
                        vars[c].setBounds(model.lower(c), model.upper(c));
                    }
                }
            }
        }

        /** Solves a best-first node; null when infeasible, pruned, or integral (then the incumbent). */
        private Node evaluate(int[] closed, boolean root) {
            apply(closed);
            relaxations++;
            MPSolver.ResultStatus status = solver.solve(params);
            if (status == MPSolver.ResultStatus.INFEASIBLE) {
                return null;
            }
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                failed = true;
                return null;
            }
            double bound = solver.objective().value();
            if (cannotImprove(bound)) {
                return null;
            }
            double[] x = new double[vars.length];
            for (int c : binary) {
                x[c] = vars[c].solutionValue();
            }
            if (root) {
                solver.setSolverSpecificParametersAsString(NODE_PARAMETERS);
                for (int c : binary) {
                    if (x[c] <= INTEGRALITY) {
                        rootLift[c] = bound + vars[c].reducedCost();
                    }
                }
            }
            if (pickGroup(x) == null && pickColumn(x) < 0) {
                double[] all = new double[vars.length];
                for (int c = 0; c < vars.length; c++) {
                    all[c] = vars[c].solutionValue();
                }
                best = all;
                bestObjective = bound;
                return null;
            }
            return new Node(closed, bound, x);
        }

        /** Whether every binary belongs to a choice group (what the best-first search needs). */
        boolean allGrouped() {
            boolean[] grouped = new boolean[vars.length];
            for (int[] g : model.choiceGroups()) {
                for (int c : g) {
                    grouped[c] = true;
                }
            }
            for (int c : binary) {
                if (!grouped[c]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Best-first search: always expands the open node of least bound, so it solves no relaxation
         * whose bound is above the optimum except children of expanded nodes; stops when the least
         * bound cannot beat the incumbent.
         */
        void bestFirst() {
            closedNow = new boolean[vars.length];
            java.util.PriorityQueue<Node> queue =
                    new java.util.PriorityQueue<>(java.util.Comparator.comparingDouble(Node::bound));
            Node root = evaluate(new int[0], true);
            if (root != null) {
                queue.add(root);
            }
            while (!queue.isEmpty() && !failed) {
                Node node = queue.poll();
                if (cannotImprove(node.bound)) {
                    break;
                }
                int[] group = pickGroup(node.x);
                if (group == null) {
                    throw new IllegalStateException("best-first search needs every binary in a choice group");
                }
                int first = -1;
                int last = -1;
                for (int i = 0; i < group.length; i++) {
                    if (node.x[group[i]] > INTEGRALITY) {
                        if (first < 0) {
                            first = i;
                        }
                        last = i;
                    }
                }
                int split = first + 1;
                double cum = 0;
                for (int i = first; i < last; i++) {
                    cum += node.x[group[i]];
                    if (cum <= 0.5) {
                        split = i + 1;
                    }
                }
                for (int side = 0; side < 2; side++) {
                    int[] closed = Arrays.copyOf(node.closed, node.closed.length + group.length);
                    int k = node.closed.length;
                    for (int i = 0; i < group.length; i++) {
                        if ((i < split) == (side == 0)) {
                            closed[k++] = group[i];
                        }
                    }
                    Node child = evaluate(Arrays.copyOf(closed, k), false);
                    if (child != null) {
                        queue.add(child);
                    }
                }
            }
        }

        private boolean fixedForGood(int c) {
            return !Double.isNaN(rootLift[c])
                    && rootLift[c] >= bestObjective + Math.max(FIXING_MARGIN, FIXING_MARGIN * Math.abs(bestObjective));
        }
    }
}
