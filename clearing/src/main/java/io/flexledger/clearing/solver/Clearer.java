package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import io.flexledger.clearing.core.Evaluation;
import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.core.LagrangianStart;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Clears a market: a greedy start with exact fractions, improved by a price-guided start
 * ({@link LagrangianStart}), Timefold local search over offer levels from there, and an exact polish of
 * the fractions of the best solution found. The result is always
 * feasible: if a step ever produced a broken rule, the last feasible fractions are used.
 */
public final class Clearer {

    /** Subgradient steps of the priced start, and how often (in steps) it builds a candidate answer. */
    private static final int PRICE_ITERATIONS = 200;

    private static final int PRICE_PRIMAL_EVERY = 10;

    private final SearchLimit limit;
    private final Consumer<String> progress;

    public Clearer(SearchLimit limit, Consumer<String> progress) {
        this.limit = limit;
        this.progress = progress;
    }

    /** Solves the problem and returns its result, timed from the call. */
    public ClearingResult clear(ClearingProblem problem) {
        long started = System.nanoTime();
        IndexedProblem p = IndexedProblem.of(problem);
        FractionPolisher polisher = new FractionPolisher(p);
        double[] start = polisher.polish(polisher.greedy());
        double startCost = cost(problem, start);
        progress.accept(String.format("clear: greedy start %.6f EUR", startCost));
        long t0 = System.nanoTime();
        LagrangianStart priced = new LagrangianStart(p, new BitSet());
        // with a wall-clock bound, the priced start gets at most 40 % of it; with steps, a fixed count
        long deadline = limit.seconds() > 0 ? started + (long) (limit.seconds() * 0.4e9) : Long.MAX_VALUE;
        start = priced.run(start, PRICE_ITERATIONS, PRICE_PRIMAL_EVERY, deadline);
        startCost = cost(problem, start);
        progress.accept(String.format(
                "clear: priced start %.6f EUR, bound %.6f, %d ms",
                startCost, priced.lowerBound(), (System.nanoTime() - t0) / 1_000_000));
        double[] best = start;
        if (p.offerCount() > 0) {
            Solver<ClearingSolution> solver = SolverFactory.<ClearingSolution>create(
                            SolverModel.config(limit.after((System.nanoTime() - started) / 1e9), false))
                    .buildSolver();
            ClearingSolution initial = SolverModel.solution(p, start);
            initial.setOfferValues(priced.offerValues());
            ClearingSolution solved = solver.solve(initial);
            double[] searched = SolverModel.fractions(p, solved);
            if (Evaluation.violation(problem, searched) == null) {
                double[] polished = polisher.polish(searched);
                double searchedCost = cost(problem, polished);
                progress.accept(String.format("clear: search %s, polished %.6f EUR", solved.getScore(), searchedCost));
                if (Evaluation.violation(problem, polished) == null && searchedCost < startCost) {
                    best = polished;
                }
            }
        }
        return result(problem, best, started);
    }

    /** The result of given fractions: feasible ones as they are, otherwise all offers at 0. */
    public static ClearingResult result(ClearingProblem problem, double[] fractions, long startedNanos) {
        double[] f = Evaluation.violation(problem, fractions) == null ? fractions : new double[fractions.length];
        double[] unserved = Evaluation.unservedKw(problem, f);
        double cost = Evaluation.costEur(problem, f, unserved);
        Map<String, Double> accepted = new LinkedHashMap<>();
        for (int o = 0; o < f.length; o++) {
            if (f[o] > 0.0) {
                accepted.put(problem.offers().get(o).id(), f[o]);
            }
        }
        Map<String, Double> unservedKw = new LinkedHashMap<>();
        for (int r = 0; r < unserved.length; r++) {
            unservedKw.put(problem.requests().get(r).id(), unserved[r]);
        }
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        return new ClearingResult(problem.id(), cost, accepted, unservedKw, millis);
    }

    static double cost(ClearingProblem problem, double[] f) {
        return Evaluation.costEur(problem, f, Evaluation.unservedKw(problem, f));
    }

    static BitSet none() {
        return new BitSet();
    }
}
