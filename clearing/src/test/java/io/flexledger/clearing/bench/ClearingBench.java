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
import java.util.List;

/**
 * The clearing benchmark: generates instances, clears each with Timefold (the product's pipeline, as
 * {@code flex clear} runs it) and with the exact MILP on the same machine, checks every Timefold result
 * with the independent checker, and prints one table row per instance. Also measures re-clearing after
 * one revoked or one new offer on a warm session ({@link ReclearBench}),
 * at Pontypool size and, without {@code --quick}, at about 20,000 offers. Each Timefold row also shows the answer's own proven lower bound
 * and gap ({@code lowerBound}, {@code provenGapPct}).
 *
 * <p>Arguments: {@code [--quick] [--out DIR] [--check PATH/check.py] [--milp-seconds N]}.
 */
public final class ClearingBench {

    private record Instance(String id, int homes, long seed, double timefoldSeconds, double milpSeconds) {}

    /** Changes per re-clearing run: revocations and new offers in turn. */
    private static final int RECLEAR_CHANGES = 10;

    private ClearingBench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("target/bench");
        String check = null;
        double milpCap = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--check" -> check = args[++i];
                case "--milp-seconds" -> milpCap = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        List<Instance> instances = new ArrayList<>();
        instances.add(new Instance("tiny-h5", 5, 11, 0, milpCap));
        instances.add(new Instance("quarter-h46", 46, 12, 0, milpCap));
        instances.add(new Instance("pontypool-h184-s1", 184, 1, 0, milpCap));
        if (!quick) {
            instances.add(new Instance("pontypool-h184-s2", 184, 2, 0, milpCap));
            instances.add(new Instance("pontypool-h184-s3", 184, 3, 0, milpCap));
            instances.add(new Instance("pontypool-h184-s4", 184, 4, 0, milpCap));
            instances.add(new Instance("pontypool-h184-s5", 184, 5, 0, milpCap));
            instances.add(new Instance("x10-h1840-s1", 1840, 21, 10, 10));
            instances.add(new Instance("x10-h1840-s2", 1840, 22, 10, 10));
        }
        System.out.printf(
                "%-20s %7s %5s | %-8s %14s %14s %9s | %14s %8s %9s | %14s %9s | %s%n",
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
                "check --strict");
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
            System.out.printf(
                    "%-20s %7d %5d | %-8s %14.6f %14.6f %9d | %14.6f %8.3f %9d | %14.6f %9.3f | %s%n",
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
                    check == null ? "(not run)" : runCheck(check, problemFile, resultFile));
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

    private static String runCheck(String check, Path problem, Path result) throws Exception {
        String text = Formats.python(check, problem.toString(), result.toString(), "--strict");
        return text.length() > 60 ? text.substring(0, 60) : text;
    }
}
