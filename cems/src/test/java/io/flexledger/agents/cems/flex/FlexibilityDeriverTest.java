package io.flexledger.agents.cems.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.HomeDayGenerator;
import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.clearing.testing.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlexibilityDeriverTest {

    private static final double MARGIN = 0.02;
    private final CemsOptimiser optimiser = new CemsOptimiser();
    private final FlexibilityDeriver perSlot =
            new FlexibilityDeriver(new FlexibilityDeriver.Settings(MARGIN, 1, 0.1, 0.1, 0.01));

    private static HomeDay hourly(
            double[] price, double[] base, HomeDay.Battery bat, HomeDay.Ev ev, List<HomeDay.Deferrable> defs) {
        int n = price.length;
        return new HomeDay("home-1", 60, n, price, new double[n], 9, 5, base, new double[n], bat, ev, defs, List.of());
    }

    @Test
    void batteryDischargeIsOfferedAtTheCostOfRechargingIt() {
        // flat 0.2 EUR/kWh, no export revenue, 90 % charging efficiency (so the baseline leaves the battery
        // idle): discharging 2 kW in slot 1 saves 1 kWh of import but 2 / 0.9 kWh must be bought to
        // restore the final SoC, so the bill rises by 0.2 * (2 / 0.9 - 1) EUR for 2 kWh of flexibility
        HomeDay day = hourly(
                new double[] {0.2, 0.2, 0.2, 0.2},
                new double[] {1, 1, 1, 1},
                new HomeDay.Battery(4, 2, 2, 0.9, 1, 2, 0, 2),
                null,
                List.of());
        CemsResult opt = optimiser.solve(day);
        List<Flexibility> offers = perSlot.derive(day, opt, "TX1", FlexOffer.Direction.DOWN, 1, 2);
        assertThat(offers).hasSize(1);
        FlexOffer o = offers.get(0).offer();
        assertThat(o.asset()).isEqualTo("home-1");
        assertThat(o.congestionPoint()).isEqualTo("TX1");
        assertThat(o.kwBySlot()).containsOnlyKeys(1);
        assertThat(o.kwBySlot().get(1)).isCloseTo(2.0, within(1e-9));
        double extra = 0.2 * (2 / 0.9 - 1);
        assertThat(offers.get(0).extraBill()).isCloseTo(extra, within(1e-7));
        assertThat(o.price()).isCloseTo(extra / 2 + MARGIN, within(1e-7));
        assertThat(o.minActivation()).isEqualTo(0.1);
        assertThat(offers.get(0).activated().netLoadKw()[1]).isLessThanOrEqualTo(1 - 2 + 1e-7);
    }

    @Test
    void aHomeWithoutControllableDevicesOffersNothing() {
        HomeDay day = hourly(new double[] {0.2, 0.3}, new double[] {1, 1}, null, null, List.of());
        CemsResult opt = optimiser.solve(day);
        assertThat(perSlot.derive(day, opt, "TX1", FlexOffer.Direction.DOWN, 0, 2))
                .isEmpty();
        assertThat(perSlot.derive(day, opt, "TX1", FlexOffer.Direction.UP, 0, 2))
                .isEmpty();
    }

    @Test
    void evChargingMovedIntoADearerSlotIsPricedAtThePriceDifference() {
        // the EV takes 2 kWh in the cheapest slot 0; charging it in slot 2 instead costs 2 * (0.3 - 0.1)
        HomeDay day =
                hourly(new double[] {0.1, 0.2, 0.3, 0.4}, new double[4], null, new HomeDay.Ev(0, 4, 2, 2), List.of());
        CemsResult opt = optimiser.solve(day);
        List<Flexibility> up = perSlot.derive(day, opt, "F2", FlexOffer.Direction.UP, 2, 3);
        assertThat(up).hasSize(1);
        assertThat(up.get(0).offer().kwBySlot().get(2)).isCloseTo(2.0, within(1e-9));
        assertThat(up.get(0).offer().price()).isCloseTo(0.2 + MARGIN, within(1e-7));
        assertThat(up.get(0).activated().evKw()[2]).isCloseTo(2.0, within(1e-7));
    }

    @Test
    void movingADeferrableMakesTheOfferAllOrNothing() {
        HomeDay day = hourly(
                new double[] {0.1, 0.3},
                new double[2],
                null,
                null,
                List.of(new HomeDay.Deferrable("wm", new double[] {2}, 0, 2)));
        CemsResult opt = optimiser.solve(day);
        assertThat(opt.deferrableStart()).containsEntry("wm", 0);
        List<Flexibility> down = perSlot.derive(day, opt, "TX1", FlexOffer.Direction.DOWN, 0, 1);
        assertThat(down).hasSize(1);
        FlexOffer o = down.get(0).offer();
        assertThat(o.kwBySlot().get(0)).isCloseTo(2.0, within(1e-9));
        assertThat(o.price()).isCloseTo(0.2 + MARGIN, within(1e-7));
        assertThat(o.minActivation()).isEqualTo(1.0);
        assertThat(down.get(0).activated().deferrableStart()).containsEntry("wm", 1);
    }

    @Test
    void everyOfferOnGeneratedDaysIsDeliveredByAValidScheduleAndKeepsTheBillWhole(@TempDir Path dir) throws Exception {
        Formats.assumeChecker();
        FlexibilityDeriver hourBlocks = new FlexibilityDeriver(FlexibilityDeriver.Settings.defaults());
        int offers = 0;
        for (int seed = 0; seed < 4; seed++) {
            HomeDay day = HomeDayGenerator.generate(300 + seed);
            CemsResult opt = optimiser.solve(day);
            double[] base = opt.netLoadKw();
            for (FlexOffer.Direction dir2 : FlexOffer.Direction.values()) {
                for (Flexibility f : hourBlocks.derive(day, opt, "TX1", dir2, 64, 80)) {
                    offers++;
                    double[] act = f.activated().netLoadKw();
                    for (var e : f.offer().kwBySlot().entrySet()) {
                        int t = e.getKey();
                        double moved = dir2 == FlexOffer.Direction.DOWN ? base[t] - act[t] : act[t] - base[t];
                        // the activated schedule moves the net load at least as offered
                        assertThat(moved).isGreaterThanOrEqualTo(e.getValue() - 1e-6);
                    }
                    // payment at full activation covers the bill increase
                    double paid = f.offer().price() * f.offer().energyKwh(day.hoursPerSlot());
                    assertThat(paid).isGreaterThanOrEqualTo(f.activated().bill() - opt.bill() - 1e-9);
                    // and the activated schedule is a valid schedule of the same home-day
                    Path p = dir.resolve("p.json");
                    Path r = dir.resolve("r.json");
                    Files.writeString(p, HomeDayJson.write(day));
                    Files.writeString(r, HomeDayJson.write(f.activated()));
                    assertThat(Formats.check(p, r)).as(f.offer().id()).startsWith("OK");
                }
            }
        }
        assertThat(offers).isGreaterThan(5);
    }
}
