package io.flexledger.agents.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PowerFlowTest {

    private static final LvNetwork PONTYPOOL = PontypoolNetwork.create();

    /** One feeder, three joints, one home per phase at the far joint. */
    private static LvNetwork smallFeeder(double ratedKva, double jointSpacingM) {
        Transformer tx = new Transformer("TX", ratedKva, 11, 0.4, 4.75, 4.0, 1.0);
        LvNetwork.Builder b = LvNetwork.builder(tx, 230);
        int f = b.feeder("F1");
        int j0 = b.joint(-1, f, CableType.AL_185, jointSpacingM);
        int j1 = b.joint(j0, f, CableType.AL_95, jointSpacingM);
        int j2 = b.joint(j1, f, CableType.AL_95, jointSpacingM);
        for (int p = 0; p < 3; p++) {
            b.home("h" + p, j2, p, CableType.CU_35_SERVICE, 10);
        }
        return b.build();
    }

    private static GridState solve(LvNetwork net, double[] kw, double powerFactor) {
        PowerFlow pf = new PowerFlow(net);
        GridState s = pf.newState();
        double tan = Math.tan(Math.acos(powerFactor));
        double[] kvar = Arrays.stream(kw).map(p -> Math.max(p, 0) * tan).toArray();
        pf.solve(kw, kvar, s);
        return s;
    }

    private static double[] uniform(int n, double kw) {
        double[] a = new double[n];
        Arrays.fill(a, kw);
        return a;
    }

    @Test
    void noLoadLeavesEveryNodeAtTheSourceVoltage() {
        GridState s = solve(PONTYPOOL, new double[PontypoolNetwork.HOMES], 1.0);

        assertThat(s.converged()).isTrue();
        assertThat(s.transformerKva()).isCloseTo(0, within(1e-9));
        assertThat(s.minVoltagePu()).isCloseTo(PontypoolNetwork.SOURCE_VOLTAGE_PU, within(1e-9));
        assertThat(s.maxVoltagePu()).isCloseTo(PontypoolNetwork.SOURCE_VOLTAGE_PU, within(1e-9));
        assertThat(s.congested()).isFalse();
    }

    @Test
    void aModerateEveningLoadIsNotCongested() {
        // 1.2 kW per home at pf 0.95: about 220 kW on a 500 kVA transformer
        GridState s = solve(PONTYPOOL, uniform(PontypoolNetwork.HOMES, 1.2), 0.95);

        assertThat(s.transformerKva()).isBetween(1.2 * 184 / 0.95, 1.2 * 184 / 0.95 * 1.03);
        assertThat(s.transformerLoadingPct()).isBetween(40.0, 50.0);
        assertThat(s.violations()).isEmpty();
        // voltage falls along every feeder but stays in band
        for (int f = 0; f < 4; f++) {
            assertThat(s.feederMinVoltagePu(f)).isLessThan(s.busbarVoltagePu(0)).isGreaterThan(0.94);
        }
    }

    @Test
    void transformerLoadingIsTheSumOfTheHomesPlusLosses() {
        double[] kw = uniform(PontypoolNetwork.HOMES, 2.0);
        GridState s = solve(PONTYPOOL, kw, 1.0);

        double homes = 2.0 * PontypoolNetwork.HOMES;
        // apparent power at the busbar covers the homes and the cable losses, a few percent at most
        assertThat(s.transformerKva()).isGreaterThan(homes).isLessThan(homes * 1.05);
    }

    @Test
    void detectsAnOverloadedTransformer() {
        // 3 kW per home: 552 kW on 500 kVA
        GridState s = solve(PONTYPOOL, uniform(PontypoolNetwork.HOMES, 3.0), 0.95);

        assertThat(s.transformerOverloaded()).isTrue();
        assertThat(s.transformerLoadingPct()).isGreaterThan(100);
        assertThat(s.congested()).isTrue();
        assertThat(s.violations()).anyMatch(v -> v.startsWith("TX1 overload"));
    }

    @Test
    void detectsAnOverloadedCableWithoutATransformerOverload() {
        // a big transformer, short cables: only the 120 A service cable of home 0 is over its rating
        LvNetwork net = smallFeeder(2000, 5);
        GridState s = solve(net, new double[] {30, 1, 1}, 1.0);

        assertThat(s.transformerOverloaded()).isFalse();
        assertThat(s.homeServiceCurrentA(0)).isGreaterThan(120);
        assertThat(s.feederOverloaded(0)).isTrue();
        assertThat(s.feederVoltageViolated(0)).isFalse();
        assertThat(s.violations())
                .containsExactly(String.format("F1 cable overload %.1f%%", 100 * s.homeServiceCurrentA(0) / 120));
    }

    @Test
    void detectsAFeederHeadOverload() {
        LvNetwork net = smallFeeder(2000, 5);
        // 3 x 75 kW through these short cables: over 300 A per phase in the 185 mm² head (295 A)
        GridState s = solve(net, new double[] {75, 75, 75}, 1.0);

        assertThat(s.feederHeadCurrentA(0)).isGreaterThan(295);
        assertThat(s.feederHeadRatingA(0)).isEqualTo(295);
        assertThat(s.feederOverloaded(0)).isTrue();
    }

    @Test
    void detectsUnderVoltageOnALongFeeder() {
        // 3 x 200 m of cable with 20 kW per phase at the end (under 100 A): the far end drops below 0.94 pu
        LvNetwork net = smallFeeder(2000, 200);
        GridState s = solve(net, new double[] {20, 20, 20}, 0.95);

        assertThat(s.feederOverloaded(0)).isFalse();
        assertThat(s.feederMinVoltagePu(0)).isLessThan(0.94);
        assertThat(s.homeVoltagePu(0)).isLessThan(0.94);
        assertThat(s.violations()).anyMatch(v -> v.startsWith("F1 undervoltage"));
    }

    @Test
    void detectsOverVoltageFromExport() {
        LvNetwork net = smallFeeder(2000, 200);
        // 40 kW exported per phase at the far end raises it above 1.10 pu from a 1.0 pu source
        GridState s = solve(net, new double[] {-40, -40, -40}, 1.0);

        assertThat(s.feederMaxVoltagePu(0)).isGreaterThan(1.10);
        assertThat(s.violations()).anyMatch(v -> v.startsWith("F1 overvoltage"));
    }

    @Test
    void unbalancedLoadLoadsOnePhaseOnly() {
        LvNetwork net = smallFeeder(500, 20);
        GridState s = solve(net, new double[] {10, 0, 0}, 1.0);

        assertThat(s.jointCurrentA(0, 0)).isGreaterThan(40);
        assertThat(s.jointCurrentA(0, 1)).isCloseTo(0, within(1e-9));
        assertThat(s.homeVoltagePu(0)).isLessThan(s.homeVoltagePu(1));
        // transformer loading follows the worst phase
        assertThat(s.transformerCurrentA()).isCloseTo(s.jointCurrentA(0, 0), within(1e-9));
    }

    @Test
    void homesOnTheFarEndSeeLowerVoltageThanHomesNearTheSubstation() {
        GridState s = solve(PONTYPOOL, uniform(PontypoolNetwork.HOMES, 2.0), 0.95);
        // pontypool-001 is the first home of F1, pontypool-036 the last home of F1's trunk
        assertThat(s.homeVoltagePu(0)).isGreaterThan(s.homeVoltagePu(35));
    }

    @Test
    void reusedStateIsFullyOverwritten() {
        PowerFlow pf = new PowerFlow(PONTYPOOL);
        GridState s = pf.newState();
        double[] zero = new double[PontypoolNetwork.HOMES];
        pf.solve(uniform(PontypoolNetwork.HOMES, 3.5), zero, s);
        assertThat(s.congested()).isTrue();

        pf.solve(uniform(PontypoolNetwork.HOMES, 0.5), zero, s);

        assertThat(s.congested()).isFalse();
        assertThat(s.transformerLoadingPct()).isLessThan(25);
    }
}
