package io.flexledger.agents.cems.bench;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.HomeDayGenerator;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.cems.solver.MilpBackend;
import io.flexledger.agents.cems.solver.OrToolsMilp;
import java.util.Arrays;
import java.util.Locale;

/**
 * Solve-time distribution of the CEMS optimiser over generated home-days (one thread).
 *
 * <p>{@code java -cp agents/target/test-classes:agents/target/classes:agents/target/lib/*
 * io.flexledger.agents.cems.bench.CemsBench [COUNT] [BACKEND]} with BACKEND one of the names printed
 * by {@link #backend}. Times include building the model; the first 50 days warm up and are not
 * counted.
 */
public final class CemsBench {

    private CemsBench() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String name = args.length > 1 ? args[1] : "default";
        CemsOptimiser optimiser = name.equals("default") ? new CemsOptimiser() : new CemsOptimiser(backend(name));
        int warm = 50;
        for (int i = 0; i < warm; i++) {
            optimiser.solve(HomeDayGenerator.generate(1_000_000 + i));
        }
        double[] ms = new double[count];
        double billSum = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HomeDay day = HomeDayGenerator.generate(i);
            long s = System.nanoTime();
            billSum += optimiser.solve(day).bill();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "backend=%s days=%d total=%.2fs median=%.2fms p95=%.2fms max=%.2fms mean=%.2fms billSum=%.6f%n",
                name,
                count,
                total,
                ms[count / 2],
                ms[(int) Math.ceil(0.95 * count) - 1],
                ms[count - 1],
                Arrays.stream(ms).average().orElse(0),
                billSum);
    }

    /** A backend by name: cbc, scip, highs. */
    static MilpBackend backend(String name) {
        return switch (name) {
            case "cbc" -> new OrToolsMilp(OrToolsMilp.Engine.CBC);
            case "scip" -> new OrToolsMilp(OrToolsMilp.Engine.SCIP);
            case "highs" -> new OrToolsMilp(OrToolsMilp.Engine.HIGHS);
            case "bnb" -> new io.flexledger.agents.cems.solver.GlopBranchAndBound();
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
    }
}
