package io.flexledger.tools.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one timed run measured: offers asked for, committed and failed, retries, the wall time from the
 * first request to the last answer, the committed offers' latencies and each process's CPU seconds
 * during the run.
 *
 * @param name the run, e.g. {@code api} or {@code gateway}
 * @param offers offers asked for
 * @param committed offers acknowledged as committed
 * @param errors offers that failed after every retry
 * @param retries requests sent again
 * @param concurrency clients at once
 * @param wallSeconds first request to last answer
 * @param latencies the committed offers' latencies
 * @param cpuSeconds CPU seconds per process during the run
 */
public record PhaseResult(
        String name,
        int offers,
        int committed,
        int errors,
        int retries,
        int concurrency,
        double wallSeconds,
        Latencies latencies,
        Map<String, Double> cpuSeconds) {

    public PhaseResult {
        cpuSeconds = new LinkedHashMap<>(cpuSeconds);
    }

    /** Committed offers per second of wall time. */
    public double offersPerSecond() {
        return wallSeconds > 0 ? committed / wallSeconds : 0;
    }

    /** CPU seconds of {@code process} per committed offer; NaN when it was not measured or nothing committed. */
    public double cpuPerOffer(String process) {
        Double s = cpuSeconds.get(process);
        return s == null || committed == 0 ? Double.NaN : s / committed;
    }

    /** All processes' CPU seconds per committed offer. */
    public double totalCpuPerOffer() {
        return committed == 0
                ? Double.NaN
                : cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum() / committed;
    }

    /** The CPU seconds used between two snapshots, per process present in both. */
    public static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        after.forEach((name, seconds) -> {
            Double b = before.get(name);
            if (b != null) {
                d.put(name, Math.max(0, seconds - b));
            }
        });
        return d;
    }
}
