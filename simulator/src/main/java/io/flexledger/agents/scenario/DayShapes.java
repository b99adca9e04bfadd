package io.flexledger.agents.scenario;

import java.util.SplittableRandom;

/**
 * The 15-minute shapes of a day: a home's inflexible base load and the PV output of one kWp.
 * Built from smooth bumps placed at the household's waking, meal and bed times, scaled by the
 * season. Uses {@link StrictMath} so the same inputs give bit-identical values on every JVM.
 */
final class DayShapes {

    /** Slots per day. */
    static final int SLOTS = 96;

    private DayShapes() {}

    /** Clock hour at the middle of slot {@code t}. */
    static double hourOf(int t) {
        return (t + 0.5) * 24.0 / SLOTS;
    }

    /** A Gaussian bump of height 1 centred at {@code centreH} with standard width {@code widthH}. */
    static double bump(double h, double centreH, double widthH) {
        double z = (h - centreH) / widthH;
        return StrictMath.exp(-0.5 * z * z);
    }

    /** A smooth step from 0 to 1 around {@code atH} over about {@code widthH} hours. */
    static double rise(double h, double atH, double widthH) {
        return 1.0 / (1.0 + StrictMath.exp(-(h - atH) / (widthH / 4)));
    }

    /** A smooth window: about 1 between {@code fromH} and {@code toH}, 0 outside. */
    static double window(double h, double fromH, double toH) {
        return rise(h, fromH, 0.5) * (1 - rise(h, toH, 0.5));
    }

    /**
     * A home's base load, kW per slot.
     *
     * @param r the home-day's random stream (draws a fixed number of values)
     */
    static double[] baseLoad(Household hh, TypicalDay day, SplittableRandom r) {
        ProsumerCategory c = hh.category();
        Season season = day.season();
        DayType type = day.dayType();
        double lieIn = type.weekend() ? ProsumerCategory.WEEKEND_LIE_IN_H + (type == DayType.SUNDAY ? 0.25 : 0) : 0;
        double wake = c.wakeH() + lieIn + Seeds.uniform(r, -0.3, 0.3);
        double bed = c.bedH() + (type == DayType.SATURDAY ? 0.5 : 0) + Seeds.uniform(r, -0.3, 0.3);
        double meal = c.mealH() + Seeds.uniform(r, -0.4, 0.4);
        boolean sundayRoast = type == DayType.SUNDAY && r.nextDouble() < 0.5;
        double[] noise = smoothNoise(r, 0.6);
        double[] kw = new double[SLOTS];
        for (int t = 0; t < SLOTS; t++) {
            double h = hourOf(t);
            double awake = window(h, wake, bed);
            // fridge, freezer and standby run all day
            double v = 0.09;
            // kettle, toaster, shower pump and hair dryer after waking
            v += 0.45 * bump(h, wake + 0.6, 0.45);
            // daytime presence: out at work on weekdays, at home otherwise
            double daytime = type.weekend() ? 0.25 : c.daytimeKw();
            double leave = type.weekend() ? wake + 1.5 : c.awayOnWeekdays() ? 8.25 : wake + 1.5;
            double back = type.weekend() ? meal - 0.5 : c.awayOnWeekdays() ? 17.5 : meal - 0.5;
            v += daytime * window(h, leave, back);
            // lunch for whoever is at home
            double lunch = type.weekend() || !c.awayOnWeekdays() ? 0.35 : 0.0;
            v += sundayRoast ? 0.9 * bump(h, 13.0, 0.8) : lunch * bump(h, 12.75, 0.5);
            // evening meal: oven and hob
            v += c.mealKw() * (sundayRoast ? 0.5 : 1.0) * bump(h, meal, 0.6);
            // television, computers and other evening use
            v += 0.25 * window(h, meal, bed);
            // lighting while awake in the dark
            double dark = 1 - window(h, season.sunriseH() + 0.5, season.sunsetH() - 0.5);
            v += season.lightingKw() * awake * dark;
            // plug-in heaters on the coldest evenings
            v += season.spaceHeatingKw() * window(h, 17.0, bed - 0.5);
            v *= season.loadFactor() * hh.consumptionScale();
            // slot-to-slot variation of up to +-20%
            v *= 1 + 0.2 * noise[t];
            kw[t] = v;
        }
        // a few short appliance spikes (kettle, microwave, iron) while awake
        int spikes = Seeds.between(r, 3, 6);
        for (int i = 0; i < spikes; i++) {
            double at = Seeds.uniform(r, wake, bed);
            int t = StrictMath.min(SLOTS - 1, (int) (at * SLOTS / 24));
            kw[t] += Seeds.uniform(r, 0.3, 0.8);
        }
        return kw;
    }

    /**
     * The day's sky, shared by every home: output relative to a clear sky per slot, in [0.05, 1].
     *
     * @param r the day's weather stream
     */
    static double[] sky(TypicalDay day, SplittableRandom r) {
        double mean = day.season().clearnessMean();
        double clearness = StrictMath.min(1, StrictMath.max(0.1, mean + Seeds.uniform(r, -0.15, 0.15)));
        double[] noise = smoothNoise(r, 0.75);
        double[] f = new double[SLOTS];
        for (int t = 0; t < SLOTS; t++) {
            // passing clouds move the output around the day's clearness
            f[t] = StrictMath.min(1, StrictMath.max(0.05, clearness + 0.35 * (1 - clearness) * noise[t]));
        }
        return f;
    }

    /** PV output of one home, kW per slot, capped at the G98 inverter limit of 3.68 kW. */
    static double[] pv(Household hh, TypicalDay day, double[] sky) {
        Season s = day.season();
        double noon = (s.sunriseH() + s.sunsetH()) / 2 + hh.pvShiftH();
        double half = (s.sunsetH() - s.sunriseH()) / 2;
        double[] kw = new double[SLOTS];
        for (int t = 0; t < SLOTS; t++) {
            double x = (hourOf(t) - (noon - half)) / (2 * half);
            if (x <= 0 || x >= 1) {
                continue;
            }
            // clear-sky output follows the sun's elevation, sharpened a little for air mass
            double clear = s.pvClearPeak() * StrictMath.pow(StrictMath.sin(StrictMath.PI * x), 1.3);
            double v = hh.pvKwp() * hh.pvOrientationFactor() * clear * sky[t];
            kw[t] = StrictMath.min(v, 3.68);
        }
        return kw;
    }

    /** Zero-mean noise in [-1, 1], smoothed by an AR(1) filter with coefficient {@code a}. */
    static double[] smoothNoise(SplittableRandom r, double a) {
        double[] n = new double[SLOTS];
        double x = 0;
        double norm = StrictMath.sqrt((1 + a) / (1 - a));
        for (int t = 0; t < SLOTS; t++) {
            x = a * x + (1 - a) * (2 * r.nextDouble() - 1);
            n[t] = StrictMath.max(-1, StrictMath.min(1, x * norm));
        }
        return n;
    }
}
