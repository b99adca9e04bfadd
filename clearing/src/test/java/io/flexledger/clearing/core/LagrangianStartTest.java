package io.flexledger.clearing.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.clearing.TestProblems;
import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.bench.MilpReference;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.testing.Formats;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    private static double bound(ClearingProblem problem, int iterations) {
        IndexedProblem p = IndexedProblem.of(problem);
        LagrangianStart priced = new LagrangianStart(p, new BitSet());
        priced.run(new double[p.offerCount()], iterations, 10, Long.MAX_VALUE);
        return priced.lowerBound();
    }

    @Test
    void theBoundIsBelowThePublicExamplesKnownOptimum() throws Exception {
        ClearingProblem problem = TestProblems.parse(Formats.example("clearing-small.json"));
        double optimum = new ObjectMapper()
                .readTree(Formats.example("clearing-small.result.json").toFile())
                .get("cost")
                .doubleValue();
        double lb = bound(problem, 200);
        assertThat(lb).isLessThanOrEqualTo(optimum).isGreaterThan(0.8 * optimum);
    }

    @ParameterizedTest
    @CsvSource({"4,1", "8,3", "12,5", "16,8", "25,13"})
    void theBoundIsBelowTheExactOptimumOfGeneratedInstances(int homes, long seed) throws Exception {
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", homes, seed));
        MilpReference.Outcome milp = MilpReference.solve(problem, 60);
        assertThat(milp.status()).isEqualTo("OPTIMAL");
        // SCIP proves optimality within its own relative gap: its dual bound is what is certain
        assertThat(bound(problem, 200)).isLessThanOrEqualTo(milp.bound() + 1e-9);
        // raising the bound further (as during the search) keeps it valid and never lowers it
        IndexedProblem p = IndexedProblem.of(problem);
        LagrangianStart priced = new LagrangianStart(p, new BitSet());
        priced.run(new double[p.offerCount()], 30, 10, Long.MAX_VALUE);
        double before = priced.lowerBound();
        double after = priced.improveBound(1000, Long.MAX_VALUE, milp.objective() * 1.02, () -> false);
        assertThat(after).isEqualTo(priced.lowerBound()).isGreaterThanOrEqualTo(before);
        assertThat(after).isLessThanOrEqualTo(milp.bound() + 1e-9);
    }

    /** One asset with many offers (more than the exact pick handles), each serving a request. */
    private static ClearingProblem crowdedAsset(boolean gaps, double priceShift) throws Exception {
        StringBuilder requests = new StringBuilder();
        StringBuilder offers = new StringBuilder();
        for (int t = 0; t < 12; t++) {
            requests.append(t == 0 ? "" : ",")
                    .append(String.format(
                            "{\"id\":\"r-%d\",\"congestionPoint\":\"TX1\",\"slot\":%d,\"kw\":%.1f,"
                                    + "\"unservedPenalty\":2.0}",
                            t, t, 2.0 + t % 3));
        }
        for (int o = 0; o < 30; o++) {
            int start = (o * 7) % 10;
            int length = 1 + o % 3;
            StringBuilder slots = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int t = gaps && i > 0 ? start + 2 * i : start + i;
                slots.append(i == 0 ? "" : ",").append(String.format("\"%d\":%.2f", t, 1.0 + (o % 5) * 0.4));
            }
            offers.append(o == 0 ? "" : ",")
                    .append(String.format(
                            "{\"id\":\"o-%d\",\"aggregator\":\"a\",\"congestionPoint\":\"TX1\",\"asset\":\"%s\","
                                    + "\"kwBySlot\":{%s},\"price\":%.3f,\"minActivation\":%.1f}",
                            o, o % 10 == 9 ? "other" : "big", slots, 0.05 + (o % 4) * 0.3 + priceShift, (o % 3) * 0.3));
        }
        return new ProblemParser()
                .parse("{\"kind\":\"clearing\",\"id\":\"crowded\",\"slotMinutes\":15,\"slots\":24," + "\"requests\":["
                        + requests + "],\"offers\":[" + offers + "]}");
    }

    @ParameterizedTest
    @CsvSource({"false,0.0", "true,0.0", "false,-0.5", "true,-0.5"})
    void theBoundHoldsForAnAssetWithMoreOffersThanTheExactPickTakes(boolean gaps, double priceShift) throws Exception {
        ClearingProblem problem = crowdedAsset(gaps, priceShift);
        MilpReference.Outcome milp = MilpReference.solve(problem, 60);
        assertThat(milp.status()).isEqualTo("OPTIMAL");
        assertThat(bound(problem, 200)).isLessThanOrEqualTo(milp.bound() + 1e-9);
    }

    @Test
    void withoutPricesTheBoundIsTheCostOfTheNegativelyPricedOffersAlone() throws Exception {
        // no request: the optimum takes exactly the offers that pay to be accepted, at fraction 1
        String json = "{\"kind\":\"clearing\",\"id\":\"x\",\"slotMinutes\":60,\"slots\":4,\"requests\":[],"
                + "\"offers\":["
                + "{\"id\":\"a\",\"aggregator\":\"g\",\"congestionPoint\":\"P\",\"asset\":\"h\","
                + "\"kwBySlot\":{\"0\":2.0},\"price\":-1.0,\"minActivation\":0.5},"
                + "{\"id\":\"b\",\"aggregator\":\"g\",\"congestionPoint\":\"P\",\"asset\":\"h\","
                + "\"kwBySlot\":{\"0\":1.0,\"1\":1.0},\"price\":-0.5,\"minActivation\":0.0},"
                + "{\"id\":\"c\",\"aggregator\":\"g\",\"congestionPoint\":\"P\",\"asset\":\"k\","
                + "\"kwBySlot\":{\"2\":1.0},\"price\":0.3,\"minActivation\":0.0}]}";
        // a (-2 EUR) and b (-1 EUR) share asset h and slot 0: the best is a alone, -2 EUR
        assertThat(bound(new ProblemParser().parse(json), 20))
                .isCloseTo(-2.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void withoutNegativePricesOrRequestsTheBoundIsExactlyZero() throws Exception {
        String json = "{\"kind\":\"clearing\",\"id\":\"x\",\"slotMinutes\":60,\"slots\":4,\"requests\":[],"
                + "\"offers\":[{\"id\":\"c\",\"aggregator\":\"g\",\"congestionPoint\":\"P\",\"asset\":\"k\","
                + "\"kwBySlot\":{\"2\":1.0},\"price\":0.3,\"minActivation\":0.0}]}";
        assertThat(bound(new ProblemParser().parse(json), 20)).isZero();
    }
}
