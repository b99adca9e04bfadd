package io.flexledger.clearing.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import org.junit.jupiter.api.Test;

class ClearingSolutionClonerTest {

    @Test
    void aCloneHasTheSameLevelsPinsAndScoreAndChangingItLeavesTheOriginalAsItWas() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 12, 3));
        IndexedProblem p = IndexedProblem.of(problem);
        FractionPolisher polisher = new FractionPolisher(p);
        ClearingSolution original = SolverModel.solution(p, polisher.polish(polisher.greedy()));
        original.getOffers().get(0).setRevoked(true);
        original.setFocus(new int[] {1, 2});
        original.setOfferValues(new double[p.offerCount()]);
        original.setScore(ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore.of(0, -42));

        ClearingSolution clone = new ClearingSolutionCloner().cloneSolution(original);

        assertThat(clone.getScore()).isEqualTo(original.getScore());
        assertThat(clone.getFocus()).isSameAs(original.getFocus());
        assertThat(clone.getOfferValues()).isSameAs(original.getOfferValues());
        assertThat(clone.getRequests()).isSameAs(original.getRequests());
        assertThat(clone.getIndexed()).isSameAs(original.getIndexed());
        assertThat(clone.getOffers()).hasSameSizeAs(original.getOffers());
        for (int i = 0; i < clone.getOffers().size(); i++) {
            OfferChoice a = original.getOffers().get(i);
            OfferChoice b = clone.getOffers().get(i);
            assertThat(b).isNotSameAs(a);
            assertThat(b.getIndex()).isEqualTo(a.getIndex());
            assertThat(b.getLevel()).isEqualTo(a.getLevel());
            assertThat(b.isRevoked()).isEqualTo(a.isRevoked());
            assertThat(b.getLevels()).isEqualTo(a.getLevels());
            assertThat(b.costNanoEur()).isEqualTo(a.costNanoEur());
            assertThat(b.getConflicts()).isEqualTo(a.getConflicts());
            assertThat(b.getRequestIndex()).isEqualTo(a.getRequestIndex());
        }
        Integer before = original.getOffers().get(1).getLevel();
        clone.getOffers().get(1).setLevel(before == 0 ? 1000 : 0);
        clone.getOffers().get(2).setRevoked(true);
        assertThat(original.getOffers().get(1).getLevel()).isEqualTo(before);
        assertThat(original.getOffers().get(2).isRevoked()).isFalse();
    }
}
