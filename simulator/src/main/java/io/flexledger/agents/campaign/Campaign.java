package io.flexledger.agents.campaign;

import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Runs many scenario-days in parallel: each worker thread takes whole days (generation, 184 CEMS
 * optimisations, power flows and markets) and owns its DSO agent; the CEMS optimiser is thread-safe
 * (each solve builds its own model). Days keep their KPIs, transformer profiles and solve times only.
 * Days are started busiest scenario first (for load balance) and returned in scenario, day order.
 */
public final class Campaign {

    private Campaign() {}

    /**
     * The campaign's days, in scenario then day order, and its wall time.
     *
     * @param days the outcome of each scenario-day (without their markets)
     * @param wallSeconds wall time of the whole run
     * @param threads worker threads used
     */
    public record Result(List<DayRun.DayOutcome> days, double wallSeconds, int threads) {}

    /**
     * Runs every (scenario, day) pair.
     *
     * @param progress called after each day with (days done, days total)
     */
    public static Result run(
            ScenarioGenerator generator,
            List<Scenario> scenarios,
            List<TypicalDay> days,
            int threads,
            Consumer<int[]> progress) {
        return run(generator, scenarios, days, threads, true, progress);
    }

    /**
     * Runs every (scenario, day) pair, with or without the aggregators' community markets.
     *
     * @param community false: the aggregators forward their homes' offers without a community market
     * @param progress called after each day with (days done, days total)
     */
    public static Result run(
            ScenarioGenerator generator,
            List<Scenario> scenarios,
            List<TypicalDay> days,
            int threads,
            boolean community,
            Consumer<int[]> progress) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons());
        List<Future<DayRun.DayOutcome>> futures = new ArrayList<>();
        int total = scenarios.size() * days.size();
        int[] done = {0};
        try {
            // the busiest scenarios (most congestion, most offers) first, so no worker idles at the end
            List<Scenario> busiestFirst = new ArrayList<>(scenarios);
            busiestFirst.sort(
                    java.util.Comparator.comparingInt(Scenario::number).reversed());
            for (Scenario s : busiestFirst) {
                for (TypicalDay d : days) {
                    futures.add(pool.submit(() -> {
                        List<GeneratedHome> homes = generator.generate(s, d);
                        DayRun.DayOutcome o =
                                DayRun.standard(generator.network(), community).run(s, d, homes, null);
                        synchronized (done) {
                            done[0]++;
                            progress.accept(new int[] {done[0], total});
                        }
                        // keep what the report needs, drop the agents and markets
                        return new DayRun.DayOutcome(
                                o.kpis(),
                                o.kvaUncontrolled(),
                                o.kvaBefore(),
                                o.kvaAfter(),
                                o.solveMs(),
                                List.of(),
                                o.community(),
                                List.of());
                    }));
                }
            }
            List<DayRun.DayOutcome> out = new ArrayList<>(futures.size());
            for (Future<DayRun.DayOutcome> f : futures) {
                out.add(f.get());
            }
            // report order: scenario, then day
            out.sort(java.util.Comparator.comparingInt(
                            (DayRun.DayOutcome o) -> o.kpis().scenario())
                    .thenComparingInt(o -> o.kpis().day()));
            return new Result(out, (System.nanoTime() - start) / 1e9, threads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Daemon worker threads, so that a failed run never keeps the JVM alive. */
    public static ThreadFactory daemons() {
        return r -> {
            Thread t = new Thread(r, "campaign-worker");
            t.setDaemon(true);
            return t;
        };
    }
}
