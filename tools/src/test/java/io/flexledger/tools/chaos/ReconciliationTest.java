package io.flexledger.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    @Test
    void everyAcknowledgedRecordFoundOnceIsClean() {
        var outcome = Reconciliation.of(
                Map.of("o1", "aggregator1 3", "o2", "aggregator2 4"),
                List.of(Map.entry("o1", "aggregator1 3"), Map.entry("o2", "aggregator2 4"), Map.entry("o3", "x")));

        assertThat(outcome.clean()).isTrue();
        assertThat(outcome.found()).isEqualTo(2);
    }

    @Test
    void aMissingRecordIsLostAndASecondCopyOrOtherContentIsADuplicate() {
        var outcome = Reconciliation.of(
                Map.of("o1", "a 1", "o2", "a 2", "o3", "a 3"),
                List.of(Map.entry("o2", "a 2"), Map.entry("o2", "a 2"), Map.entry("o3", "a 9")));

        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.lost()).containsExactly("o1");
        assertThat(outcome.duplicated()).hasSize(2);
        assertThat(outcome.duplicated().get(0)).startsWith("o2 (2 copies)");
        assertThat(outcome.duplicated().get(1)).contains("stored a 9, acknowledged a 3");
        assertThat(outcome.found()).isZero();
    }
}
