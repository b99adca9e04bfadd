package io.flexledger.tools.bench;

import java.util.Arrays;

/** Latencies of the committed offers of one run, in milliseconds, with their percentiles. */
public final class Latencies {
    private final double[] sorted;

    public Latencies(double[] millis) {
        this.sorted = millis.clone();
        Arrays.sort(this.sorted);
    }

    public int count() {
        return sorted.length;
    }

    /**
     * The {@code p}-th percentile (0 < p <= 100) by the nearest-rank method: the smallest latency
     * that at least p % of the offers did not exceed; NaN without latencies.
     */
    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }
}
