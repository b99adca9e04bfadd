package io.flexledger.agents.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PontypoolNetworkTest {

    private final LvNetwork net = PontypoolNetwork.create();

    @Test
    void has184HomesOnFourFeedersUnderOneTransformer() {
        assertThat(net.homeCount()).isEqualTo(184);
        assertThat(net.feederIds()).containsExactly("F1", "F2", "F3", "F4");
        assertThat(net.transformer().id()).isEqualTo("TX1");
        assertThat(net.transformer().ratedKva()).isEqualTo(500);
        assertThat(net.homes().get(16).id()).isEqualTo("pontypool-017");
        assertThat(net.homes().get(183).id()).isEqualTo("pontypool-184");
    }

    @Test
    void transformerImpedanceIsFourPointSevenFivePercent() {
        Transformer tx = net.transformer();
        // base impedance 0.4^2 / 0.5 = 0.32 ohm
        assertThat(Math.hypot(tx.rOhm(), tx.xOhm()))
                .isCloseTo(0.0475 * 0.32, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(tx.xOhm() / tx.rOhm()).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(tx.ratedCurrentA()).isCloseTo(721.7, org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void phasesAreBalancedWithinTwoHomes() {
        var perPhase =
                net.homes().stream().collect(Collectors.groupingBy(LvNetwork.Home::phase, Collectors.counting()));
        assertThat(perPhase).hasSize(3);
        long min = perPhase.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = perPhase.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(2);
    }

    @Test
    void everyFeederStartsWithOneHeadCable() {
        var heads = net.joints().stream().filter(j -> j.parent() < 0).collect(Collectors.toList());
        assertThat(heads).hasSize(4);
        assertThat(heads).allMatch(j -> j.cable().equals(CableType.AL_300));
    }
}
