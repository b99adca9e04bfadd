package io.flexledger.clearing.solver;

import static org.assertj.core.api.Assertions.assertThat;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.io.ProblemParser;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClearingIncrementalScoreTest {

    private static final SolutionManager<ClearingSolution, HardSoftLongScore> STREAMS =
            SolutionManager.create(SolverFactory.create(new SolverConfig()
                    .withSolutionClass(ClearingSolution.class)
                    .withEntityClasses(OfferChoice.class)
                    .withConstraintProviderClass(ClearingConstraintProvider.class)));

    @Test
    void incrementalScoreEqualsTheConstraintStreamsAfterEveryChange() throws Exception {
        IndexedProblem p = IndexedProblem.of(new ProblemParser().parse(InstanceGenerator.generate("g", 12, 3)));
        ClearingSolution solution = SolverModel.solution(p, new double[p.offerCount()]);
        ClearingIncrementalScore incremental = new ClearingIncrementalScore();
        incremental.resetWorkingSolution(solution);
        Random random = new Random(5);
        boolean sawConflict = false;
        for (int step = 0; step < 400; step++) {
            OfferChoice o = solution.getOffers().get(random.nextInt(p.offerCount()));
            int level = random.nextInt(3) == 0
                    ? 0
                    : o.getLevels().get(random.nextInt(o.getLevels().size()));
            incremental.beforeVariableChanged(o, "level");
            o.setLevel(level);
            incremental.afterVariableChanged(o, "level");
            HardSoftLongScore expected = STREAMS.update(solution);
            assertThat(incremental.calculateScore()).isEqualTo(expected);
            sawConflict |= expected.hardScore() < 0;
        }
        assertThat(sawConflict).isTrue();
        ClearingIncrementalScore fresh = new ClearingIncrementalScore();
        fresh.resetWorkingSolution(solution);
        assertThat(fresh.calculateScore()).isEqualTo(incremental.calculateScore());
    }
}
