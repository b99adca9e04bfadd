package io.flexledger.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void theOutageIsTheLongestStretchWithoutASuccessInTheFaultsWindow() {
        Timeline t = new Timeline();
        for (long ms = 100; ms <= 10_000; ms += 100) {
            // writes every 0.1 s, except from 4.0 s to 7.5 s
            if (ms <= 4000 || ms >= 7500) {
                t.success("offers aggregator1", ms);
            }
        }
        t.fault(new Timeline.Fault("orderer", "orderer.dso", 42, 3900));
        t.failedTry(4500);
        t.failedTry(5500);
        t.failedTry(9000);

        List<Timeline.Window> w = t.windows(0, 10_000);

        assertThat(w).hasSize(2);
        assertThat(w.get(0).fault()).isNull();
        assertThat(w.get(0).outageMillis()).containsEntry("offers aggregator1", 100L);
        assertThat(w.get(1).fault().process()).isEqualTo("orderer.dso");
        assertThat(w.get(1).outageMillis()).containsEntry("offers aggregator1", 3500L);
        assertThat(w.get(1).failedTries()).isEqualTo(3);
    }

    @Test
    void aStreamWithNoSuccessInAWindowWasOutForAllOfIt() {
        Timeline t = new Timeline();
        t.success("readings stored", 500);
        t.fault(new Timeline.Fault("postgres", "postgres", 7, 1000));
        t.fault(new Timeline.Fault("keycloak", "keycloak", 8, 4000));
        t.success("readings stored", 4500);

        List<Timeline.Window> w = t.windows(0, 5000);

        assertThat(w).extracting(x -> x.outageMillis().get("readings stored")).containsExactly(500L, 3000L, 500L);
    }

    @Test
    void longestGapCountsTheEdgesOfTheWindow() {
        assertThat(Timeline.longestGap(List.of(), 0, 800)).isEqualTo(800);
        assertThat(Timeline.longestGap(List.of(100L, 900L), 0, 1000)).isEqualTo(800);
        assertThat(Timeline.longestGap(List.of(50L, 100L), 0, 1000)).isEqualTo(900);
    }
}
