package io.flexledger.clearing.community;

/**
 * What the community market matched.
 *
 * @param matchedKw per order (in input order), the kW matched inside the community
 * @param welfareEur what the matched buyers value minus what the matched sellers' energy costs, at
 *     effective prices, EUR
 * @param violationW watts out of balance or past a feeder limit (0: every hard rule holds)
 * @param score Timefold's final score, for the record
 */
public record Matching(double[] matchedKw, double welfareEur, long violationW, String score) {

    public Matching {
        matchedKw = matchedKw.clone();
    }

    /** True when every hard rule holds. */
    public boolean feasible() {
        return violationW == 0;
    }

    /** The matched kW of the order at this index. */
    public double matchedKw(int order) {
        return matchedKw[order];
    }
}
