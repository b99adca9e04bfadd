package io.flexledger.agents.scenario;

import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.scenario.Household.Technology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the home-days of the Pontypool community for a scenario and a typical day.
 *
 * <p>Deterministic: the same network, seed, scenario and day give identical home-days (every value
 * comes from a random stream named by seed, purpose, home and day, and from {@link StrictMath}).
 * A home's behaviour on a day does not depend on the scenario: scenarios only add devices, so
 * results are comparable across scenarios. Thread-safe after construction.
 */
public final class ScenarioGenerator {

    /** Seed of the published campaign. */
    public static final long DEFAULT_SEED = 2017;
    /** Slot length, minutes. */
    public static final int SLOT_MINUTES = 15;
    /** Slots per day. */
    public static final int SLOTS = DayShapes.SLOTS;
    /** Power factor of household demand (PV runs at unity). */
    public static final double LOAD_POWER_FACTOR = 0.95;
    /** Import limit of a 60 A single-phase supply, kW. */
    static final double MAX_IMPORT_KW = 13.8;
    /** Import limit of an 80 A supply, fitted with an EV charger, kW. */
    static final double MAX_IMPORT_EV_KW = 18.4;
    /** Export limit of a G98 connection (16 A per phase), kW. */
    static final double MAX_EXPORT_KW = 3.68;
    /** Element of a hot-water cylinder, kW. */
    static final double HEATER_KW = 3.0;

    private static final double H = SLOT_MINUTES / 60.0;

    private final LvNetwork network;
    private final long seed;
    private final List<Household> households;

    /** A generator for the homes of {@code network} under {@code seed}. */
    public ScenarioGenerator(LvNetwork network, long seed) {
        this.network = network;
        this.seed = seed;
        int homes = network.homeCount();
        int[][] ranks = new int[homes][Technology.values().length];
        for (Technology t : Technology.values()) {
            SplittableRandom r = Seeds.stream(seed, Seeds.ADOPTION, t.ordinal());
            double[] key = new double[homes];
            for (int h = 0; h < homes; h++) {
                key[h] = r.nextDouble();
            }
            Integer[] order = new Integer[homes];
            for (int h = 0; h < homes; h++) {
                order[h] = h;
            }
            // adoption order: ascending random key, home index breaking ties
            Arrays.sort(order, Comparator.comparingDouble((Integer h) -> key[h]).thenComparingInt(h -> h));
            for (int pos = 0; pos < homes; pos++) {
                ranks[order[pos]][t.ordinal()] = pos;
            }
        }
        List<Household> list = new ArrayList<>(homes);
        for (int h = 0; h < homes; h++) {
            list.add(Household.draw(seed, h, network.homes().get(h), ranks[h]));
        }
        this.households = List.copyOf(list);
    }

    /** The network the homes sit on. */
    public LvNetwork network() {
        return network;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The homes' fixed attributes, by home index. */
    public List<Household> households() {
        return households;
    }

    /** Every home-day of {@code scenario} on {@code day}, by home index. */
    public List<GeneratedHome> generate(Scenario scenario, TypicalDay day) {
        double[] sky = DayShapes.sky(day, Seeds.stream(seed, Seeds.WEATHER, day.number()));
        List<GeneratedHome> out = new ArrayList<>(households.size());
        for (Household hh : households) {
            out.add(generate(scenario, day, hh, sky));
        }
        return out;
    }

    /** The home-day of home {@code index} in {@code scenario} on {@code day}. */
    public GeneratedHome generate(Scenario scenario, TypicalDay day, int index) {
        double[] sky = DayShapes.sky(day, Seeds.stream(seed, Seeds.WEATHER, day.number()));
        return generate(scenario, day, households.get(index), sky);
    }

    private GeneratedHome generate(Scenario s, TypicalDay day, Household hh, double[] sky) {
        int homes = households.size();
        ProsumerCategory c = hh.category();
        DayType type = day.dayType();
        SplittableRandom r = Seeds.stream(seed, Seeds.HOME_DAY, hh.index(), day.number());
        // every draw below happens whatever the scenario, so behaviour is the same in all of them
        double[] base = DayShapes.baseLoad(hh, day, r);
        boolean wash = hh.ownsWasher() && r.nextDouble() < c.washerChance(type);
        boolean dry = hh.ownsDryer() && r.nextDouble() < day.season().dryerChance();
        boolean dish = hh.ownsDishwasher() && r.nextDouble() < c.dishwasherUse() * (type.weekend() ? 1.1 : 1.0);
        boolean leavesEarly = !type.weekend() && c.awayOnWeekdays();
        double washH = leavesEarly
                ? 7.25 + Seeds.uniform(r, -0.25, 0.25)
                : type.weekend() ? Seeds.uniform(r, 9.0, 11.5) : Seeds.uniform(r, 8.5, 10.5);
        double dishH = Seeds.uniform(r, 19.5, 21.0);
        double evDraw = r.nextDouble();
        double evArrivalH =
                type.weekend() ? Seeds.uniform(r, 11.0, 18.0) : Seeds.uniform(r, c.evArrivalFromH(), c.evArrivalToH());
        double evKm = Seeds.uniform(r, c.evKmMin(), c.evKmMax());
        double socFraction = Seeds.uniform(r, 0.2, 0.5);

        double[] uncontrolled = new double[SLOTS];
        List<HomeDay.Deferrable> deferrable = new ArrayList<>();
        boolean smart = hh.has(Technology.SMART_APPLIANCES, s, homes);
        if (wash) {
            int start = slot(washH);
            // smart laundry must be done by the evening (by 17:30 when the couple is back from work)
            int deadline = slot(leavesEarly ? 17.5 : 18.0) + (dry ? 6 : 0);
            Appliance wm = Appliance.WASHING_MACHINE;
            Appliance td = Appliance.TUMBLE_DRYER;
            int need = wm.slots() + (dry ? td.slots() : 0);
            int end = Math.min(SLOTS, Math.max(deadline, start + need));
            // the dryer's window starts where the washer's ends, so it always runs after the wash
            int split = dry ? start + wm.slots() + (end - start - need) / 2 : end;
            place(smart, wm, start, split, start, deferrable, base, uncontrolled);
            if (dry) {
                place(smart, td, split, end, start + wm.slots(), deferrable, base, uncontrolled);
            }
        }
        if (dish) {
            int start = slot(dishH);
            // the dishwasher runs after the evening meal, before midnight
            place(smart, Appliance.DISHWASHER, start, SLOTS, start, deferrable, base, uncontrolled);
        }
        round(base, 1000);
        for (int t = 0; t < SLOTS; t++) {
            uncontrolled[t] += base[t];
        }

        HomeDay.Ev ev = null;
        if (hh.has(Technology.EV, s, homes) && evDraw < evUseChance(c, type)) {
            int arrival = slot(evArrivalH);
            double energy = evKm * hh.evKwhPerKm() * (type.weekend() ? 0.8 : 1.0);
            // the window must leave room: at most 80% of what the charger could deliver by midnight
            energy = Math.min(energy, 0.8 * hh.evChargerKw() * H * (SLOTS - arrival));
            energy = Math.round(energy * 100) / 100.0;
            ev = new HomeDay.Ev(arrival, SLOTS, energy, hh.evChargerKw());
            // uncontrolled: full power from arrival until charged
            fillFrom(uncontrolled, arrival, energy, hh.evChargerKw());
        }

        List<HomeDay.Interruptible> interruptible = new ArrayList<>();
        if (hh.has(Technology.HEATER, s, homes)) {
            double energy =
                    c.hotWaterKwh() * hh.hotWaterScale() * day.season().hotWaterFactor() * (type.weekend() ? 1.1 : 1.0);
            energy = Math.round(energy * 100) / 100.0;
            // the cylinder must be reheated within the day, at up to its element's power
            interruptible.add(new HomeDay.Interruptible("water-heater", energy, HEATER_KW, 0, SLOTS));
            fillFrom(uncontrolled, slot(hh.heaterEveningBoost() ? 16.5 : 5.5), energy, HEATER_KW);
        }

        HomeDay.Battery battery = null;
        if (hh.hasBattery(s, homes)) {
            double cap = hh.batteryKwh();
            double initial = Math.round(cap * socFraction * 100) / 100.0;
            // the day ends with at least the charge it started with, never below 10%
            battery = new HomeDay.Battery(
                    cap, hh.batteryKw(), hh.batteryKw(), 0.95, 0.95, initial, Math.round(cap * 10) / 100.0, initial);
        }

        double[] pv = hh.has(Technology.PV, s, homes) ? DayShapes.pv(hh, day, sky) : new double[SLOTS];
        round(pv, 1000);
        Tariff tariff =
                ev != null || battery != null || hh.has(Technology.EV, s, homes) ? Tariff.EV_TOU : Tariff.STANDARD_TOU;
        String id = hh.home().id() + "-" + s.code() + "-" + day.code();
        HomeDay hd = new HomeDay(
                id,
                SLOT_MINUTES,
                SLOTS,
                tariff.importPrice(type, SLOTS),
                tariff.exportPrice(type, SLOTS),
                hh.has(Technology.EV, s, homes) ? MAX_IMPORT_EV_KW : MAX_IMPORT_KW,
                MAX_EXPORT_KW,
                base,
                pv,
                battery,
                ev,
                deferrable,
                interruptible);
        return new GeneratedHome(hh, tariff, hd, uncontrolled);
    }

    /** Probability the EV is driven (and needs charging) on a day. */
    static double evUseChance(ProsumerCategory c, DayType type) {
        if (type.weekend()) {
            return 0.7;
        }
        return switch (c) {
            case WORKING_COUPLE, FAMILY -> 0.9;
            case RETIRED -> 0.6;
            case HOME_WORKER -> 0.55;
        };
    }

    // a smart appliance becomes a deferrable with its window; otherwise it runs at its habitual
    // start as part of the inflexible base load
    private static void place(
            boolean smart,
            Appliance a,
            int earliest,
            int latestEnd,
            int habitStart,
            List<HomeDay.Deferrable> deferrable,
            double[] base,
            double[] uncontrolled) {
        double[] profile = a.profileKw();
        if (smart) {
            deferrable.add(new HomeDay.Deferrable(a.label(), profile, earliest, latestEnd));
            for (int k = 0; k < profile.length; k++) {
                uncontrolled[habitStart + k] += profile[k];
            }
        } else {
            for (int k = 0; k < profile.length; k++) {
                base[habitStart + k] += profile[k];
            }
        }
    }

    // delivers energy at full power from a slot on (the last slot partly), as an uncontrolled device would
    private static void fillFrom(double[] kw, int from, double energyKwh, double maxKw) {
        double left = energyKwh;
        for (int t = from; t < SLOTS && left > 1e-12; t++) {
            double p = Math.min(maxKw, left / H);
            kw[t] += p;
            left -= p * H;
        }
    }

    private static int slot(double hour) {
        return Math.min(SLOTS - 1, Math.max(0, (int) StrictMath.floor(hour * 60 / SLOT_MINUTES)));
    }

    private static void round(double[] a, double scale) {
        for (int t = 0; t < a.length; t++) {
            a[t] = Math.round(a[t] * scale) / scale;
        }
    }
}
