package io.flexledger.agents.scenario;

/**
 * Household behaviour types. Each sets when people are at home and awake, how much they cook and
 * wash, how far they drive and when they come back. Times are clock hours on a weekday; weekends
 * shift waking by {@link #WEEKEND_LIE_IN_H} and put everyone at home part of the day.
 */
public enum ProsumerCategory {
    /** Two adults out at work 08:00-17:30 on weekdays. */
    WORKING_COUPLE(
            "working-couple", 0.30, 6.5, 23.0, 0.05, 18.5, 0.75, 0.30, 0.65, 0.55, 0.45, 0.50, 17.5, 19.0, 25, 60, 4.5),
    /** Parents and children: busy mornings, school run, early big evening meal. */
    FAMILY("family", 0.30, 6.75, 22.5, 0.18, 17.75, 1.00, 0.75, 0.85, 0.75, 0.65, 0.85, 15.5, 18.5, 20, 50, 7.0),
    /** Retired couple: at home most of the day, earlier evening and bed. */
    RETIRED("retired", 0.25, 7.75, 22.5, 0.30, 17.0, 0.70, 0.45, 0.45, 0.40, 0.45, 0.50, 11.0, 16.0, 10, 35, 4.0),
    /** One or two adults working from home: daytime load from IT, kettle and lunch. */
    HOME_WORKER(
            "home-worker", 0.15, 7.25, 23.0, 0.35, 18.5, 0.75, 0.45, 0.60, 0.55, 0.45, 0.65, 10.0, 17.0, 10, 40, 4.5);

    /** How much later people get up at the weekend, hours. */
    public static final double WEEKEND_LIE_IN_H = 1.25;

    private final String label;
    private final double share;
    private final double wakeH;
    private final double bedH;
    private final double daytimeKw;
    private final double mealH;
    private final double mealKw;
    private final double washerWeekday;
    private final double washerWeekend;
    private final double dishwasherOwnership;
    private final double dryerOwnership;
    private final double dishwasherUse;
    private final double evArrivalFromH;
    private final double evArrivalToH;
    private final double evKmMin;
    private final double evKmMax;
    private final double hotWaterKwh;

    ProsumerCategory(
            String label,
            double share,
            double wakeH,
            double bedH,
            double daytimeKw,
            double mealH,
            double mealKw,
            double washerWeekday,
            double washerWeekend,
            double dishwasherOwnership,
            double dryerOwnership,
            double dishwasherUse,
            double evArrivalFromH,
            double evArrivalToH,
            double evKmMin,
            double evKmMax,
            double hotWaterKwh) {
        this.label = label;
        this.share = share;
        this.wakeH = wakeH;
        this.bedH = bedH;
        this.daytimeKw = daytimeKw;
        this.mealH = mealH;
        this.mealKw = mealKw;
        this.washerWeekday = washerWeekday;
        this.washerWeekend = washerWeekend;
        this.dishwasherOwnership = dishwasherOwnership;
        this.dryerOwnership = dryerOwnership;
        this.dishwasherUse = dishwasherUse;
        this.evArrivalFromH = evArrivalFromH;
        this.evArrivalToH = evArrivalToH;
        this.evKmMin = evKmMin;
        this.evKmMax = evKmMax;
        this.hotWaterKwh = hotWaterKwh;
    }

    /** Name used in files and reports. */
    public String label() {
        return label;
    }

    /** Share of the community's homes of this type. */
    public double share() {
        return share;
    }

    /** Weekday waking time, clock hours. */
    public double wakeH() {
        return wakeH;
    }

    /** Bedtime, clock hours. */
    public double bedH() {
        return bedH;
    }

    /** Extra load while at home during a weekday daytime, kW (0.05: nobody in). */
    public double daytimeKw() {
        return daytimeKw;
    }

    /** Time of the evening meal, clock hours. */
    public double mealH() {
        return mealH;
    }

    /** Cooking peak of the evening meal, kW. */
    public double mealKw() {
        return mealKw;
    }

    /** Probability of a wash on a weekday or a weekend day. */
    public double washerChance(DayType d) {
        return d.weekend() ? washerWeekend : washerWeekday;
    }

    /** Share of these homes that own a dishwasher. */
    public double dishwasherOwnership() {
        return dishwasherOwnership;
    }

    /** Share of these homes that own a tumble dryer. */
    public double dryerOwnership() {
        return dryerOwnership;
    }

    /** Probability an owned dishwasher runs on a given day. */
    public double dishwasherUse() {
        return dishwasherUse;
    }

    /** Earliest weekday EV return, clock hours. */
    public double evArrivalFromH() {
        return evArrivalFromH;
    }

    /** Latest weekday EV return, clock hours. */
    public double evArrivalToH() {
        return evArrivalToH;
    }

    /** Shortest daily drive, km. */
    public double evKmMin() {
        return evKmMin;
    }

    /** Longest daily drive, km. */
    public double evKmMax() {
        return evKmMax;
    }

    /** Daily hot-water energy of an electric cylinder in spring, kWh. */
    public double hotWaterKwh() {
        return hotWaterKwh;
    }

    /** Whether people are out during weekday working hours. */
    public boolean awayOnWeekdays() {
        return this == WORKING_COUPLE;
    }

    /** The category whose cumulative share covers {@code u} in [0, 1). */
    static ProsumerCategory pick(double u) {
        double acc = 0;
        for (ProsumerCategory c : values()) {
            acc += c.share;
            if (u < acc) {
                return c;
            }
        }
        return values()[values().length - 1];
    }
}
