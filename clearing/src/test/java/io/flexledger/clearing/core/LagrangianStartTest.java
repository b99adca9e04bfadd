package io.flexledger.clearing.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.bench.MilpReference;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class LagrangianStartTest {

    @Test
    void boundsTheOptimumFromBelowAndNeverWorsensItsStart() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 25, 7));
        IndexedProblem p = IndexedProblem.of(problem);
        FractionPolisher polisher = new FractionPolisher(p);
        double[] greedy = polisher.polish(polisher.greedy());
        double greedyCost = Evaluation.costEur(problem, greedy, Evaluation.unservedKw(problem, greedy));
        LagrangianStart priced = new LagrangianStart(p, new BitSet());
        double[] start = priced.run(greedy, 100, 10, Long.MAX_VALUE);
        double cost = Evaluation.costEur(problem, start, Evaluation.unservedKw(problem, start));
        MilpReference.Outcome milp = MilpReference.solve(problem, 60);

        assertThat(Evaluation.violation(problem, start)).isNull();
        assertThat(cost).isLessThanOrEqualTo(greedyCost);
        assertThat(milp.status()).isEqualTo("OPTIMAL");
        assertThat(priced.lowerBound()).isLessThanOrEqualTo(milp.objective() + 1e-6);
        assertThat(priced.lowerBound()).isGreaterThan(0.9 * milp.objective());
        assertThat(cost).isGreaterThanOrEqualTo(milp.objective() - 1e-6);
        assertThat(priced.offerValues()).hasSize(p.offerCount());
    }

    @Test
    void frozenOffersStayOut() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 10, 2));
        IndexedProblem p = IndexedProblem.of(problem);
        BitSet frozen = new BitSet();
        for (int o = 0; o < p.offerCount(); o += 2) {
            frozen.set(o);
        }
        double[] start = new LagrangianStart(p, frozen).run(new double[p.offerCount()], 60, 10, Long.MAX_VALUE);
        for (int o = frozen.nextSetBit(0); o >= 0; o = frozen.nextSetBit(o + 1)) {
            assertThat(start[o]).isZero();
        }
        assertThat(Evaluation.violation(problem, start)).isNull();
    }
}
