package io.flexledger.clearing.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded generator of Pontypool-like clearing problems. Every 184 homes share one transformer
 * ({@code TX1}, or {@code TXk} beyond the first) with four feeders ({@code F1..F4}, or {@code TXk-F1..}).
 * Each home has one to four assets (EV, battery, water heater, heat pump), each with several overlapping
 * block offers in the evening (slots 64..83 of 96), at its transformer or its feeder. The DSO asks for
 * flexibility at every transformer in slots 68..79 and at some feeders in a few peak slots, sized as a
 * share of what the offers there could deliver.
 */
public final class InstanceGenerator {

    /** Homes per transformer, as in the Pontypool LV grid. */
    public static final int HOMES_PER_TRANSFORMER = 184;

    private record AssetType(
            String name,
            double probability,
            double minKw,
            double maxKw,
            double minPrice,
            double maxPrice,
            double[] minActivations,
            int maxLength) {}

    private static final AssetType[] TYPES = {
        new AssetType("ev", 0.5, 3.0, 7.4, 0.05, 0.20, new double[] {0.0, 0.2, 0.4, 1.0}, 4),
        new AssetType("battery", 0.4, 1.0, 3.0, 0.08, 0.30, new double[] {0.0, 0.1, 0.5}, 4),
        new AssetType("water-heater", 0.6, 1.0, 3.0, 0.03, 0.12, new double[] {0.5, 1.0}, 3),
        new AssetType("heat-pump", 0.3, 1.0, 2.5, 0.06, 0.18, new double[] {0.3, 1.0}, 4),
    };

    private InstanceGenerator() {}

    /** The clearing problem for this many homes and seed, as JSON text. */
    public static String generate(String id, int homes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int transformers = (homes + HOMES_PER_TRANSFORMER - 1) / HOMES_PER_TRANSFORMER;
        List<Map<String, Object>> offers = new ArrayList<>();
        // available kW per (point, slot): what the offers there could deliver at most, per asset
        Map<String, double[]> available = new HashMap<>();
        int offerNo = 0;
        for (int home = 0; home < homes; home++) {
            int tx = home / HOMES_PER_TRANSFORMER + 1;
            int feeder = (home % HOMES_PER_TRANSFORMER) % 4 + 1;
            String txName = transformers == 1 ? "TX1" : "TX" + tx;
            String feederName = transformers == 1 ? "F" + feeder : "TX" + tx + "-F" + feeder;
            String homeName = String.format("home-%05d", home + 1);
            String aggregator = "agr-" + (home % 3 + 1);
            List<AssetType> chosen = new ArrayList<>();
            for (AssetType type : TYPES) {
                if (rnd.nextDouble() < type.probability()) {
                    chosen.add(type);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add(TYPES[rnd.nextInt(TYPES.length)]);
            }
            for (AssetType type : chosen) {
                String asset = homeName + "-" + type.name();
                double ratedKw = round(uniform(rnd, type.minKw(), type.maxKw()), 1);
                double basePrice = uniform(rnd, type.minPrice(), type.maxPrice());
                int count = 4 + rnd.nextInt(6);
                double[] assetPeak = new double[96];
                for (int b = 0; b < count; b++) {
                    int length = 1 + rnd.nextInt(type.maxLength());
                    int start = 64 + rnd.nextInt(20 - length + 1);
                    Map<String, Double> kwBySlot = new LinkedHashMap<>();
                    for (int t = start; t < start + length; t++) {
                        double kw = round(ratedKw * uniform(rnd, 0.6, 1.0), 2);
                        kwBySlot.put(Integer.toString(t), kw);
                    }
                    String point = rnd.nextDouble() < 0.55 ? txName : feederName;
                    double price = round(basePrice * uniform(rnd, 0.8, 1.3) * (1.0 + 0.05 * (4 - length)), 4);
                    double minActivation = type.minActivations()[rnd.nextInt(type.minActivations().length)];
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("id", "o-" + (++offerNo));
                    o.put("aggregator", aggregator);
                    o.put("congestionPoint", point);
                    o.put("asset", asset);
                    o.put("kwBySlot", kwBySlot);
                    o.put("price", price);
                    o.put("minActivation", minActivation);
                    offers.add(o);
                    double[] avail = available.computeIfAbsent(point, p -> new double[96]);
                    for (Map.Entry<String, Double> e : kwBySlot.entrySet()) {
                        int t = Integer.parseInt(e.getKey());
                        if (e.getValue() > assetPeak[t]) {
                            avail[t] += e.getValue() - assetPeak[t];
                            assetPeak[t] = e.getValue();
                        }
                    }
                }
            }
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        int requestNo = 0;
        for (int tx = 1; tx <= transformers; tx++) {
            String txName = transformers == 1 ? "TX1" : "TX" + tx;
            double penalty = round(uniform(rnd, 1.0, 3.0), 2);
            double share = uniform(rnd, 0.15, 0.35);
            for (int t = 68; t < 80; t++) {
                double peakShape = 1.0 - Math.abs(t - 73.5) / 8.0;
                double kw = round(share * peakShape * available.getOrDefault(txName, new double[96])[t], 1);
                requests.add(request(++requestNo, txName, t, kw, penalty));
            }
            for (int f = 1; f <= 4; f++) {
                String feederName = transformers == 1 ? "F" + f : "TX" + tx + "-F" + f;
                if (rnd.nextDouble() < 0.25) {
                    continue;
                }
                int first = 70 + rnd.nextInt(4);
                int length = 2 + rnd.nextInt(5);
                double feederPenalty = round(uniform(rnd, 1.0, 3.0), 2);
                double feederShare = uniform(rnd, 0.1, 0.5);
                for (int t = first; t < first + length; t++) {
                    double kw = round(feederShare * available.getOrDefault(feederName, new double[96])[t], 1);
                    requests.add(request(++requestNo, feederName, t, kw, feederPenalty));
                }
            }
        }
        return json(id, requests, offers);
    }

    private static Map<String, Object> request(int no, String point, int slot, double kw, double penalty) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", "r-" + no);
        r.put("congestionPoint", point);
        r.put("slot", slot);
        r.put("kw", kw);
        r.put("unservedPenalty", penalty);
        return r;
    }

    private static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    private static String json(String id, List<Map<String, Object>> requests, List<Map<String, Object>> offers) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", "clearing");
            g.writeStringField("id", id);
            g.writeNumberField("slotMinutes", 15);
            g.writeNumberField("slots", 96);
            g.writeArrayFieldStart("requests");
            for (Map<String, Object> r : requests) {
                writeObject(g, r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("offers");
            for (Map<String, Object> o : offers) {
                writeObject(g, o);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeObject(JsonGenerator g, Map<String, Object> m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                g.writeStringField(e.getKey(), s);
            } else if (v instanceof Integer i) {
                g.writeNumberField(e.getKey(), i);
            } else if (v instanceof Double d) {
                g.writeNumberField(e.getKey(), d);
            } else {
                g.writeFieldName(e.getKey());
                writeObject(g, (Map<String, Object>) v);
            }
        }
        g.writeEndObject();
    }

    /** {@code InstanceGenerator ID HOMES SEED FILE}: writes one instance. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[3]), generate(args[0], Integer.parseInt(args[1]), Long.parseLong(args[2])));
    }
}
