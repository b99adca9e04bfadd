package io.flexledger.agents.scenario;

/**
 * Time-of-use tariffs, EUR/kWh per 15-minute slot. Import and export prices are set per band of
 * clock hours; export never pays more than import in the same slot.
 */
public enum Tariff {
    /** Three-rate tariff for most homes: cheap night, weekday 16:00-19:00 peak, flat export. */
    STANDARD_TOU("tou-standard", 0.17, 0.27, 0.25, 0.38, 0.06, 0.06, 0.0, 7.0, 23.0),
    /** Tariff for homes with an EV or a battery: deep off-peak late evening and night, peak export bonus. */
    EV_TOU("tou-ev", 0.09, 0.28, 0.26, 0.40, 0.06, 0.12, 0.0, 5.0, 22.5);

    private final String label;
    private final double offPeak;
    private final double dayWeekday;
    private final double dayWeekend;
    private final double peak;
    private final double export;
    private final double exportPeak;
    private final double offPeakFromH;
    private final double offPeakToH;
    private final double lateOffPeakFromH;

    Tariff(
            String label,
            double offPeak,
            double dayWeekday,
            double dayWeekend,
            double peak,
            double export,
            double exportPeak,
            double offPeakFromH,
            double offPeakToH,
            double lateOffPeakFromH) {
        this.label = label;
        this.offPeak = offPeak;
        this.dayWeekday = dayWeekday;
        this.dayWeekend = dayWeekend;
        this.peak = peak;
        this.export = export;
        this.exportPeak = exportPeak;
        this.offPeakFromH = offPeakFromH;
        this.offPeakToH = offPeakToH;
        this.lateOffPeakFromH = lateOffPeakFromH;
    }

    /** Tariff name in the index. */
    public String label() {
        return label;
    }

    /** Peak band, weekdays only: 16:00-19:00. */
    static final double PEAK_FROM_H = 16.0;

    static final double PEAK_TO_H = 19.0;

    /** Import price per slot, EUR/kWh. */
    public double[] importPrice(DayType day, int slots) {
        double[] p = new double[slots];
        for (int t = 0; t < slots; t++) {
            double h = t * 24.0 / slots;
            if (h < offPeakToH && h >= offPeakFromH || h >= lateOffPeakFromH) {
                p[t] = offPeak;
            } else if (!day.weekend() && h >= PEAK_FROM_H && h < PEAK_TO_H) {
                p[t] = peak;
            } else {
                p[t] = day.weekend() ? dayWeekend : dayWeekday;
            }
        }
        return p;
    }

    /** Export price per slot, EUR/kWh (never above the import price of the slot). */
    public double[] exportPrice(DayType day, int slots) {
        double[] imp = importPrice(day, slots);
        double[] p = new double[slots];
        for (int t = 0; t < slots; t++) {
            double h = t * 24.0 / slots;
            boolean inPeak = !day.weekend() && h >= PEAK_FROM_H && h < PEAK_TO_H;
            // export is paid at most the import price of the same slot
            p[t] = Math.min(inPeak ? exportPeak : export, imp[t]);
        }
        return p;
    }
}
