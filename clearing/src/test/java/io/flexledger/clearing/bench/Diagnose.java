package io.flexledger.clearing.bench;

import io.flexledger.clearing.core.Evaluation;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.SearchLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Development aid: compares the product's answer with a cached MILP optimum per Pontypool instance. */
public final class Diagnose {

    private Diagnose() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target/diag");
        Files.createDirectories(dir);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        String[] seeds = args[0].split(",");
        double sumGap = 0;
        double worst = -1e9;
        for (String s : seeds) {
            long seed = Long.parseLong(s);
            String id = "pontypool-h184-s" + seed;
            ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate(id, 184, seed));
            Path cache = dir.resolve(id + ".milp");
            double[] milp;
            if (Files.exists(cache)) {
                milp = Arrays.stream(Files.readString(cache).trim().split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
            } else {
                milp = MilpReference.solve(problem, 300).fractions();
                StringBuilder sb = new StringBuilder();
                for (double v : milp) {
                    sb.append(sb.length() == 0 ? "" : ",").append(v);
                }
                Files.writeString(cache, sb.toString());
            }
            for (int o = 0; o < milp.length; o++) {
                if (milp[o] < 1e-7) {
                    milp[o] = 0;
                }
            }
            double milpCost = Evaluation.costEur(problem, milp, Evaluation.unservedKw(problem, milp));
            SearchLimit limit = seconds > 0 ? SearchLimit.seconds(seconds) : SearchLimit.standard();
            ClearingResult r = new Clearer(limit, System.err::println).clear(problem);
            double gap = 100 * (r.costEur() - milpCost) / milpCost;
            sumGap += gap;
            worst = Math.max(worst, gap);
            System.out.printf(
                    "%s milp %.6f tf %.6f gap %.3f%% ms %d%n", id, milpCost, r.costEur(), gap, r.solveMillis());
            if (args.length > 2) {
                IndexedProblem p = IndexedProblem.of(problem);
                int onlyMilp = 0, onlyTf = 0, both = 0;
                for (int o = 0; o < milp.length; o++) {
                    boolean a = milp[o] > 0;
                    boolean b = r.accepted().containsKey(problem.offers().get(o).id());
                    if (a && b) both++;
                    else if (a) onlyMilp++;
                    else if (b) onlyTf++;
                }
                System.out.printf("  accepted both %d onlyMilp %d onlyTf %d%n", both, onlyMilp, onlyTf);
            }
        }
        System.out.printf("mean gap %.3f%% worst %.3f%%%n", sumGap / seeds.length, worst);
    }
}
