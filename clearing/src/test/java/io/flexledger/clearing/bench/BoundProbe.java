package io.flexledger.clearing.bench;

import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.core.LagrangianStart;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * How far the Lagrangian lower bound rises with the number of subgradient steps (200, 1,000, 4,000) on
 * the benchmark's instances, with the time each count takes, and (with {@code milp}) the exact optimum
 * and SCIP's bound beside it (instances under 3,000 offers, 60 s each). Writes each instance to the
 * output folder, for {@code flex clear}.
 *
 * <p>Arguments: {@code [milp] [--out DIR]} (default {@code target/bench}).
 */
public final class BoundProbe {

    private BoundProbe() {}

    public static void main(String[] args) throws Exception {
        boolean milp = false;
        Path out = Path.of("target/bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "milp" -> milp = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        String[][] instances = {
            {"tiny-h5", "5", "11"},
            {"quarter-h46", "46", "12"},
            {"pontypool-h184-s1", "184", "1"},
            {"pontypool-h184-s2", "184", "2"},
            {"x10-h1840-s1", "1840", "21"}
        };
        for (String[] in : instances) {
            String json = InstanceGenerator.generate(in[0], Integer.parseInt(in[1]), Long.parseLong(in[2]));
            Files.writeString(out.resolve(in[0] + ".json"), json);
            ClearingProblem problem = new ProblemParser().parse(json);
            IndexedProblem p = IndexedProblem.of(problem);
            StringBuilder line = new StringBuilder(in[0] + " offers=" + p.offerCount());
            for (int steps : new int[] {200, 1000, 4000}) {
                FractionPolisher polisher = new FractionPolisher(p);
                double[] greedy = polisher.polish(polisher.greedy());
                long t = System.nanoTime();
                LagrangianStart priced = new LagrangianStart(p, new BitSet());
                priced.run(greedy, steps, 10, Long.MAX_VALUE);
                line.append(String.format(
                        " | it=%d lb=%.6f %dms", steps, priced.lowerBound(), (System.nanoTime() - t) / 1_000_000));
            }
            if (milp && p.offerCount() < 3000) {
                MilpReference.Outcome m = MilpReference.solve(problem, 60);
                line.append(String.format(
                        " | milp %s %.6f bound %.6f %dms", m.status(), m.objective(), m.bound(), m.millis()));
            }
            System.out.println(line);
        }
    }
}
