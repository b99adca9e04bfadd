package io.flexledger.agents.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.Household.Technology;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {

    private static final LvNetwork NET = PontypoolNetwork.create();
    private static final ScenarioGenerator GEN = new ScenarioGenerator(NET, ScenarioGenerator.DEFAULT_SEED);

    private static List<String> json(ScenarioGenerator g, int scenario, int day) {
        return g.generate(Scenario.of(scenario), TypicalDay.of(day)).stream()
                .map(h -> HomeDayJson.write(h.day()))
                .toList();
    }

    @Test
    void sameSeedScenarioAndDayGiveByteIdenticalHomeDays() {
        ScenarioGenerator other = new ScenarioGenerator(PontypoolNetwork.create(), ScenarioGenerator.DEFAULT_SEED);
        assertThat(json(other, 7, 4)).isEqualTo(json(GEN, 7, 4));
        // generating one home alone gives the same as generating the whole community
        assertThat(HomeDayJson.write(
                        other.generate(Scenario.of(7), TypicalDay.of(4), 16).day()))
                .isEqualTo(json(GEN, 7, 4).get(16));
    }

    @Test
    void anotherSeedGivesAnotherCommunity() {
        ScenarioGenerator other = new ScenarioGenerator(NET, 99);
        List<String> a = json(GEN, 7, 4);
        List<String> b = json(other, 7, 4);
        long same = java.util.stream.IntStream.range(0, a.size())
                .filter(i -> a.get(i).equals(b.get(i)))
                .count();
        assertThat(same).isZero();
    }

    @Test
    void idsNameHomeScenarioAndDay() {
        GeneratedHome h = GEN.generate(Scenario.of(5), TypicalDay.of(3), 16);
        assertThat(h.id()).isEqualTo("pontypool-017-s05-d03");
        assertThat(h.day().slots()).isEqualTo(96);
        assertThat(h.day().slotMinutes()).isEqualTo(15);
    }

    @Test
    void scenarioOneHasNoSmartTechnology() {
        for (GeneratedHome h : GEN.generate(Scenario.of(1), TypicalDay.of(1))) {
            HomeDay d = h.day();
            assertThat(d.battery()).isNull();
            assertThat(d.ev()).isNull();
            assertThat(d.deferrable()).isEmpty();
            assertThat(d.interruptible()).isEmpty();
            assertThat(d.pvKw()).containsOnly(0.0);
        }
    }

    @Test
    void penetrationMatchesTheScenarioSharesAndRises() {
        int previousPv = -1;
        for (Scenario s : Scenario.ALL) {
            int pv = 0;
            int battery = 0;
            int ev = 0;
            int smart = 0;
            int heater = 0;
            for (Household hh : GEN.households()) {
                pv += hh.has(Technology.PV, s, 184) ? 1 : 0;
                battery += hh.hasBattery(s, 184) ? 1 : 0;
                ev += hh.has(Technology.EV, s, 184) ? 1 : 0;
                smart += hh.has(Technology.SMART_APPLIANCES, s, 184) ? 1 : 0;
                heater += hh.has(Technology.HEATER, s, 184) ? 1 : 0;
                // every battery home has PV
                if (hh.hasBattery(s, 184)) {
                    assertThat(hh.has(Technology.PV, s, 184)).isTrue();
                }
            }
            assertThat(pv).isEqualTo(Math.round(s.pvShare() * 184));
            assertThat(battery).isEqualTo(Math.round(s.batteryShare() * 184));
            assertThat(ev).isEqualTo(Math.round(s.evShare() * 184));
            assertThat(smart).isEqualTo(Math.round(s.smartApplianceShare() * 184));
            assertThat(heater).isEqualTo(Math.round(s.heaterShare() * 184));
            assertThat(pv).isGreaterThan(previousPv);
            previousPv = pv;
        }
    }

    @Test
    void adoptionIsNested() {
        for (Household hh : GEN.households()) {
            for (Technology t : Technology.values()) {
                boolean had = false;
                for (Scenario s : Scenario.ALL) {
                    boolean has = hh.has(t, s, 184);
                    // a technology once adopted stays
                    assertThat(!had || has)
                            .as("%s %s in s%d", hh.home().id(), t, s.number())
                            .isTrue();
                    had = has;
                }
            }
        }
    }

    @Test
    void behaviourDoesNotDependOnTheScenario() {
        List<GeneratedHome> none = GEN.generate(Scenario.of(1), TypicalDay.of(5));
        List<GeneratedHome> some = GEN.generate(Scenario.of(6), TypicalDay.of(5));
        int compared = 0;
        for (int i = 0; i < 184; i++) {
            Household hh = some.get(i).household();
            if (!hh.has(Technology.SMART_APPLIANCES, Scenario.of(6), 184)) {
                // without smart appliances the appliances stay in the base load, exactly as in scenario 1
                assertThat(some.get(i).day().baseLoadKw())
                        .isEqualTo(none.get(i).day().baseLoadKw());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    @Test
    void everyHomeDayOfScenarioTwelveIsWellFormedAndHasAFeasibleSchedule() {
        for (TypicalDay day : TypicalDay.all()) {
            for (GeneratedHome g : GEN.generate(Scenario.of(12), day)) {
                HomeDay d = g.day();
                String json = HomeDayJson.write(d);
                // the CEMS codec accepts it and reads back the same document
                assertThat(HomeDayJson.write(HomeDayJson.read(json))).isEqualTo(json);
                for (int t = 0; t < 96; t++) {
                    assertThat(d.exportPrice()[t]).isLessThanOrEqualTo(d.importPrice()[t]);
                    assertThat(d.baseLoadKw()[t]).isPositive();
                    assertThat(d.pvKw()[t]).isBetween(0.0, d.maxExportKw());
                }
                assertThat(FeasibleSchedule.peakImportKw(d)).as(d.id()).isLessThanOrEqualTo(d.maxImportKw());
            }
        }
    }

    @Test
    void dryerWindowStartsWhereTheWashersEnds() {
        int pairs = 0;
        for (GeneratedHome g : GEN.generate(Scenario.of(12), TypicalDay.of(2))) {
            List<HomeDay.Deferrable> ds = g.day().deferrable();
            var washer =
                    ds.stream().filter(d -> d.name().equals("washing-machine")).findFirst();
            var dryer = ds.stream().filter(d -> d.name().equals("tumble-dryer")).findFirst();
            if (washer.isPresent() && dryer.isPresent()) {
                assertThat(dryer.get().earliestStartSlot())
                        .isEqualTo(washer.get().latestEndSlot());
                assertThat(washer.get().latestEndSlot() - washer.get().earliestStartSlot())
                        .isGreaterThanOrEqualTo(washer.get().length());
                assertThat(dryer.get().latestEndSlot() - dryer.get().earliestStartSlot())
                        .isGreaterThanOrEqualTo(dryer.get().length());
                pairs++;
            }
        }
        assertThat(pairs).isPositive();
    }

    @Test
    void pvFollowsTheSeasonsAndSleepsAtNight() {
        double winter = pvEnergy(1);
        double summer = pvEnergy(7);
        assertThat(summer).isGreaterThan(2 * winter);
        for (GeneratedHome g : GEN.generate(Scenario.of(12), TypicalDay.of(1))) {
            // nothing before 06:00 or after 20:00 in winter
            assertThat(Arrays.copyOfRange(g.day().pvKw(), 0, 24)).containsOnly(0.0);
            assertThat(Arrays.copyOfRange(g.day().pvKw(), 80, 96)).containsOnly(0.0);
        }
    }

    @Test
    void winterEveningsDrawMoreThanSummerEvenings() {
        assertThat(eveningKw(1)).isGreaterThan(eveningKw(7));
        assertThat(eveningKw(13)).isGreaterThan(eveningKw(1));
    }

    @Test
    void typicalDaysAreSeasonsTimesDayTypes() {
        assertThat(TypicalDay.of(1).label()).isEqualTo("winter weekday");
        assertThat(TypicalDay.of(3).label()).isEqualTo("winter sunday");
        assertThat(TypicalDay.of(15).label()).isEqualTo("cold-snap sunday");
        assertThat(TypicalDay.all()).hasSize(15);
        assertThatThrownBy(() -> TypicalDay.of(16)).hasMessageContaining("unknown day 16");
        assertThatThrownBy(() -> Scenario.of(0)).hasMessageContaining("unknown scenario 0");
    }

    private static double pvEnergy(int day) {
        return GEN.generate(Scenario.of(12), TypicalDay.of(day)).stream()
                .flatMapToDouble(g -> Arrays.stream(g.day().pvKw()))
                .sum();
    }

    // community base load 17:00-20:00
    private static double eveningKw(int day) {
        return GEN.generate(Scenario.of(1), TypicalDay.of(day)).stream()
                .flatMapToDouble(g -> Arrays.stream(g.day().baseLoadKw(), 68, 80))
                .sum();
    }
}
