package io.flexledger.clearing.bench;

import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.SearchLimit;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default stop rule's answers on the Pontypool-size instances, repeated in one process: per run, the
 * gap to the exact optimum (SCIP, computed once per instance and kept in the output folder as
 * {@code ID.opt}) and the solve time. Writes each instance to the folder, for {@code flex clear}.
 *
 * <p>Arguments: {@code OUT_DIR RUNS [INSTANCE_SUBSTRING]}.
 */
public final class StopProbe {

    private static final String[][] INSTANCES = {
        {"tiny-h5", "5", "11"},
        {"small-h12-s31", "12", "31"},
        {"small-h24-s32", "24", "32"},
        {"small-h31-s34", "31", "34"},
        {"quarter-h46", "46", "12"},
        {"pontypool-h184-s1", "184", "1"},
        {"pontypool-h184-s4", "184", "4"}
    };

    /** With {@code -Dprobe.verbose=true}, each run's progress lines (phase times) go to standard error. */
    private static final boolean VERBOSE = Boolean.getBoolean("probe.verbose");

    /** With {@code -Dprobe.steps=N}, each run is cleared with exactly N search steps instead of the default rule. */
    private static final long STEPS = Long.getLong("probe.steps", 0L);

    /**
     * With {@code -Dprobe.cap=true}, the searches are stopped by the default rule's cap after its moves
     * alone (a cap of a millisecond, no other limit; the starts run to their end): the answer the cap's
     * moves give.
     */
    private static final boolean CAP_ONLY = Boolean.getBoolean("probe.cap");

    private static SearchLimit limit() {
        if (CAP_ONLY) {
            return new SearchLimit(0, 0, 0, -1.0, false, 0.001);
        }
        return STEPS > 0 ? SearchLimit.steps(STEPS) : SearchLimit.standard();
    }

    private StopProbe() {}

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("io.micrometer").setLevel(java.util.logging.Level.SEVERE);
        Path out = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String only = args.length > 2 ? args[2] : "";
        Files.createDirectories(out);
        for (String[] in : INSTANCES) {
            if (!in[0].contains(only)) {
                continue;
            }
            String json = InstanceGenerator.generate(in[0], Integer.parseInt(in[1]), Long.parseLong(in[2]));
            Files.writeString(out.resolve(in[0] + ".json"), json);
            ClearingProblem problem = new ProblemParser().parse(json);
            Path optFile = out.resolve(in[0] + ".opt");
            if (!Files.exists(optFile)) {
                MilpReference.Outcome m = MilpReference.solve(problem, 120);
                Files.writeString(optFile, m.objective() + " " + m.millis() + " " + m.status());
            }
            String[] known = Files.readString(optFile).trim().split(" ");
            double opt = Double.parseDouble(known[0]);
            StringBuilder line = new StringBuilder(String.format(
                    "%-18s %5d offers, optimum %.6f (%s, %s ms) |",
                    in[0], problem.offers().size(), opt, known.length > 2 ? known[2] : "?", known[1]));
            for (int i = 0; i < runs; i++) {
                ClearingResult r = new Clearer(limit(), VERBOSE ? System.err::println : l -> {}).clear(problem);
                double gap = 100 * (r.costEur() - opt) / Math.max(1, Math.abs(opt));
                line.append(String.format(" %.3f %%/%d ms", gap, r.solveMillis()));
            }
            System.out.println(line);
        }
    }
}
