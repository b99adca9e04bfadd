package io.flexledger.agents.scenario;

/**
 * The five seasons of the typical days, with the parameters that shape load, PV and water
 * heating. Times are local clock time (GMT in winter, BST in summer) in hours; values are
 * plausible for South Wales (51.6° N), see docs/decisions/0004-grid-and-scenarios.md.
 *
 * @param label name used in files and reports
 * @param loadFactor multiplier of the base-load shape (heating circulation pumps, lighting, cooking)
 * @param sunriseH sunrise, clock hours
 * @param sunsetH sunset, clock hours
 * @param pvClearPeak PV output at solar noon on a clear day, kW per kWp
 * @param clearnessMean average clearness of the sky (1: cloudless)
 * @param lightingKw evening lighting load per home at its peak, kW
 * @param hotWaterFactor multiplier of the daily hot-water energy (colder inlet water in winter)
 * @param dryerChance probability the tumble dryer follows a wash
 * @param spaceHeatingKw extra plug-in heating in the evening, kW per home
 */
public enum Season {
    WINTER("winter", 1.05, 8.1, 16.2, 0.45, 0.40, 0.22, 1.20, 0.70, 0.0),
    SPRING("spring", 0.90, 6.2, 19.8, 0.70, 0.55, 0.10, 1.00, 0.45, 0.0),
    SUMMER("summer", 0.80, 5.0, 21.5, 0.68, 0.62, 0.05, 0.80, 0.20, 0.0),
    AUTUMN("autumn", 0.95, 7.2, 18.0, 0.55, 0.45, 0.16, 1.05, 0.55, 0.0),
    /** A winter cold snap: a still, clear, freezing anticyclone, the grid's worst evening peak. */
    COLD_SNAP("cold-snap", 1.20, 7.9, 16.8, 0.55, 0.80, 0.22, 1.30, 0.80, 0.35);

    private final String label;
    private final double loadFactor;
    private final double sunriseH;
    private final double sunsetH;
    private final double pvClearPeak;
    private final double clearnessMean;
    private final double lightingKw;
    private final double hotWaterFactor;
    private final double dryerChance;
    private final double spaceHeatingKw;

    Season(
            String label,
            double loadFactor,
            double sunriseH,
            double sunsetH,
            double pvClearPeak,
            double clearnessMean,
            double lightingKw,
            double hotWaterFactor,
            double dryerChance,
            double spaceHeatingKw) {
        this.label = label;
        this.loadFactor = loadFactor;
        this.sunriseH = sunriseH;
        this.sunsetH = sunsetH;
        this.pvClearPeak = pvClearPeak;
        this.clearnessMean = clearnessMean;
        this.lightingKw = lightingKw;
        this.hotWaterFactor = hotWaterFactor;
        this.dryerChance = dryerChance;
        this.spaceHeatingKw = spaceHeatingKw;
    }

    /** Name used in files and reports. */
    public String label() {
        return label;
    }

    /** Multiplier of the base-load shape. */
    public double loadFactor() {
        return loadFactor;
    }

    /** Sunrise, clock hours. */
    public double sunriseH() {
        return sunriseH;
    }

    /** Sunset, clock hours. */
    public double sunsetH() {
        return sunsetH;
    }

    /** PV output at solar noon on a clear day, kW/kWp. */
    public double pvClearPeak() {
        return pvClearPeak;
    }

    /** Average clearness of the sky. */
    public double clearnessMean() {
        return clearnessMean;
    }

    /** Evening lighting load at its peak, kW. */
    public double lightingKw() {
        return lightingKw;
    }

    /** Multiplier of daily hot-water energy. */
    public double hotWaterFactor() {
        return hotWaterFactor;
    }

    /** Probability that the tumble dryer follows a wash. */
    public double dryerChance() {
        return dryerChance;
    }

    /** Extra evening plug-in heating, kW. */
    public double spaceHeatingKw() {
        return spaceHeatingKw;
    }
}
