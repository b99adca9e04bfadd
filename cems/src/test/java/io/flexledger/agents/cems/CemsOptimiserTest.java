package io.flexledger.agents.cems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.cems.solver.GlopBranchAndBound;
import io.flexledger.agents.cems.solver.OrToolsMilp;
import io.flexledger.clearing.testing.Formats;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Small hand-built days whose optimum is worked out by hand, on both exact backends. */
class CemsOptimiserTest {

    static Stream<CemsOptimiser> optimisers() {
        return Stream.of(
                new CemsOptimiser(new GlopBranchAndBound()),
                new CemsOptimiser(new OrToolsMilp(OrToolsMilp.Engine.CBC)));
    }

    private static HomeDay hourly(
            double[] importPrice,
            double[] exportPrice,
            double maxImportKw,
            double maxExportKw,
            double[] base,
            double[] pv,
            HomeDay.Battery battery,
            HomeDay.Ev ev,
            List<HomeDay.Deferrable> deferrable,
            List<HomeDay.Interruptible> interruptible) {
        return new HomeDay(
                "t",
                60,
                base.length,
                importPrice,
                exportPrice,
                maxImportKw,
                maxExportKw,
                base,
                pv,
                battery,
                ev,
                deferrable,
                interruptible);
    }

    private static double[] zeros(int n) {
        return new double[n];
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void deferrableRunsInTheCheapestWindow(CemsOptimiser o) {
        // starts 0, 1, 2 cost 0.7, 0.3, 0.5 on top of the base load's 0.8
        HomeDay d = hourly(
                new double[] {0.3, 0.1, 0.1, 0.3},
                zeros(4),
                9,
                5,
                new double[] {1, 1, 1, 1},
                zeros(4),
                null,
                null,
                List.of(new HomeDay.Deferrable("wm", new double[] {2, 1}, 0, 4)),
                List.of());
        CemsResult r = o.solve(d);
        assertThat(r.deferrableStart()).containsEntry("wm", 1);
        assertThat(r.bill()).isCloseTo(1.1, within(1e-9));
        assertThat(r.importKw()).containsExactly(new double[] {1, 3, 2, 1}, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void batteryShiftsCheapEnergyThroughItsLosses(CemsOptimiser o) {
        // 2 kWh at the expensive hour need 2/0.8 stored, i.e. 2.5/0.9 charged at 0.1 EUR/kWh
        HomeDay d = hourly(
                new double[] {0.1, 0.5},
                zeros(2),
                9,
                5,
                new double[] {0, 2},
                zeros(2),
                new HomeDay.Battery(4, 3, 3, 0.9, 0.8, 0, 0, 0),
                null,
                List.of(),
                List.of());
        CemsResult r = o.solve(d);
        assertThat(r.bill()).isCloseTo(0.1 * 2.5 / 0.9, within(1e-9));
        assertThat(r.dischargeKw()[1]).isCloseTo(2, within(1e-9));
        assertThat(r.importKw()[1]).isCloseTo(0, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void pvBeyondTheExportLimitIsCurtailed(CemsOptimiser o) {
        HomeDay d = hourly(
                new double[] {0.2},
                new double[] {0.05},
                9,
                4,
                new double[] {1},
                new double[] {10},
                null,
                null,
                List.of(),
                List.of());
        CemsResult r = o.solve(d);
        assertThat(r.exportKw()[0]).isCloseTo(4, within(1e-9));
        assertThat(r.pvUsedKw()[0]).isCloseTo(5, within(1e-9));
        assertThat(r.bill()).isCloseTo(-0.2, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void evAndInterruptibleFillTheCheapestSlotsOfTheirWindows(CemsOptimiser o) {
        HomeDay d = hourly(
                new double[] {0.3, 0.2, 0.1},
                zeros(3),
                9,
                5,
                zeros(3),
                zeros(3),
                null,
                new HomeDay.Ev(0, 2, 5, 3),
                List.of(),
                List.of(new HomeDay.Interruptible("wh", 1.5, 1, 1, 3)));
        CemsResult r = o.solve(d);
        // EV: 3 kWh at 0.2 and 2 kWh at 0.3; heater: 0.5 kWh at 0.2 and 1 kWh at 0.1
        assertThat(r.evKw()).containsExactly(new double[] {2, 3, 0}, within(1e-9));
        assertThat(r.interruptibleKw().get("wh")).containsExactly(new double[] {0, 0.5, 1}, within(1e-9));
        assertThat(r.bill()).isCloseTo(1.2 + 0.2, within(1e-9));
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void reproducesTheExampleOptimum(CemsOptimiser o) throws Exception {
        HomeDay d = HomeDayJson.read(Formats.example("home-day-small.json"));
        assertThat(o.solve(d).bill()).isCloseTo(2.9539948060941814, within(1e-6 * 2.95));
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void infeasibleDaysNameTheirConstraint(CemsOptimiser o) {
        double[] p = {0.2, 0.2};
        assertThatThrownBy(() -> o.solve(hourly(
                        p, zeros(2), 9, 5, zeros(2), zeros(2), null, new HomeDay.Ev(0, 1, 5, 3), List.of(), List.of())))
                .isInstanceOf(InfeasibleProblemException.class)
                .hasMessageStartingWith("$.ev.energyKwh");
        assertThatThrownBy(() -> o.solve(hourly(
                        p,
                        zeros(2),
                        9,
                        5,
                        zeros(2),
                        zeros(2),
                        new HomeDay.Battery(4, 1, 1, 1, 1, 0.2, 0.5, 0.5),
                        null,
                        List.of(),
                        List.of())))
                .isInstanceOf(InfeasibleProblemException.class)
                .hasMessageStartingWith("$.battery.initialSocKwh");
        assertThatThrownBy(() -> o.solve(hourly(
                        p,
                        zeros(2),
                        9,
                        5,
                        zeros(2),
                        zeros(2),
                        null,
                        null,
                        List.of(new HomeDay.Deferrable("wm", new double[] {1, 1}, 1, 2)),
                        List.of())))
                .isInstanceOf(InfeasibleProblemException.class)
                .hasMessageStartingWith("$.deferrable[0]");
        assertThatThrownBy(() -> o.solve(
                        hourly(p, zeros(2), 1, 5, new double[] {0.5, 2}, zeros(2), null, null, List.of(), List.of())))
                .isInstanceOf(InfeasibleProblemException.class)
                .hasMessageStartingWith("$.maxImportKw");
        // passes every single-device test, but a 3 kW run never fits under a 1 kW import limit
        assertThatThrownBy(() -> o.solve(hourly(
                        p,
                        zeros(2),
                        1,
                        5,
                        zeros(2),
                        zeros(2),
                        null,
                        null,
                        List.of(new HomeDay.Deferrable("wm", new double[] {3}, 0, 2)),
                        List.of())))
                .isInstanceOf(InfeasibleProblemException.class)
                .hasMessageStartingWith("$: no schedule");
    }
}
