package io.flexledger.agents.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.aggregator.Schedule;
import io.flexledger.clearing.model.Offer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayKpisTest {

    @Test
    void selfConsumptionIsPvUsedMinusExportPerSlot() {
        Schedule s = new Schedule(
                new double[] {0, 1, 0}, new double[] {1, 0, 3}, new double[] {2, 0, 2}, new double[] {1, 1, 0}, 0);
        double[] r = DayKpis.selfConsumption(s, 0.5);
        assertThat(r[0]).isEqualTo(2.0);
        // slot 0: 2 - 1 on site; slot 2: export beyond PV counts as 0
        assertThat(r[1]).isEqualTo(0.5);
    }

    @Test
    void offeredEnergyTakesTheLargestOfferOfEachHome() {
        Offer a = new Offer("a", "agr-1", "TX1", "h1", new int[] {1, 2}, new double[] {2, 2}, 0.2, 1);
        Offer b = new Offer("b", "agr-1", "TX1", "h1", new int[] {1, 2}, new double[] {3, 0}, 0.2, 1);
        Offer c = new Offer("c", "agr-2", "TX1", "h2", new int[] {2}, new double[] {1}, 0.2, 1);
        assertThat(DayKpis.largestPerAsset(List.of(a, b, c), 0.25)).isEqualTo(1.25);
    }
}
