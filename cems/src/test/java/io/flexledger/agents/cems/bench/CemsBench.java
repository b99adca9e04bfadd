package io.flexledger.agents.cems.bench;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.HomeDayGenerator;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.cems.solver.GlopBranchAndBound;
import io.flexledger.agents.cems.solver.MilpBackend;
import io.flexledger.agents.cems.solver.OrToolsMilp;
import java.util.Arrays;
import java.util.Locale;

/**
 * Solve-time distribution of the CEMS optimiser over generated home-days (one thread).
 *
 * <p>{@code java -cp 'cems/target/test-classes:cems/target/classes:cems/target/lib/*'
 * io.flexledger.agents.cems.bench.CemsBench [COUNT] [BACKEND] [THREADS]} with BACKEND {@code default}
 * (the optimiser's own), {@code bnb}, {@code cbc} or {@code scip}. Per-day times are
 * wall times of {@code CemsOptimiser.solve} including the model build; the first 50 days warm up and
 * are not counted. With THREADS > 1 the days are shared among that many threads (throughput).
 */
public final class CemsBench {

    private CemsBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && java.nio.file.Files.isDirectory(java.nio.file.Path.of(args[0]))) {
            files(java.nio.file.Path.of(args[0]), args.length > 1 ? args[1] : "default");
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String name = args.length > 1 ? args[1] : "default";
        CemsOptimiser optimiser = name.equals("default") ? new CemsOptimiser() : new CemsOptimiser(backend(name));
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (threads > 1) {
            throughput(optimiser, count, threads, name);
            return;
        }
        int warm = 50;
        for (int i = 0; i < warm; i++) {
            optimiser.solve(HomeDayGenerator.generate(1_000_000 + i));
        }
        long nodes0 = GlopBranchAndBound.RELAXATIONS.get();
        double[] ms = new double[count];
        double billSum = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HomeDay day = HomeDayGenerator.generate(i);
            long s = System.nanoTime();
            billSum += optimiser.solve(day).bill();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long nodes = GlopBranchAndBound.RELAXATIONS.get() - nodes0;
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "backend=%s days=%d total=%.2fs cpu=%.2fs median=%.2fms p95=%.2fms max=%.2fms mean=%.2fms billSum=%.6f lpSolves=%d%n",
                name,
                count,
                total,
                cpu,
                ms[count / 2],
                ms[(int) Math.ceil(0.95 * count) - 1],
                ms[count - 1],
                Arrays.stream(ms).average().orElse(0),
                billSum,
                nodes);
    }

    /** Solves every home-day file of a directory (e.g. from {@code flex simulate --export}), one thread. */
    private static void files(java.nio.file.Path dir, String name) throws Exception {
        CemsOptimiser optimiser = name.equals("default") ? new CemsOptimiser() : new CemsOptimiser(backend(name));
        java.util.List<HomeDay> days = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : all.filter(f -> f.toString().endsWith(".json")
                            && !f.getFileName().toString().equals("index.json"))
                    .sorted()
                    .toList()) {
                days.add(io.flexledger.agents.cems.io.HomeDayJson.read(p));
            }
        }
        for (int i = 0; i < Math.min(50, days.size()); i++) {
            optimiser.solve(days.get(i));
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        double[] ms = new double[days.size()];
        double billSum = 0;
        for (int i = 0; i < days.size(); i++) {
            long s = System.nanoTime();
            billSum += optimiser.solve(days.get(i)).bill();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        Arrays.sort(ms);
        int n = ms.length;
        System.out.printf(
                Locale.ROOT,
                "backend=%s files=%d total=%.2fs cpu=%.2fs median=%.2fms p95=%.2fms max=%.2fms mean=%.2fms billSum=%.6f%n",
                name,
                n,
                total,
                cpu,
                ms[n / 2],
                ms[(int) Math.ceil(0.95 * n) - 1],
                ms[n - 1],
                Arrays.stream(ms).average().orElse(0),
                billSum);
    }

    private static void throughput(CemsOptimiser optimiser, int count, int threads, String name) throws Exception {
        for (int i = 0; i < 50; i++) {
            optimiser.solve(HomeDayGenerator.generate(1_000_000 + i));
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
        for (int w = 0; w < threads; w++) {
            jobs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    optimiser.solve(HomeDayGenerator.generate(i));
                }
            }));
        }
        for (java.util.concurrent.Future<?> j : jobs) {
            j.get();
        }
        pool.shutdown();
        double total = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "backend=%s days=%d threads=%d total=%.2fs throughput=%.1f days/s (%.2f ms per day)%n",
                name,
                count,
                threads,
                total,
                count / total,
                1000 * total / count);
    }

    /** A backend by name: bnb, cbc, scip. */
    static MilpBackend backend(String name) {
        return switch (name) {
            case "cbc" -> new OrToolsMilp(OrToolsMilp.Engine.CBC);
            case "scip" -> new OrToolsMilp(OrToolsMilp.Engine.SCIP);
            case "bnb" -> new GlopBranchAndBound();
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
    }
}
