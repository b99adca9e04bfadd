package io.flexledger.clearing.solver;

import static org.assertj.core.api.Assertions.assertThat;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.impl.solver.DefaultSolver;
import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.io.ProblemParser;
import org.junit.jupiter.api.Test;

/**
 * The default rule's cap holds in a real Timefold search: counted work, not time, so the assertion does not
 * depend on the machine's speed. (With a step count in place of the moves, the solver stopped the AND on
 * its time alone: Timefold checks step counts only per phase.)
 */
class SearchGuardsTest {

    private static long movesEvaluated(SearchLimit limit) throws Exception {
        IndexedProblem p = IndexedProblem.of(new ProblemParser().parse(InstanceGenerator.generate("guards", 12, 31)));
        ClearingSolution start = SolverModel.solution(p, new double[p.offerCount()]);
        Solver<ClearingSolution> solver = SolverFactory.<ClearingSolution>create(SolverModel.config(limit, false, 10))
                .buildSolver();
        solver.solve(start);
        return ((DefaultSolver<ClearingSolution>) solver).getSolverScope().getMoveEvaluationCount();
    }

    @Test
    void theCapStopsASearchOnlyOnceItHasEvaluatedItsMoves() throws Exception {
        // a cap of a millisecond: the search still evaluates CAP_MOVES moves (the 30 s bound never reached)
        long moves = movesEvaluated(new SearchLimit(30.0, 0, 0, -1.0, false, 0.001));
        assertThat(moves).isGreaterThanOrEqualTo(SearchLimit.CAP_MOVES);
    }
}
