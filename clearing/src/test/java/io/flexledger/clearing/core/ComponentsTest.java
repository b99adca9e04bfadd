package io.flexledger.clearing.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.io.ProblemParser;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComponentsTest {

    @Test
    void eachTransformerWithItsFeedersIsOneComponentAndEveryOfferAndRequestIsInExactlyOne() throws Exception {
        // 400 homes: three transformers, each with its four feeders; assets offer at their transformer or feeder
        ClearingProblem problem = new ProblemParser().parse(InstanceGenerator.generate("g", 400, 3));
        List<Components.Part> parts = Components.of(problem);
        assertThat(parts).hasSize(3);
        Set<Integer> offers = new HashSet<>();
        Set<Integer> requests = new HashSet<>();
        for (Components.Part part : parts) {
            Set<String> assets = new HashSet<>();
            for (int o : part.offers()) {
                assertThat(offers.add(o)).isTrue();
                assets.add(problem.offers().get(o).asset());
            }
            for (int r : part.requests()) {
                assertThat(requests.add(r)).isTrue();
            }
            // no asset of this component offers in another one
            for (Components.Part other : parts) {
                if (other != part) {
                    for (int o : other.offers()) {
                        assertThat(assets)
                                .doesNotContain(problem.offers().get(o).asset());
                    }
                }
            }
            ClearingProblem sub = Components.subProblem(problem, part);
            assertThat(sub.offers()).hasSize(part.offers().length);
            assertThat(sub.offers().stream().map(Offer::congestionPoint).distinct())
                    .allMatch(p ->
                            p.startsWith(sub.offers().get(0).congestionPoint().substring(0, 3)));
        }
        assertThat(offers).hasSize(problem.offers().size());
        assertThat(requests).hasSize(problem.requests().size());
    }
}
