package io.flexledger.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.tools.chaos.ChaosOptions.Kind;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

    @Test
    void defaultsKillOneProcessOfEveryKindOverFiveMinutes() {
        ChaosOptions o = ChaosOptions.parse();

        assertThat(o.kinds()).containsExactly(Kind.values());
        assertThat(o.durationSeconds()).isEqualTo(300);
    }

    @Test
    void kindsAreTakenInTheOrderGiven() {
        ChaosOptions o = ChaosOptions.parse("--kill", "peer,orderer,bridge", "--duration", "120", "--seed", "7");

        assertThat(o.kinds()).containsExactly(Kind.PEER, Kind.ORDERER, Kind.BRIDGE);
        assertThat(o.seed()).isEqualTo(7);
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThatThrownBy(() -> ChaosOptions.parse("--kill", "orderer,dns"))
                .hasMessageContaining("unknown kind 'dns'");
        assertThatThrownBy(() -> ChaosOptions.parse("--duration", "ten")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> ChaosOptions.parse("--duration", "20", "--warmup", "30"))
                .hasMessageContaining("--warmup");
        assertThatThrownBy(() -> ChaosOptions.parse("--duration")).hasMessageContaining("needs a value");
    }

    @Test
    void processesAreMatchedToTheirKind() {
        assertThat(Kind.ORDERER.matches("orderer.aggregator2")).isTrue();
        assertThat(Kind.PEER.matches("peer0.dso")).isTrue();
        assertThat(Kind.API.matches("api.dso")).isFalse();
        assertThat(Kind.API.matches("api.aggregator1")).isTrue();
        assertThat(Kind.BRIDGE.matches("device-bridge")).isTrue();
    }
}
