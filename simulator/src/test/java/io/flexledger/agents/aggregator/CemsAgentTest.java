package io.flexledger.agents.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CemsAgentTest {

    private static GeneratedHome batteryHome;
    private static GeneratedHome plainHome;
    private static int batteryIndex;

    @BeforeAll
    static void homes() {
        ScenarioGenerator gen = new ScenarioGenerator(PontypoolNetwork.create(), ScenarioGenerator.DEFAULT_SEED);
        List<GeneratedHome> s12 = gen.generate(Scenario.of(12), TypicalDay.of(13));
        for (int i = 0; i < s12.size(); i++) {
            if (s12.get(i).day().battery() != null) {
                batteryHome = s12.get(i);
                batteryIndex = i;
                break;
            }
        }
        plainHome = gen.generate(Scenario.of(1), TypicalDay.of(13), 0);
    }

    @Test
    void theBaselineIsTheOptimumAndItsScheduleBalancesPower() {
        CemsAgent a = new CemsAgent(batteryHome, batteryIndex, new CemsOptimiser());
        assertThatThrownBy(a::planned).hasMessageContaining("optimise");
        a.optimise();
        assertThat(a.planned().billEur()).isEqualTo(a.optimal().bill());
        assertThat(a.operated()).isSameAs(a.planned());
        assertThat(a.ordered()).isFalse();
        HomeDay d = batteryHome.day();
        for (int t = 0; t < d.slots(); t++) {
            // loads + charge - discharge - PV = net
            double loads = a.planned().loadKw()[t];
            assertThat(loads).isGreaterThanOrEqualTo(d.baseLoadKw()[t] - 1e-6);
        }
    }

    @Test
    void anOrderedFractionMovesTheBlockByThatFractionAndIsPaid() {
        CemsAgent a = new CemsAgent(batteryHome, batteryIndex, new CemsOptimiser());
        a.optimise();
        int[] slots = {68, 69, 70, 71};
        List<Flexibility> offers =
                a.offers(FlexibilityDeriver.Settings.defaults(), "TX1", FlexOffer.Direction.DOWN, slots);
        assertThat(offers).isNotEmpty();
        Flexibility f = offers.get(0);
        assertThat(f.offer().kwBySlot().keySet()).containsExactly(68, 69, 70, 71);
        double fraction = f.offer().minActivation() < 1 ? 0.5 : 1.0;
        Schedule before = a.planned();
        a.activate(f, fraction);

        assertThat(a.ordered()).isTrue();
        for (Map.Entry<Integer, Double> e : f.offer().kwBySlot().entrySet()) {
            int t = e.getKey();
            // the home delivers at least the ordered fraction of the offered kW in every slot of the block
            assertThat(a.operated().netKw(t)).isLessThanOrEqualTo(before.netKw(t) - fraction * e.getValue() + 1e-6);
        }
        double energy = f.offer().energyKwh(0.25);
        assertThat(a.paymentsEur()).isCloseTo(fraction * f.offer().price() * energy, offset(1e-12));
        // the bill moves by the fraction of the activated schedule's extra cost
        assertThat(a.operated().billEur() - before.billEur()).isCloseTo(fraction * f.extraBill(), offset(1e-9));
        // an ordered home offers nothing more and takes no second order
        assertThat(a.offers(FlexibilityDeriver.Settings.defaults(), "TX1", FlexOffer.Direction.DOWN, slots))
                .isEmpty();
        assertThatThrownBy(() -> a.activate(f, 1.0)).hasMessageContaining("already runs an order");
    }

    @Test
    void aHomeWithoutFlexibleDevicesOffersNothing() {
        CemsAgent a = new CemsAgent(plainHome, 0, new CemsOptimiser());
        a.optimise();
        assertThat(CemsAgent.canAct(plainHome.day(), FlexOffer.Direction.DOWN, 0, 96))
                .isFalse();
        assertThat(a.offers(FlexibilityDeriver.Settings.defaults(), "TX1", FlexOffer.Direction.DOWN, new int[] {70}))
                .isEmpty();
    }

    @Test
    void requestedSlotsSplitIntoRuns() {
        List<int[]> runs = CemsAgent.runs(new int[] {3, 4, 5, 9, 11, 12});
        assertThat(runs).containsExactly(new int[] {3, 6}, new int[] {9, 10}, new int[] {11, 13});
        assertThat(CemsAgent.runs(new int[0])).isEmpty();
    }

    @Test
    void aMixOfTwoSchedulesIsLinear() {
        Schedule x =
                new Schedule(new double[] {2, 0}, new double[] {0, 1}, new double[] {0, 2}, new double[] {2, 1}, 1.0);
        Schedule y =
                new Schedule(new double[] {0, 0}, new double[] {0, 3}, new double[] {0, 3}, new double[] {0, 0}, 3.0);
        Schedule m = x.mix(y, 0.25);
        assertThat(m.importKw()).containsExactly(1.5, 0.0);
        assertThat(m.exportKw()).containsExactly(0.0, 1.5);
        assertThat(m.netKw(1)).isEqualTo(-1.5);
        assertThat(m.billEur()).isEqualTo(1.5);
    }
}
