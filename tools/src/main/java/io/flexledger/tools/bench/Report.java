package io.flexledger.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The benchmark's tables (for people) and its JSON (for scripts). */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {}

    /** The API's throughput over the baseline's; NaN when either run is missing or committed nothing. */
    public static double ratio(PhaseResult api, PhaseResult baseline) {
        if (api == null || baseline == null || baseline.offersPerSecond() == 0) {
            return Double.NaN;
        }
        return api.offersPerSecond() / baseline.offersPerSecond();
    }

    /** The throughput and latency table, one row per run, then the ratio, then the CPU table. */
    public static String table(List<PhaseResult> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-8s %7s %9s %6s %7s %11s %8s %8s %8s %8s%n",
                "run",
                "offers",
                "committed",
                "errors",
                "retries",
                "offers/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "max ms"));
        for (PhaseResult r : runs) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-8s %7d %9d %6d %7d %11.1f %8.0f %8.0f %8.0f %8.0f%n",
                    r.name(),
                    r.offers(),
                    r.committed(),
                    r.errors(),
                    r.retries(),
                    r.offersPerSecond(),
                    r.latencies().percentile(50),
                    r.latencies().percentile(95),
                    r.latencies().percentile(99),
                    r.latencies().max()));
        }
        PhaseResult api = find(runs, "api");
        PhaseResult gateway = find(runs, "gateway");
        double ratio = ratio(api, gateway);
        if (!Double.isNaN(ratio)) {
            out.append(String.format(Locale.ROOT, "api / gateway throughput: %.2f%n", ratio));
        }
        out.append(System.lineSeparator()).append(cpuTable(runs));
        return out.toString();
    }

    /** CPU milliseconds per committed offer of each process (rows) in each run (columns), with totals. */
    public static String cpuTable(List<PhaseResult> runs) {
        Set<String> processes = new LinkedHashSet<>();
        runs.forEach(r -> processes.addAll(r.cpuSeconds().keySet()));
        List<String> sorted = new ArrayList<>(processes);
        // the heaviest process of the first run first
        PhaseResult first = runs.isEmpty() ? null : runs.get(0);
        sorted.sort((a, b) -> Double.compare(cpuOf(first, b), cpuOf(first, a)));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-24s", "CPU ms per offer"));
        runs.forEach(r -> out.append(String.format(Locale.ROOT, " %10s", r.name())));
        out.append(System.lineSeparator());
        for (String p : sorted) {
            out.append(String.format(Locale.ROOT, "%-24s", p));
            runs.forEach(r -> out.append(cell(r.cpuPerOffer(p))));
            out.append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "%-24s", "total"));
        runs.forEach(r -> out.append(cell(r.totalCpuPerOffer())));
        out.append(System.lineSeparator());
        return out.toString();
    }

    /** Every figure as JSON: one object per run, and the ratio. */
    public static String json(List<PhaseResult> runs) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("runs");
        for (PhaseResult r : runs) {
            ObjectNode o = list.addObject();
            o.put("name", r.name());
            o.put("offers", r.offers());
            o.put("committed", r.committed());
            o.put("errors", r.errors());
            o.put("retries", r.retries());
            o.put("concurrency", r.concurrency());
            num(o, "wallSeconds", round(r.wallSeconds(), 3));
            num(o, "offersPerSecond", round(r.offersPerSecond(), 2));
            ObjectNode lat = o.putObject("latencyMs");
            num(lat, "p50", round(r.latencies().percentile(50), 1));
            num(lat, "p95", round(r.latencies().percentile(95), 1));
            num(lat, "p99", round(r.latencies().percentile(99), 1));
            num(lat, "max", round(r.latencies().max(), 1));
            num(lat, "mean", round(r.latencies().mean(), 1));
            ObjectNode cpu = o.putObject("cpuSecondsPerOffer");
            r.cpuSeconds().keySet().forEach(p -> num(cpu, p, round(r.cpuPerOffer(p), 6)));
            num(o, "totalCpuSecondsPerOffer", round(r.totalCpuPerOffer(), 6));
        }
        double ratio = ratio(find(runs, "api"), find(runs, "gateway"));
        if (Double.isNaN(ratio)) {
            root.putNull("apiOverGateway");
        } else {
            num(root, "apiOverGateway", round(ratio, 3));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A figure, or null where there is none (JSON has no NaN). */
    private static void num(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static String cell(double seconds) {
        return Double.isNaN(seconds)
                ? String.format(Locale.ROOT, " %10s", "-")
                : String.format(Locale.ROOT, " %10.2f", seconds * 1000);
    }

    private static double cpuOf(PhaseResult r, String process) {
        if (r == null) {
            return 0;
        }
        double v = r.cpuPerOffer(process);
        return Double.isNaN(v) ? 0 : v;
    }

    private static PhaseResult find(List<PhaseResult> runs, String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
