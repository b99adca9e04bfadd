package io.flexledger.clearing.bench;

import io.flexledger.clearing.core.ExactClearing;
import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exact search alone on the benchmark's instances up to ~400 offers: per run, whether it proved the
 * optimum, its cost against SCIP's (kept as {@code ID.opt} in the folder by {@link StopProbe}), nodes
 * and time. Arguments: {@code OUT_DIR RUNS [INSTANCE_SUBSTRING] [NODE_LIMIT]}.
 */
public final class ExactProbe {

    private static final String[][] INSTANCES = {
        {"tiny-h5", "5", "11"},
        {"small-h12-s31", "12", "31"},
        {"small-h24-s32", "24", "32"},
        {"small-h31-s34", "31", "34"},
        {"quarter-h46", "46", "12"}
    };

    private ExactProbe() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String only = args.length > 2 ? args[2] : "";
        long limit = args.length > 3 ? Long.parseLong(args[3]) : 1_000_000L;
        for (String[] in : INSTANCES) {
            if (!in[0].contains(only)) {
                continue;
            }
            String json = InstanceGenerator.generate(in[0], Integer.parseInt(in[1]), Long.parseLong(in[2]));
            ClearingProblem problem = new ProblemParser().parse(json);
            Path optFile = out.resolve(in[0] + ".opt");
            double opt = Files.exists(optFile)
                    ? Double.parseDouble(Files.readString(optFile).trim().split(" ")[0])
                    : Double.NaN;
            StringBuilder line = new StringBuilder(String.format(
                    "%-18s %5d offers, optimum %.6f |", in[0], problem.offers().size(), opt));
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                IndexedProblem p = IndexedProblem.of(problem);
                FractionPolisher polisher = new FractionPolisher(p);
                double[] start = polisher.polish(polisher.greedy());
                ExactClearing.Outcome o = new ExactClearing(p).solve(start, limit, System.nanoTime() + 60_000_000_000L);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                line.append(String.format(
                        " %s %.6f (%+.4f %%) %d nodes %d ms |",
                        o.proven() ? "proven" : "open",
                        o.costEur(),
                        100 * (o.costEur() - opt) / Math.max(1, Math.abs(opt)),
                        o.nodes(),
                        ms));
            }
            System.out.println(line);
        }
    }
}
