package io.flexledger.clearing.bench;

import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.io.ResultWriter;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.SearchLimit;
import io.flexledger.clearing.testing.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clearing benchmark: generates instances, clears each with Timefold (the product's pipeline, as
 * {@code flex clear} runs it) and with the exact MILP on the same machine, checks every Timefold result
 * with the independent checker, and prints one table row per instance. Also measures re-clearing after
 * one revoked or one new offer on a warm session ({@link ReclearBench}),
 * at Pontypool size and, without {@code --quick}, at about 20,000 offers. Each Timefold row also shows the answer's own proven lower bound
 * and gap ({@code lowerBound}, {@code provenGapPct}).
 *
 * <p>Arguments: {@code [--quick | --small] [--out DIR] [--check PATH/check.py] [--milp-seconds N]};
 * {@code --small}: the instances up to 400 offers only, without re-clearing.
 */
public final class ClearingBench {

    private record Instance(String id, int homes, long seed, double timefoldSeconds, double milpSeconds) {}

    /** Changes per re-clearing run: revocations and new offers in turn. */
    private static final int RECLEAR_CHANGES = 10;

    /** Two searches side by side both register Timefold's metrics: the second registration's warning is noise. */
    private static final java.util.logging.Logger METRICS_LOG = java.util.logging.Logger.getLogger("io.micrometer");

    private ClearingBench() {}

    public static void main(String[] args) throws Exception {
        METRICS_LOG.setLevel(java.util.logging.Level.SEVERE);
        boolean quick = false;
        boolean smallOnly = false;
        Path out = Path.of("target/bench");
        String check = null;
        double milpCap = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--small" -> smallOnly = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--check" -> check = args[++i];
                case "--milp-seconds" -> milpCap = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        List<Instance> instances = new ArrayList<>();
        instances.add(new Instance("tiny-h5", 5, 11, 0, milpCap));
        if (!quick || smallOnly) {
            // the Pontypool-size set: up to about 400 offers
            instances.add(new Instance("small-h12-s31", 12, 31, 0, milpCap));
            instances.add(new Instance("small-h24-s32", 24, 32, 0, milpCap));
            instances.add(new Instance("small-h31-s34", 31, 34, 0, milpCap));
        }
        if (!smallOnly) {
            instances.add(new Instance("quarter-h46", 46, 12, 0, milpCap));
            instances.add(new Instance("pontypool-h184-s1", 184, 1, 0, milpCap));
        }
        if (!quick && !smallOnly) {
            instances.add(new Instance("pontypool-h184-s2", 184, 2, 0, milpCap));
            instances.add(new Instance("pontypool-h184-s3", 184, 3, 0, milpCap));
            instances.add(new Instance("pontypool-h184-s4", 184, 4, 0, milpCap));
            instances.add(new Instance("pontypool-h184-s5", 184, 5, 0, milpCap));
            instances.add(new Instance("x10-h1840-s1", 1840, 21, 10, 10));
            instances.add(new Instance("x10-h1840-s2", 1840, 22, 10, 10));
        }
        System.out.printf(
                "%-20s %7s %5s | %-8s %14s %14s %9s | %14s %8s %9s | %14s %9s | %12s | %s%n",
                "instance",
                "offers",
                "reqs",
                "milp",
                "milp best",
                "milp bound",
                "milp ms",
                "timefold",
                "gap %",
                "tf ms",
                "tf bound",
                "proven %",
                "milp ms to tf",
                "check --strict");
        Map<String, double[]> worst = new LinkedHashMap<>();
        for (Instance in : instances) {
            String json = InstanceGenerator.generate(in.id(), in.homes(), in.seed());
            Path problemFile = out.resolve(in.id() + ".json");
            Files.writeString(problemFile, json);
            ClearingProblem problem = new ProblemParser().parse(json);
            SearchLimit limit =
                    in.timefoldSeconds() > 0 ? SearchLimit.seconds(in.timefoldSeconds()) : SearchLimit.standard();
            ClearingResult tf = new Clearer(limit, line -> {}).clear(problem);
            Path resultFile = out.resolve(in.id() + ".result.json");
            Files.writeString(resultFile, new ResultWriter().write(tf) + "\n");
            MilpReference.Outcome milp = MilpReference.solve(problem, in.milpSeconds());
            double gap = 100.0 * (tf.costEur() - milp.objective()) / Math.max(Math.abs(milp.objective()), 1.0);
            String toQuality = milpTimeTo(problem, tf.costEur(), milp);
            System.out.printf(
                    "%-20s %7d %5d | %-8s %14.6f %14.6f %9d | %14.6f %8.3f %9d | %14.6f %9.3f | %12s | %s%n",
                    in.id(),
                    problem.offers().size(),
                    problem.requests().size(),
                    milp.status(),
                    milp.objective(),
                    milp.bound(),
                    milp.millis(),
                    tf.costEur(),
                    gap,
                    tf.solveMillis(),
                    tf.lowerBoundEur().orElse(Double.NaN),
                    tf.provenGapPct().orElse(Double.NaN),
                    toQuality,
                    check == null ? "(not run)" : runCheck(check, problemFile, resultFile));
            String set = problem.offers().size() <= 400
                    ? "up to 400 offers"
                    : problem.offers().size() <= 2500 ? "401 to 2,500 offers" : "over 2,500 offers";
            double[] w = worst.computeIfAbsent(set, k -> new double[] {Double.NEGATIVE_INFINITY, 0, 0});
            if (gap > w[0]) {
                w[0] = gap;
                w[1] = tf.solveMillis();
                w[2] = milp.millis();
            }
        }
        for (Map.Entry<String, double[]> e : worst.entrySet()) {
            System.out.printf(
                    "worst gap to the MILP's best, %s: %.3f %% (Timefold %d ms, MILP %d ms)%n",
                    e.getKey(), e.getValue()[0], (long) e.getValue()[1], (long) e.getValue()[2]);
        }
        if (smallOnly) {
            return;
        }
        // warm re-clearing against a cold solve of the same length, at Pontypool size and at ~20,000 offers
        System.out.printf("%nre-clearing after one revoked or one new offer (warm session) against a cold solve"
                + " given the same time:%n");
        List<String> summary = new ArrayList<>();
        List<ReclearBench.Row> small = ReclearBench.run("reclear-h33", 33, 7, 0, RECLEAR_CHANGES, out, check);
        ReclearBench.print("reclear-h33", small);
        summary.add(ReclearBench.summary("reclear-h33", small));
        if (!quick) {
            List<ReclearBench.Row> large = ReclearBench.run("reclear-h1840", 1840, 21, 10, RECLEAR_CHANGES, out, check);
            ReclearBench.print("reclear-h1840", large);
            summary.add(ReclearBench.summary("reclear-h1840", large));
        }
        System.out.println();
        summary.forEach(System.out::println);
    }

    // The time the MILP needs to reach an answer at most as dear as Timefold's: the first of growing time
    // limits whose answer does (its measured time), its full run's time when none shorter does, or
    // "not reached" when even the full run stays dearer.
    private static String milpTimeTo(ClearingProblem problem, double cost, MilpReference.Outcome full) {
        double tolerance = 1e-9 * Math.max(1.0, Math.abs(cost));
        if (!(full.objective() <= cost + tolerance)) {
            return "not reached";
        }
        for (double seconds : new double[] {0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100}) {
            if (seconds * 1000 >= full.millis()) {
                break;
            }
            MilpReference.Outcome o = MilpReference.solve(problem, seconds);
            if (o.objective() <= cost + tolerance) {
                return Long.toString(o.millis());
            }
        }
        return Long.toString(full.millis());
    }

    private static String runCheck(String check, Path problem, Path result) throws Exception {
        String text = Formats.python(check, problem.toString(), result.toString(), "--strict");
        return text.length() > 60 ? text.substring(0, 60) : text;
    }
}
