package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import io.flexledger.clearing.core.Evaluation;
import io.flexledger.clearing.core.ExactClearing;
import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.core.LagrangianStart;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
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

    /** Subgradient steps, at most, that raise the bound during the search (no answers built). */
    private static final int BOUND_ITERATIONS = 2000;

    /**
     * Proven gap (percent) at which an answer counts as optimal: without a target gap, the clearing stops
     * there all the same (the start of a small or easy order book can be proven optimal by the bound).
     */
    static final double PROVEN_PCT = 0.001;

    /** Shares of a time limit by whose end the greedy start and the priced start stop. */
    private static final double GREEDY_SHARE = 0.2;

    private static final double PRICE_SHARE = 0.4;

    /**
     * Order books up to this many offers are first cleared by branch and bound ({@link ExactClearing}),
     * within {@link #EXACT_NODES} nodes and, under a time limit, {@link #EXACT_NANOS}: enough for the
     * benchmark's 62-, 155- and 323-offer books (25, 86 and 145 nodes from the greedy start), not for its
     * 399-offer one (tens of thousands), where it gives up after 400 nodes (0.2 s on a quiet machine) or at
     * most 1 s (or the priced start's 40 %) with a bound. In a fresh process at load 16 the 323-offer book's
     * 145 nodes took 0.38-0.59 s, hence a node limit rather than a short time (docs/benchmarks-clearing.md).
     */
    static final int EXACT_MAX_OFFERS = 400;

    static final long EXACT_NODES = 400;

    private static final long EXACT_NANOS = 1_000_000_000L;

    /** Share of a time limit by whose end the searches stop; the rest is the polish's. */
    private static final double SEARCH_SHARE = 0.95;

    /** Order books up to this many offers get two searches side by side. */
    private static final int PORTFOLIO_MAX_OFFERS = 5000;

    /**
     * Late acceptance lengths of the two searches side by side: short lists converge within a second where
     * the single search's 400 wanders (decision 0002).
     */
    private static final int[] PORTFOLIO_LATE_ACCEPTANCE = {10, 30};

    /** Late acceptance length of a single search (large order books). */
    private static final int LATE_ACCEPTANCE = SolverModel.LATE_ACCEPTANCE;

    /** The first search's random seed; the second's is the next. */
    private static final long SEED = 17L;

    /** Runs the second search of small order books. */
    private static final Executor SEARCH_THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "clearing-search");
        t.setDaemon(true);
        return t;
    });

    private final SearchLimit limit;
    private final Consumer<String> progress;

    public Clearer(SearchLimit limit, Consumer<String> progress) {
        this.limit = limit;
        this.progress = progress;
    }

    /**
     * Solves the problem and returns its result, timed from the call, with the priced start's lower
     * bound. With a target gap, the priced start and the search stop as soon as the proven gap of the best
     * answer is at most the target.
     */
    public ClearingResult clear(ClearingProblem problem) {
        return solve(problem).result();
    }

    /**
     * A cold clearing with what a warm re-clearing starts from.
     *
     * @param result the answer, as {@link #clear} returns it
     * @param fractions the accepted fractions, per offer in input order
     * @param lambda the prices (per request in input order) of the best bound, or null
     */
    record Cleared(ClearingResult result, double[] fractions, double[] lambda) {}

    /** As {@link #clear}, also returning the fractions and the prices of the bound. */
    Cleared solve(ClearingProblem problem) {
        long started = System.nanoTime();
        IndexedProblem p = IndexedProblem.of(problem);
        // Timefold's classes load and its solvers are built on another thread while the starts run (in
        // a fresh process that set-up takes about as long as the starts of a small order book)
        int searches =
                p.offerCount() <= PORTFOLIO_MAX_OFFERS && Runtime.getRuntime().availableProcessors() >= 2 ? 2 : 1;
        CompletableFuture<List<SolverFactory<ClearingSolution>>> factories = p.offerCount() == 0
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> factories(searches), SEARCH_THREADS);
        FractionPolisher polisher = new FractionPolisher(p);
        // with a wall-clock bound, the greedy start and its polish stop at a fifth of it with what they have
        // (feasible at every point), the priced start at 40 %; with steps, they run to their end
        long greedyDeadline = deadline(started, GREEDY_SHARE);
        double[] start = polisher.polish(polisher.greedy(greedyDeadline), greedyDeadline);
        double startCost = cost(problem, start);
        progress.accept(String.format("clear: greedy start %.6f EUR, %d ms", startCost, millisSince(started)));
        long t0 = System.nanoTime();
        LagrangianStart priced = new LagrangianStart(p, new BitSet());
        long deadline = deadline(started, PRICE_SHARE);
        // without a target gap, an answer proven optimal (within PROVEN_PCT) ends the clearing all the same
        double targetGap = limit.hasTargetGap() ? limit.targetGapPct() : PROVEN_PCT;
        start = priced.run(start, PRICE_ITERATIONS, PRICE_PRIMAL_EVERY, deadline, targetGap);
        startCost = cost(problem, start);
        double bound = priced.lowerBound();
        progress.accept(String.format(
                "clear: priced start %.6f EUR, bound %.6f, gap %.4f %%, %d ms",
                startCost, bound, LagrangianStart.gapPct(startCost, bound), (System.nanoTime() - t0) / 1_000_000));
        boolean reached = LagrangianStart.gapPct(startCost, bound) <= targetGap;
        double exactBound = Double.NEGATIVE_INFINITY;
        if (!reached && p.offerCount() > 0 && p.offerCount() <= EXACT_MAX_OFFERS) {
            // small order books: branch and bound on the components, within a node budget (and a time
            // budget under a time limit); proven, it is the answer and no search starts
            long t1 = System.nanoTime();
            long exactDeadline =
                    limit.seconds() > 0 ? Math.min(deadline(started, PRICE_SHARE), t1 + EXACT_NANOS) : Long.MAX_VALUE;
            ExactClearing.Outcome exact = new ExactClearing(p).solve(start, EXACT_NODES, exactDeadline);
            progress.accept(String.format(
                    "clear: branch and bound %s %.6f EUR, %d nodes, %d ms",
                    exact.proven() ? "proved" : "did not finish, best",
                    exact.costEur(),
                    exact.nodes(),
                    millisSince(t1)));
            // an unfinished search's best answer is not the searches' start: in a fresh process, started
            // from it they ended 0.316 % above the optimum of the 323-offer book twice, from the priced
            // start 0.029 % and 0 % (docs/benchmarks-clearing.md)
            if (exact.proven()
                    && Evaluation.violation(problem, exact.fractions()) == null
                    && exact.costEur() <= startCost) {
                start = exact.fractions();
                startCost = cost(problem, start);
            }
            // finished or not, its bound holds for every clearing of the book
            exactBound = exact.lowerBound();
            bound = Math.max(bound, exactBound);
            reached = LagrangianStart.gapPct(startCost, bound) <= targetGap;
            progress.accept(String.format(
                    "clear: start after branch and bound %.6f EUR, bound %.6f, gap %.4f %%",
                    startCost, bound, LagrangianStart.gapPct(startCost, bound)));
        }
        double[] best = start;
        if (reached && p.offerCount() > 0) {
            progress.accept(
                    String.format("clear: the start is proven within %.4f %% of the optimum, no search", targetGap));
        }
        if (p.offerCount() > 0 && !reached) {
            // small order books: two searches side by side from the same start, other random seeds (each
            // gets stuck elsewhere; the better answer is kept); both reproducible under a step limit
            List<SolverFactory<ClearingSolution>> built = factories.join();
            List<ClearingSolution> initial = new ArrayList<>();
            for (int i = 0; i < searches; i++) {
                ClearingSolution own = SolverModel.solution(p, start);
                own.setOfferValues(priced.offerValues());
                initial.add(own);
            }
            // the search's time counts from here, after everything built before it (at ~22,000 offers the
            // solutions take a second on a busy machine); under the default rule a small order book's
            // searches stop 3.5 ms per offer (at least 1 s) after the start, the starts and branch and bound
            // included, once each has evaluated SearchLimit.CAP_MOVES moves
            SearchLimit sized = limit.sizedFor(p.offerCount());
            SearchLimit searchLimit = sized.after((System.nanoTime() - started) / 1e9);
            TerminationConfig termination = searchLimit.toConfig();
            if (Double.isFinite(bound)) {
                termination.setBestScoreLimit(targetScore(bound, targetGap));
            }
            List<Solver<ClearingSolution>> solvers = new ArrayList<>();
            for (SolverFactory<ClearingSolution> factory : built) {
                solvers.add(factory.buildSolver(
                        new SolverConfigOverride<ClearingSolution>().withTerminationConfig(termination)));
            }
            long searchStarted = System.nanoTime();
            progress.accept(String.format(
                    "clear: %d search(es) set up, %d ms (Timefold's set-up ran beside the starts)%s",
                    searches,
                    millisSince(started),
                    sized.capSeconds() > 0
                            ? String.format(
                                    java.util.Locale.ROOT,
                                    "; the searches stop %.3f s after the start once each has evaluated %d moves",
                                    sized.capSeconds(),
                                    SearchLimit.CAP_MOVES)
                            : ""));
            long[] lastBest = new long[searches];
            for (int i = 0; i < searches; i++) {
                int k = i;
                lastBest[k] = searchStarted;
                solvers.get(i).addEventListener(event -> lastBest[k] = System.nanoTime());
            }
            Runnable stopAll = () -> solvers.forEach(Solver::terminateEarly);
            if (limit.seconds() > 0) {
                // Timefold checks its limits between steps, from its own start: the searches are also told
                // to stop at the solve's own deadline (all but the polish's share of the time), however
                // long their set-up took
                long left = started + (long) (limit.seconds() * SEARCH_SHARE * 1e9) - System.nanoTime();
                CompletableFuture.runAsync(
                        stopAll, CompletableFuture.delayedExecutor(Math.max(0, left), TimeUnit.NANOSECONDS));
            }
            // while Timefold searches, the bound keeps rising on the other core; with a step limit it
            // takes its full count (reproducible), with a time limit it stops with the search. With a time
            // limit, the search also stops once its best answer meets the target gap (without one: is
            // proven optimal) against the risen bound (checked at each new best answer and at each raise
            // of the bound).
            AtomicBoolean searchDone = new AtomicBoolean();
            double fixedBound = exactBound;
            AtomicLong bestNano = new AtomicLong(Long.MAX_VALUE);
            boolean live = limit.seconds() > 0;
            if (live) {
                for (Solver<ClearingSolution> solver : solvers) {
                    solver.addEventListener(event -> {
                        HardSoftLongScore score = event.getNewBestSolution().getScore();
                        if (score.hardScore() == 0) {
                            bestNano.accumulateAndGet(-score.softScore(), Math::min);
                            if (meets(-score.softScore(), Math.max(priced.lowerBound(), fixedBound), targetGap)) {
                                stopAll.run();
                            }
                        }
                    });
                }
            }
            BooleanSupplier stop = () -> {
                if (limit.seconds() <= 0) {
                    return false;
                }
                if (searchDone.get()) {
                    return true;
                }
                if (live && meets(bestNano.get(), Math.max(priced.lowerBound(), fixedBound), targetGap)) {
                    stopAll.run();
                    return true;
                }
                return false;
            };
            double target = startCost;
            Thread raise = new Thread(
                    () -> priced.improveBound(BOUND_ITERATIONS, Long.MAX_VALUE, target, stop), "clearing-bound");
            raise.setDaemon(true);
            raise.start();
            List<ClearingSolution> solved = new ArrayList<>();
            try {
                List<CompletableFuture<ClearingSolution>> others = new ArrayList<>();
                for (int i = 1; i < searches; i++) {
                    Solver<ClearingSolution> solver = solvers.get(i);
                    ClearingSolution own = initial.get(i);
                    others.add(CompletableFuture.supplyAsync(() -> solver.solve(own), SEARCH_THREADS));
                }
                solved.add(solvers.get(0).solve(initial.get(0)));
                for (CompletableFuture<ClearingSolution> other : others) {
                    solved.add(other.join());
                }
            } finally {
                searchDone.set(true);
            }
            try {
                raise.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bound = Math.max(priced.lowerBound(), exactBound);
            for (int i = 0; i < searches; i++) {
                progress.accept(String.format(
                        "clear: search %d last improved at %d ms, ended at %d ms",
                        i + 1, millisSince(started) - millisSince(lastBest[i]), millisSince(started)));
            }
            double bestCost = startCost;
            // the polish stops at the time limit with what it has (never dearer than the search's answer)
            long polishDeadline = deadline(started, 1.0);
            for (ClearingSolution one : solved) {
                double[] searched = SolverModel.fractions(p, one);
                if (Evaluation.violation(problem, searched) == null) {
                    double[] polished = polisher.polish(searched, polishDeadline);
                    double searchedCost = cost(problem, polished);
                    progress.accept(String.format("clear: search %s, polished %.6f EUR", one.getScore(), searchedCost));
                    if (Evaluation.violation(problem, polished) == null && searchedCost < bestCost) {
                        best = polished;
                        bestCost = searchedCost;
                    }
                }
            }
        }
        ClearingResult answer = withBound(result(problem, best, started), bound);
        if (limit.hasTargetGap()) {
            double gap = answer.provenGapPct().orElse(Double.POSITIVE_INFINITY);
            progress.accept(String.format(
                    "clear: proven gap %.4f %%, target %.4f %% %s",
                    gap, limit.targetGapPct(), gap <= limit.targetGapPct() ? "reached" : "not reached"));
        }
        return new Cleared(answer, best, priced.bestLambda());
    }

    // The solver factories of the searches, built from the configuration without its termination (each
    // solve sets its own): loads Timefold's classes and checks the model once.
    private static List<SolverFactory<ClearingSolution>> factories(int searches) {
        List<SolverFactory<ClearingSolution>> out = new ArrayList<>();
        for (int i = 0; i < searches; i++) {
            SolverConfig config = SolverModel.config(
                            new SearchLimit(0, 0, 0),
                            false,
                            searches == 2 ? PORTFOLIO_LATE_ACCEPTANCE[i] : LATE_ACCEPTANCE)
                    .withRandomSeed(SEED + i);
            out.add(SolverFactory.create(config));
        }
        return out;
    }

    // the solve's deadline at a share of its time limit, or none (Long.MAX_VALUE) without one
    private long deadline(long started, double share) {
        return limit.seconds() > 0 ? started + (long) (limit.seconds() * share * 1e9) : Long.MAX_VALUE;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * The result with a lower bound: a finite bound is kept, capped at the cost (a valid bound is never
     * above the cost of a feasible answer; the cap only absorbs rounding when both are the optimum).
     */
    static ClearingResult withBound(ClearingResult r, double bound) {
        if (!Double.isFinite(bound) || !Double.isFinite(r.costEur())) {
            return r;
        }
        return new ClearingResult(
                r.id(),
                r.costEur(),
                r.accepted(),
                r.unservedKw(),
                r.solveMillis(),
                OptionalDouble.of(Math.min(bound, r.costEur())));
    }

    // Whether a search answer of this cost (the score's nano-EUR, plus a micro-EUR for its rounding)
    // meets the target gap against the bound.
    private static boolean meets(long costNano, double bound, double targetGapPct) {
        return costNano != Long.MAX_VALUE && LagrangianStart.gapPct(costNano / 1e9 + 1e-6, bound) <= targetGapPct;
    }

    /**
     * The best score at which the search may stop: a cost (in the score's nano-EUR, less a micro-EUR of
     * margin for the score's rounding) whose gap against the bound is the target.
     */
    static String targetScore(double bound, double targetGapPct) {
        double costEur = bound + targetGapPct / 100.0 * Math.max(Math.abs(bound), 1.0);
        long nano = (long) Math.floor(costEur * 1e9) - 1_000L;
        return HardSoftLongScore.of(0, -nano).toString();
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
