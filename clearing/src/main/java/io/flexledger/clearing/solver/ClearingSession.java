package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import io.flexledger.clearing.core.Evaluation;
import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import java.util.BitSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A market kept open until gate closure: a Timefold solver in daemon mode keeps the clearing warm, and
 * a revoked offer reaches it as a {@link RevokeOffer} problem change. Each answer is polished exactly and
 * is feasible. Not thread-safe: one caller at a time.
 */
public final class ClearingSession implements AutoCloseable {

    private final ClearingProblem problem;
    private final IndexedProblem indexed;
    private final BitSet revoked = new BitSet();
    private final Solver<ClearingSolution> solver;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "clearing-session");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private ClearingSolution latest;
    private boolean latestReflectsChanges = true;
    private double[] current;

    private ClearingSession(ClearingProblem problem, SearchLimit limit) {
        this.problem = problem;
        this.indexed = IndexedProblem.of(problem);
        FractionPolisher polisher = new FractionPolisher(indexed);
        this.current = polisher.polish(polisher.greedy());
        this.solver = SolverFactory.<ClearingSolution>create(SolverModel.config(limit, true))
                .buildSolver();
        solver.addEventListener(event -> {
            synchronized (lock) {
                latest = event.getNewBestSolution();
                latestReflectsChanges = event.isEveryProblemChangeProcessed();
                lock.notifyAll();
            }
        });
        ClearingSolution start = SolverModel.solution(indexed, current);
        thread.submit(() -> solver.solve(start));
    }

    /** Opens a session: starts the warm solver on the problem; each search burst ends by the limit. */
    public static ClearingSession open(ClearingProblem problem, SearchLimit limit) {
        return new ClearingSession(problem, limit);
    }

    /** The best clearing so far. */
    public ClearingResult current() {
        long started = System.nanoTime();
        return Clearer.result(problem, improve(snapshot()), started);
    }

    /** Revokes an offer and re-clears: the solver absorbs the change, the answer excludes the offer. */
    public ClearingResult revoke(String offerId) throws InterruptedException {
        long started = System.nanoTime();
        int index = -1;
        for (int o = 0; o < problem.offers().size(); o++) {
            if (problem.offers().get(o).id().equals(offerId)) {
                index = o;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("unknown offer " + offerId);
        }
        revoked.set(index);
        synchronized (lock) {
            latestReflectsChanges = false;
        }
        solver.addProblemChange(new RevokeOffer(index));
        ClearingSolution after;
        synchronized (lock) {
            while (!latestReflectsChanges) {
                lock.wait();
            }
            after = latest;
        }
        double[] fromSolver = after == null ? new double[indexed.offerCount()] : SolverModel.fractions(indexed, after);
        current[index] = 0.0;
        return Clearer.result(problem, improve(fromSolver), started);
    }

    private double[] snapshot() {
        synchronized (lock) {
            return latest == null ? new double[indexed.offerCount()] : SolverModel.fractions(indexed, latest);
        }
    }

    // Polishes both the solver's best and the previous answer (without revoked offers); keeps the cheaper.
    private double[] improve(double[] fromSolver) {
        FractionPolisher polisher = new FractionPolisher(indexed, revoked);
        double[] a = Evaluation.violation(problem, fromSolver) == null ? polisher.polish(fromSolver) : null;
        double[] b = polisher.polish(current);
        double[] best = a != null && Clearer.cost(problem, a) < Clearer.cost(problem, b) ? a : b;
        current = best;
        return best;
    }

    @Override
    public void close() {
        solver.terminateEarly();
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
