package io.flexledger.agents.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregatorAgentTest {

    // three homes of scenario 12 with a battery or an EV, optimised
    private static List<CemsAgent> homes() {
        ScenarioGenerator gen = new ScenarioGenerator(PontypoolNetwork.create(), ScenarioGenerator.DEFAULT_SEED);
        List<GeneratedHome> all = gen.generate(Scenario.of(12), TypicalDay.of(13));
        CemsOptimiser opt = new CemsOptimiser();
        List<CemsAgent> out = new ArrayList<>();
        for (int i = 0; i < all.size() && out.size() < 3; i++) {
            if (all.get(i).day().battery() != null || all.get(i).day().ev() != null) {
                CemsAgent a = new CemsAgent(all.get(i), i, opt);
                a.optimise();
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void offersListEveryRequestedSlotWithZeroOutsideTheirBlockAndCarryTheFee() {
        List<CemsAgent> homes = homes();
        AggregatorAgent agr = new AggregatorAgent("agr-1", homes, 0.01);
        int[] down = {68, 69, 70, 71, 72, 73};
        int[] up = {50};
        List<Offer> offers = agr.offers("TX1", h -> true, down, up, FlexibilityDeriver.Settings.defaults());

        assertThat(offers).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (Offer o : offers) {
            assertThat(ids.add(o.id())).as("unique id " + o.id()).isTrue();
            assertThat(o.aggregator()).isEqualTo("agr-1");
            assertThat(o.congestionPoint()).isEqualTo("TX1");
            // every offer of a home lists all requested slots, so the clearing sells a home once a day
            assertThat(o.slots()).containsExactly(50, 68, 69, 70, 71, 72, 73);
            assertThat(Arrays.stream(o.kw()).filter(v -> v > 0).count()).isBetween(1L, 6L);
            assertThat(o.priceEurPerKwh()).isGreaterThanOrEqualTo(0.02 + 0.01 - 1e-12);
        }
        // an hour block and the whole six-slot episode are both offered
        assertThat(offers.stream().map(Offer::id)).anyMatch(id -> id.endsWith("-down-68-6"));
        assertThat(offers.stream().map(Offer::id)).anyMatch(id -> id.endsWith("-down-68-4"));
    }

    @Test
    void ordersAreRunByTheirHomesAndOthersAreIgnored() {
        List<CemsAgent> homes = homes();
        AggregatorAgent agr = new AggregatorAgent("agr-2", homes, 0.0);
        int[] down = {68, 69, 70, 71};
        List<Offer> offers = agr.offers("F1", h -> true, down, new int[0], FlexibilityDeriver.Settings.defaults());
        Offer first = offers.get(0);
        List<AggregatorAgent.Order> orders = agr.order("F1", Map.of(first.id(), 1.0, "someone-else", 1.0));

        assertThat(orders).hasSize(1);
        AggregatorAgent.Order o = orders.get(0);
        assertThat(o.home().day().id()).isEqualTo(first.asset());
        assertThat(o.home().ordered()).isTrue();
        assertThat(o.energyKwh()).isCloseTo(first.totalKw() * 0.25, offset(1e-9));
        // the same offer id at another point is not this order
        assertThat(agr.order("TX1", Map.of(first.id(), 1.0))).isEmpty();
        assertThat(homes.stream().filter(CemsAgent::ordered).count()).isEqualTo(1);
    }
}
