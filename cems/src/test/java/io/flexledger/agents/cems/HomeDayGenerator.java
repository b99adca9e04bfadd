package io.flexledger.agents.cems;

import io.flexledger.agents.cems.model.HomeDay;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random home-days for tests and the benchmark: 96 quarter-hour slots, a time-of-use tariff,
 * a base load with morning and evening peaks, a PV bell with clouds, and, each with some probability,
 * a battery, an EV charging in the evening, up to three deferrable appliances and up to two
 * interruptible heaters. The same seed gives the same day; every day is feasible by construction.
 */
public final class HomeDayGenerator {

    private static final int SLOTS = 96;
    private static final double H = 0.25;
    private static final double[][] CYCLES = {
        {2.0, 2.0, 0.5, 0.5, 0.3, 0.3, 1.8, 0.2}, // washing machine
        {1.8, 1.8, 0.1, 0.1, 1.6, 1.6}, // dishwasher
        {2.5, 2.5, 2.5, 2.2, 1.5}, // tumble dryer
        {1.2, 1.2, 1.2} // oven pre-heat and bake
    };
    private static final String[] CYCLE_NAMES = {"washing-machine", "dishwasher", "dryer", "oven"};

    private HomeDayGenerator() {}

    /** The home-day of a seed. */
    public static HomeDay generate(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double night = 0.08 + 0.07 * rnd.nextDouble();
        double day = 0.22 + 0.06 * rnd.nextDouble();
        double peak = 0.32 + 0.12 * rnd.nextDouble();
        double export = 0.03 + 0.05 * rnd.nextDouble();
        double[] importPrice = new double[SLOTS];
        double[] exportPrice = new double[SLOTS];
        for (int t = 0; t < SLOTS; t++) {
            importPrice[t] = t < 28 ? night : t >= 64 && t < 76 ? peak : day;
            exportPrice[t] = Math.min(export, importPrice[t]);
        }
        double[] base = new double[SLOTS];
        double level = 0.2 + 0.3 * rnd.nextDouble();
        for (int t = 0; t < SLOTS; t++) {
            double morning = t >= 26 && t < 34 ? 0.6 : 0;
            double evening = t >= 68 && t < 88 ? 1.0 : 0;
            base[t] = round3(level + (morning + evening) * rnd.nextDouble());
        }
        double[] pv = new double[SLOTS];
        double kwp = rnd.nextDouble() < 0.6 ? 1 + 4 * rnd.nextDouble() : 0;
        double sunrise = 22 + 10 * rnd.nextDouble();
        double sunset = 64 + 18 * rnd.nextDouble();
        double clouds = 0.4 * rnd.nextDouble();
        for (int t = 0; t < SLOTS; t++) {
            double x = (t + 0.5 - sunrise) / (sunset - sunrise);
            if (kwp > 0 && x > 0 && x < 1) {
                pv[t] = round3(kwp * Math.sin(Math.PI * x) * (1 - clouds * rnd.nextDouble()));
            }
        }
        HomeDay.Battery battery = null;
        if (rnd.nextDouble() < 0.5) {
            double cap = 4 + 9.5 * rnd.nextDouble();
            double kw = 2.5 + 2.5 * rnd.nextDouble();
            double min = 0.1 * cap;
            double init = min + (cap - min) * rnd.nextDouble();
            double fin = rnd.nextBoolean() ? init : min + (init - min) * rnd.nextDouble();
            battery = new HomeDay.Battery(
                    cap, kw, kw, 0.9 + 0.07 * rnd.nextDouble(), 0.9 + 0.07 * rnd.nextDouble(), init, min, fin);
        }
        HomeDay.Ev ev = null;
        if (rnd.nextDouble() < 0.4) {
            int arrival = 64 + rnd.nextInt(16);
            double kw = rnd.nextBoolean() ? 3.7 : 7.4;
            double most = (SLOTS - arrival) * H * kw;
            ev = new HomeDay.Ev(arrival, SLOTS, round3(Math.min(most * 0.8, 4 + 16 * rnd.nextDouble())), kw);
        }
        List<HomeDay.Deferrable> deferrable = new ArrayList<>();
        int count = rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            double[] cycle = CYCLES[i];
            int earliest = rnd.nextInt(60);
            int window = cycle.length + 8 + rnd.nextInt(40);
            deferrable.add(new HomeDay.Deferrable(
                    CYCLE_NAMES[i], cycle.clone(), earliest, Math.min(SLOTS, earliest + window)));
        }
        List<HomeDay.Interruptible> interruptible = new ArrayList<>();
        int heaters = rnd.nextInt(3);
        for (int i = 0; i < heaters; i++) {
            int earliest = rnd.nextBoolean() ? 0 : rnd.nextInt(40);
            int latest = Math.min(SLOTS, earliest + 24 + rnd.nextInt(72));
            double maxKw = 1.5 + 1.5 * rnd.nextDouble();
            double energy = round3((latest - earliest) * H * maxKw * (0.1 + 0.4 * rnd.nextDouble()));
            interruptible.add(new HomeDay.Interruptible("heater-" + i, energy, maxKw, earliest, latest));
        }
        return new HomeDay(
                "gen-" + seed,
                15,
                SLOTS,
                importPrice,
                exportPrice,
                15 + 5 * rnd.nextDouble(),
                4 + 2 * rnd.nextDouble(),
                base,
                pv,
                battery,
                ev,
                deferrable,
                interruptible);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
