package io.flexledger.ui.calc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loading of one congestion point over a day: per slot the sum of its homes' metered load, a
 * home's baseline standing in for each slot it has no reading of; a slot is congested when the sum
 * exceeds the point's capacity.
 */
public final class GridLoading {
    private GridLoading() {}

    /**
     * One home's load.
     *
     * @param assetId the home
     * @param meteredKwh metered net energy per slot (kWh in the 15-minute slot), possibly partial
     * @param baselineKw baseline power per slot (kW), possibly empty
     */
    public record Home(String assetId, Map<Integer, BigDecimal> meteredKwh, Map<Integer, BigDecimal> baselineKw) {}

    /** Where a home's figures came from over the day. */
    public enum Source {
        METERED,
        BASELINE,
        MIXED,
        NONE
    }

    /**
     * The result.
     *
     * @param loadKw the point's load per slot (kW)
     * @param congested per slot, whether the load exceeds the capacity
     * @param sources per home (in input order), where its figures came from
     */
    public record Result(List<Double> loadKw, List<Boolean> congested, List<Source> sources) {
        public long congestedSlots() {
            return congested.stream().filter(b -> b).count();
        }

        public double peakKw() {
            return loadKw.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /** The loading over {@code slots} slots of homes under a point of capacity {@code capacityKw}. */
    public static Result compute(int slots, BigDecimal capacityKw, List<Home> homes) {
        BigDecimal[] sum = new BigDecimal[slots];
        java.util.Arrays.fill(sum, BigDecimal.ZERO);
        List<Source> sources = new ArrayList<>();
        for (Home h : homes) {
            int metered = 0;
            int baseline = 0;
            for (int s = 0; s < slots; s++) {
                BigDecimal kwh = h.meteredKwh().get(s);
                if (kwh != null) {
                    // A metered slot: mean power = energy over the quarter hour.
                    sum[s] = sum[s].add(kwh.multiply(BigDecimal.valueOf(4)));
                    metered++;
                } else if (h.baselineKw().containsKey(s)) {
                    // No reading for the slot: the home's baseline stands in.
                    sum[s] = sum[s].add(h.baselineKw().get(s));
                    baseline++;
                }
            }
            sources.add(
                    metered == 0
                            ? (baseline == 0 ? Source.NONE : Source.BASELINE)
                            : (baseline == 0 ? Source.METERED : Source.MIXED));
        }
        List<Double> load = new ArrayList<>();
        List<Boolean> congested = new ArrayList<>();
        for (BigDecimal kw : sum) {
            load.add(kw.doubleValue());
            // Congestion: the load is above the point's rated capacity.
            congested.add(capacityKw != null && kw.compareTo(capacityKw) > 0);
        }
        return new Result(List.copyOf(load), List.copyOf(congested), List.copyOf(sources));
    }
}
