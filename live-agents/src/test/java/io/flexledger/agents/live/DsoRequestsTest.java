package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.dso.DsoAgent;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DSO's live requests on the baseline of the homes taking part. */
class DsoRequestsTest {

    private static final LvNetwork NET = PontypoolNetwork.create();
    private static List<CemsAgent> twelve;

    @BeforeAll
    static void optimiseTwelveHomes() {
        ScenarioGenerator gen = new ScenarioGenerator(NET, ScenarioGenerator.DEFAULT_SEED);
        CemsOptimiser optimiser = new CemsOptimiser();
        twelve = new ArrayList<>();
        for (int h = 0; h < 12; h++) {
            CemsAgent a = new CemsAgent(gen.generate(Scenario.of(12), TypicalDay.of(1), h), h, optimiser);
            a.optimise();
            twelve.add(a);
        }
    }

    @Test
    void twelveHomesCongestNothingAndRequestNothingUnlessForced() {
        DsoAgent dso = new DsoAgent(NET, DsoAgent.Settings.defaults());

        DsoRequests.Plan plain = DsoRequests.plan(NET, dso, twelve, ScenarioGenerator.SLOTS, null);
        DsoRequests.Plan forced = DsoRequests.plan(NET, dso, twelve, ScenarioGenerator.SLOTS, 5.0);

        assertThat(plain.congestedSlots()).isZero();
        assertThat(plain.requests()).isEmpty();
        assertThat(forced.requests()).hasSize(1);
        DsoRequests.PointRequest r = forced.requests().get(0);
        assertThat(r.forced()).isTrue();
        assertThat(r.point().isTransformer()).isTrue();
        assertThat(r.kwBySlot())
                .hasSize(DsoRequests.FORCED_SLOTS)
                .allSatisfy((t, kw) -> assertThat(kw).isEqualTo(5.0));
        // the forced hour is the one with the highest net load of the twelve homes
        double best = Double.NEGATIVE_INFINITY;
        int bestStart = -1;
        for (int t = 0; t + 4 <= ScenarioGenerator.SLOTS; t++) {
            double sum = 0;
            for (int k = t; k < t + 4; k++) {
                for (CemsAgent a : twelve) {
                    sum += a.planned().netKw(k);
                }
            }
            if (sum > best + 1e-9) {
                best = sum;
                bestStart = t;
            }
        }
        assertThat(r.kwBySlot().firstKey()).isEqualTo(bestStart);
    }

    @Test
    void homesNotTakingPartDrawNothing() {
        double[][] kw = DsoRequests.netKw(NET, twelve, false, ScenarioGenerator.SLOTS);
        assertThat(kw).hasNumberOfRows(NET.homeCount());
        for (int h = 12; h < NET.homeCount(); h++) {
            assertThat(kw[h]).containsOnly(0.0);
        }
        assertThat(kw[3][70]).isEqualTo(twelve.get(3).planned().netKw(70));
    }
}
