package io.flexledger.clearing.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.clearing.TestProblems;
import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.core.Evaluation;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.testing.Formats;
import org.junit.jupiter.api.Test;

class ClearerTest {

    @Test
    void solvesThePublicExampleToItsKnownOptimum() throws Exception {
        ClearingProblem problem = TestProblems.parse(Formats.example("clearing-small.json"));
        double optimum = new ObjectMapper()
                .readTree(Formats.example("clearing-small.result.json").toFile())
                .get("cost")
                .doubleValue();
        ClearingResult result = new Clearer(SearchLimit.steps(200), line -> {}).clear(problem);
        assertThat(result.costEur()).isCloseTo(optimum, within(1e-6));
        assertThat(result.unservedKw()).containsOnlyKeys("r-70", "r-71", "r-72");
    }

    @Test
    void everyAnswerCarriesABoundAtMostTheCostAndTheOptimum() throws Exception {
        ClearingProblem problem = TestProblems.parse(Formats.example("clearing-small.json"));
        ClearingResult result = new Clearer(SearchLimit.steps(200), line -> {}).clear(problem);
        assertThat(result.lowerBoundEur()).isPresent();
        double lb = result.lowerBoundEur().getAsDouble();
        assertThat(lb).isLessThanOrEqualTo(0.55225).isGreaterThan(0.0);
        assertThat(result.provenGapPct().getAsDouble())
                .isCloseTo(100.0 * (result.costEur() - lb) / Math.max(Math.abs(lb), 1.0), within(1e-12));
    }

    @Test
    void aTargetGapMustBeAFiniteNumberAtLeastZero() {
        assertThat(SearchLimit.standard().withTargetGap(0.0).targetGapPct()).isZero();
        assertThat(SearchLimit.standard().hasTargetGap()).isFalse();
        for (double bad : new double[] {-1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> SearchLimit.standard().withTargetGap(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stepLimitedSolvesAreReproducibleAndFeasible() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 30, 5));
        ClearingResult a = new Clearer(SearchLimit.steps(300), line -> {}).clear(problem);
        ClearingResult b = new Clearer(SearchLimit.steps(300), line -> {}).clear(problem);
        assertThat(a.accepted()).isEqualTo(b.accepted());
        double[] f = new double[problem.offers().size()];
        for (int o = 0; o < f.length; o++) {
            f[o] = a.accepted().getOrDefault(problem.offers().get(o).id(), 0.0);
        }
        assertThat(Evaluation.violation(problem, f)).isNull();
    }

    @Test
    void searchIsNeverWorseThanItsStart() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 20, 9));
        var indexed = io.flexledger.clearing.core.IndexedProblem.of(problem);
        var polisher = new io.flexledger.clearing.core.FractionPolisher(indexed);
        double[] start = polisher.polish(polisher.greedy());
        double startCost = Evaluation.costEur(problem, start, Evaluation.unservedKw(problem, start));
        ClearingResult result = new Clearer(SearchLimit.steps(500), line -> {}).clear(problem);
        assertThat(result.costEur()).isLessThanOrEqualTo(startCost + 1e-9);
    }

    @Test
    void revokedOfferIsDroppedByTheWarmSession() throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 20, 4));
        try (ClearingSession session = ClearingSession.open(problem, SearchLimit.steps(200))) {
            ClearingResult before = session.current();
            String revoked = before.accepted().keySet().iterator().next();
            ClearingResult after = session.revoke(revoked);
            assertThat(after.accepted()).doesNotContainKey(revoked);
            double[] f = new double[problem.offers().size()];
            for (int o = 0; o < f.length; o++) {
                f[o] = after.accepted().getOrDefault(problem.offers().get(o).id(), 0.0);
            }
            assertThat(Evaluation.violation(problem, f)).isNull();
        }
    }
}
