package io.flexledger.clearing.bench;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.impl.phase.event.PhaseLifecycleListenerAdapter;
import ai.timefold.solver.core.impl.phase.scope.AbstractPhaseScope;
import ai.timefold.solver.core.impl.phase.scope.AbstractStepScope;
import ai.timefold.solver.core.impl.solver.DefaultSolver;
import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.solver.ClearingSolution;
import io.flexledger.clearing.solver.SearchLimit;
import io.flexledger.clearing.solver.SolverModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a time-limited search's time goes, step by step: one search (the single search of large order
 * books) from the greedy start, polished, under {@code SearchLimit.seconds(S)}; prints the time from the
 * solve call to the phase's start, the step count, the longest steps (start and length), the longest gap
 * between two steps, and the time from the last step's end to the solve's return.
 *
 * <p>Arguments: {@code FILE SECONDS [STOP_MS]}: with {@code STOP_MS}, {@code terminateEarly} is called that
 * many milliseconds after the solve call.
 */
public final class StepProbe {

    private StepProbe() {}

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("io.micrometer").setLevel(java.util.logging.Level.SEVERE);
        ClearingProblem problem = new ProblemParser().parse(Files.readString(Path.of(args[0])));
        double seconds = Double.parseDouble(args[1]);
        IndexedProblem p = IndexedProblem.of(problem);
        FractionPolisher polisher = new FractionPolisher(p);
        long t0 = System.nanoTime();
        double[] start = polisher.polish(polisher.greedy());
        System.out.printf("greedy start, polished: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        t0 = System.nanoTime();
        ClearingSolution initial = SolverModel.solution(p, start);
        System.out.printf("solution built: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        Solver<ClearingSolution> solver = SolverFactory.<ClearingSolution>create(
                        SolverModel.config(SearchLimit.seconds(seconds), false))
                .buildSolver();
        List<long[]> steps = new ArrayList<>();
        long[] phase = new long[2];
        long[] open = new long[1];
        ((DefaultSolver<ClearingSolution>) solver).addPhaseLifecycleListener(new PhaseLifecycleListenerAdapter<>() {
            @Override
            public void phaseStarted(AbstractPhaseScope<ClearingSolution> scope) {
                phase[0] = System.nanoTime();
            }

            @Override
            public void stepStarted(AbstractStepScope<ClearingSolution> scope) {
                open[0] = System.nanoTime();
            }

            @Override
            public void stepEnded(AbstractStepScope<ClearingSolution> scope) {
                steps.add(new long[] {open[0], System.nanoTime()});
            }

            @Override
            public void phaseEnded(AbstractPhaseScope<ClearingSolution> scope) {
                phase[1] = System.nanoTime();
            }
        });
        if (args.length > 2) {
            // told to stop early after this many milliseconds from the solve call
            java.util.concurrent.CompletableFuture.runAsync(
                    solver::terminateEarly,
                    java.util.concurrent.CompletableFuture.delayedExecutor(
                            Long.parseLong(args[2]), java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        long called = System.nanoTime();
        solver.solve(initial);
        long returned = System.nanoTime();
        System.out.printf(
                "solve: %d ms; phase started after %d ms, ended at %d ms; %d steps%n",
                (returned - called) / 1_000_000,
                (phase[0] - called) / 1_000_000,
                (phase[1] - called) / 1_000_000,
                steps.size());
        steps.stream()
                .sorted((a, b) -> Long.compare(b[1] - b[0], a[1] - a[0]))
                .limit(5)
                .forEach(s -> System.out.printf(
                        "  step at %d ms: %d ms%n", (s[0] - called) / 1_000_000, (s[1] - s[0]) / 1_000_000));
        long gap = 0;
        long gapAt = 0;
        for (int i = 1; i < steps.size(); i++) {
            long g = steps.get(i)[0] - steps.get(i - 1)[1];
            if (g > gap) {
                gap = g;
                gapAt = steps.get(i - 1)[1];
            }
        }
        System.out.printf("longest gap between steps: %d ms at %d ms%n", gap / 1_000_000, (gapAt - called) / 1_000_000);
        if (!steps.isEmpty()) {
            System.out.printf(
                    "last step ended at %d ms; solve returned %d ms later%n",
                    (steps.get(steps.size() - 1)[1] - called) / 1_000_000,
                    (returned - steps.get(steps.size() - 1)[1]) / 1_000_000);
        }
    }
}
