package io.flexledger.clearing.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import org.junit.jupiter.api.Test;

class FractionPolisherDeadlineTest {

    private static int accepted(double[] f) {
        int n = 0;
        for (double v : f) {
            if (v > 0.0) {
                n++;
            }
        }
        return n;
    }

    private static double cost(ClearingProblem problem, double[] f) {
        return Evaluation.costEur(problem, f, Evaluation.unservedKw(problem, f));
    }

    @Test
    void aGreedyStartPastItsDeadlineStopsWithAFeasiblePartialAnswer() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 184, 1));
        FractionPolisher polisher = new FractionPolisher(IndexedProblem.of(problem));
        double[] full = polisher.greedy();
        double[] cut = polisher.greedy(System.nanoTime() - 1);
        assertThat(Evaluation.violation(problem, cut)).isNull();
        // the deadline is read every 64 offers taken from the queue: at most 63 were accepted
        assertThat(accepted(cut)).isLessThanOrEqualTo(63).isLessThan(accepted(full));
        assertThat(polisher.greedy(Long.MAX_VALUE)).containsExactly(full);
    }

    @Test
    void aPolishPastItsDeadlineIsFeasibleAndNeverDearerThanItsStart() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 184, 1));
        FractionPolisher polisher = new FractionPolisher(IndexedProblem.of(problem));
        double[] start = polisher.greedy(System.nanoTime() - 1);
        double[] cut = polisher.polish(start, System.nanoTime() - 1);
        double[] full = polisher.polish(start);
        assertThat(Evaluation.violation(problem, cut)).isNull();
        assertThat(cost(problem, cut)).isLessThanOrEqualTo(cost(problem, start) + 1e-12);
        // stopped early, it has not reached what the full polish reaches
        assertThat(cost(problem, cut)).isGreaterThan(cost(problem, full));
        assertThat(polisher.polish(start, Long.MAX_VALUE)).containsExactly(full);
    }
}
