package io.flexledger.clearing.bench;

import io.flexledger.clearing.core.*;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.*;

public final class Debug {
    public static void main(String[] args) throws Exception {
        String json = InstanceGenerator.generate("x", Integer.parseInt(args[0]), Long.parseLong(args[1]));
        ClearingProblem problem = new ProblemParser().parse(json);
        IndexedProblem p = IndexedProblem.of(problem);
        MilpReference.Outcome milp = MilpReference.solve(problem, 60);
        double[] mf = milp.fractions();
        for (int o = 0; o < mf.length; o++) {
            if (mf[o] < 1e-9) mf[o] = 0;
        }
        System.out.println("milp " + milp.objective() + " eval "
                + Evaluation.costEur(problem, mf, Evaluation.unservedKw(problem, mf)) + " viol "
                + Evaluation.violation(problem, mf));
        FractionPolisher pol = new FractionPolisher(p);
        double[] g = pol.greedy();
        System.out.println("greedy " + Evaluation.costEur(problem, g, Evaluation.unservedKw(problem, g)));
        double[] gp = pol.polish(g);
        System.out.println("greedy+polish " + Evaluation.costEur(problem, gp, Evaluation.unservedKw(problem, gp)));
        double[] mp = pol.polish(mf);
        System.out.println("milp+polish " + Evaluation.costEur(problem, mp, Evaluation.unservedKw(problem, mp)));
        if (args.length > 2) {
            for (int o = 0; o < mf.length; o++) {
                if (mf[o] > 0 || gp[o] > 0) {
                    Offer of = problem.offers().get(o);
                    System.out.printf(
                            "%s %s %s price=%.4f m=%.2f cost=%.4f milp=%.4f ours=%.4f%n",
                            of.id(),
                            of.congestionPoint(),
                            of,
                            of.priceEurPerKwh(),
                            of.minActivation(),
                            p.offerCostEur(o),
                            mf[o],
                            gp[o]);
                }
            }
            for (var r : problem.requests()) System.out.println(r);
        }
    }
}
