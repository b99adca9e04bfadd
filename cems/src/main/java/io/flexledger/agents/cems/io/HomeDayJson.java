package io.flexledger.agents.cems.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes home-day problems and CEMS results in the JSON of formats/README.md section 1.
 *
 * <p>Reading is strict: anything the format does not allow is reported as a {@link
 * MalformedProblemException} naming the JSON path. Relations between well-formed values that make
 * the day impossible (an SoC below its minimum, a window too short) are not checked here; they are
 * infeasibility, reported by the optimiser. Writing prints numbers at full precision. Thread-safe.
 */
public final class HomeDayJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private static final List<String> TOP_REQUIRED = List.of(
            "kind",
            "id",
            "slotMinutes",
            "slots",
            "importPrice",
            "exportPrice",
            "maxImportKw",
            "maxExportKw",
            "baseLoadKw",
            "pvKw");
    private static final List<String> TOP_OPTIONAL = List.of("battery", "ev", "deferrable", "interruptible");
    private static final List<String> BATTERY_FIELDS = List.of(
            "capacityKwh",
            "maxChargeKw",
            "maxDischargeKw",
            "chargeEfficiency",
            "dischargeEfficiency",
            "initialSocKwh",
            "minSocKwh",
            "finalSocKwh");
    private static final List<String> EV_FIELDS = List.of("arrivalSlot", "departureSlot", "energyKwh", "maxChargeKw");
    private static final List<String> DEFERRABLE_FIELDS =
            List.of("name", "profileKw", "earliestStartSlot", "latestEndSlot");
    private static final List<String> INTERRUPTIBLE_FIELDS =
            List.of("name", "energyKwh", "maxKw", "earliestSlot", "latestSlot");

    private HomeDayJson() {}

    /** Reads a home-day file. */
    public static HomeDay read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads a home-day document. */
    public static HomeDay read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedProblemException(
                    "$", "not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedProblemException("$", "empty document");
        }
        return parse(root);
    }

    private static HomeDay parse(JsonNode root) {
        fields(root, "$", TOP_REQUIRED, TOP_OPTIONAL);
        // the document must declare what it is
        String kind = string(root, "kind", "$");
        if (!"home-day".equals(kind)) {
            throw new MalformedProblemException("$.kind", "expected \"home-day\", got \"" + kind + "\"");
        }
        String id = string(root, "id", "$");
        // slot length and count are positive integers
        int slotMinutes = integer(root, "slotMinutes", "$");
        if (slotMinutes <= 0) {
            throw new MalformedProblemException("$.slotMinutes", "must be > 0");
        }
        int slots = integer(root, "slots", "$");
        if (slots <= 0) {
            throw new MalformedProblemException("$.slots", "must be > 0");
        }
        double[] importPrice = array(root, "importPrice", "$", slots, 0.0);
        double[] exportPrice = array(root, "exportPrice", "$", slots, 0.0);
        // a home never earns more for exporting than it pays for importing in the same slot
        for (int t = 0; t < slots; t++) {
            if (exportPrice[t] > importPrice[t]) {
                throw new MalformedProblemException(
                        "$.exportPrice[" + t + "]",
                        "must be <= importPrice[" + t + "] (" + exportPrice[t] + " > " + importPrice[t] + ")");
            }
        }
        double maxImportKw = number(root, "maxImportKw", "$", 0.0);
        double maxExportKw = number(root, "maxExportKw", "$", 0.0);
        double[] baseLoadKw = array(root, "baseLoadKw", "$", slots, Double.NEGATIVE_INFINITY);
        double[] pvKw = array(root, "pvKw", "$", slots, 0.0);
        HomeDay.Battery battery = present(root, "battery") ? battery(root.get("battery")) : null;
        HomeDay.Ev ev = present(root, "ev") ? ev(root.get("ev"), slots) : null;
        List<HomeDay.Deferrable> deferrable =
                present(root, "deferrable") ? deferrables(root.get("deferrable"), slots) : List.of();
        List<HomeDay.Interruptible> interruptible =
                present(root, "interruptible") ? interruptibles(root.get("interruptible"), slots) : List.of();
        return new HomeDay(
                id,
                slotMinutes,
                slots,
                importPrice,
                exportPrice,
                maxImportKw,
                maxExportKw,
                baseLoadKw,
                pvKw,
                battery,
                ev,
                deferrable,
                interruptible);
    }

    private static HomeDay.Battery battery(JsonNode b) {
        String w = "$.battery";
        fields(b, w, BATTERY_FIELDS, List.of());
        double capacity = number(b, "capacityKwh", w, 0.0);
        // a battery without capacity is no battery: leave it out instead
        if (capacity <= 0) {
            throw new MalformedProblemException(w + ".capacityKwh", "must be > 0");
        }
        double maxCharge = number(b, "maxChargeKw", w, 0.0);
        double maxDischarge = number(b, "maxDischargeKw", w, 0.0);
        double etaCharge = efficiency(b, "chargeEfficiency", w);
        double etaDischarge = efficiency(b, "dischargeEfficiency", w);
        double initial = number(b, "initialSocKwh", w, 0.0);
        double min = number(b, "minSocKwh", w, 0.0);
        double fin = number(b, "finalSocKwh", w, 0.0);
        return new HomeDay.Battery(capacity, maxCharge, maxDischarge, etaCharge, etaDischarge, initial, min, fin);
    }

    private static double efficiency(JsonNode node, String field, String where) {
        double eta = number(node, field, where, 0.0);
        // efficiencies are fractions in (0, 1]
        if (eta <= 0 || eta > 1) {
            throw new MalformedProblemException(where + "." + field, "must be in (0, 1], got " + eta);
        }
        return eta;
    }

    private static HomeDay.Ev ev(JsonNode e, int slots) {
        String w = "$.ev";
        fields(e, w, EV_FIELDS, List.of());
        int arrival = integer(e, "arrivalSlot", w);
        int departure = integer(e, "departureSlot", w);
        // the charging window lies inside the day and is not empty: 0 <= arrival < departure <= slots
        if (arrival < 0 || arrival >= slots) {
            throw new MalformedProblemException(w + ".arrivalSlot", "must be in [0, slots), got " + arrival);
        }
        if (departure <= arrival || departure > slots) {
            throw new MalformedProblemException(
                    w + ".departureSlot", "must be in (arrivalSlot, slots], got " + departure);
        }
        double energy = number(e, "energyKwh", w, 0.0);
        double maxKw = number(e, "maxChargeKw", w, 0.0);
        return new HomeDay.Ev(arrival, departure, energy, maxKw);
    }

    private static List<HomeDay.Deferrable> deferrables(JsonNode list, int slots) {
        if (!list.isArray()) {
            throw new MalformedProblemException("$.deferrable", "not an array");
        }
        List<HomeDay.Deferrable> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String w = "$.deferrable[" + i + "]";
            JsonNode d = list.get(i);
            fields(d, w, DEFERRABLE_FIELDS, List.of());
            String name = string(d, "name", w);
            // names are unique within the list: results are keyed by name
            if (!names.add(name)) {
                throw new MalformedProblemException(w + ".name", "duplicate name \"" + name + "\"");
            }
            JsonNode profile = d.get("profileKw");
            // a run lasts at least one slot and at most the whole day
            if (!profile.isArray() || profile.isEmpty() || profile.size() > slots) {
                throw new MalformedProblemException(w + ".profileKw", "must be an array of 1.." + slots + " numbers");
            }
            double[] profileKw = array(d, "profileKw", w, profile.size(), 0.0);
            int earliest = integer(d, "earliestStartSlot", w);
            int latestEnd = integer(d, "latestEndSlot", w);
            // the window lies inside the day
            if (earliest < 0 || earliest > slots) {
                throw new MalformedProblemException(w + ".earliestStartSlot", "must be in [0, slots], got " + earliest);
            }
            if (latestEnd < 0 || latestEnd > slots) {
                throw new MalformedProblemException(w + ".latestEndSlot", "must be in [0, slots], got " + latestEnd);
            }
            out.add(new HomeDay.Deferrable(name, profileKw, earliest, latestEnd));
        }
        return out;
    }

    private static List<HomeDay.Interruptible> interruptibles(JsonNode list, int slots) {
        if (!list.isArray()) {
            throw new MalformedProblemException("$.interruptible", "not an array");
        }
        List<HomeDay.Interruptible> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String w = "$.interruptible[" + i + "]";
            JsonNode d = list.get(i);
            fields(d, w, INTERRUPTIBLE_FIELDS, List.of());
            String name = string(d, "name", w);
            // names are unique within the list: results are keyed by name
            if (!names.add(name)) {
                throw new MalformedProblemException(w + ".name", "duplicate name \"" + name + "\"");
            }
            double energy = number(d, "energyKwh", w, 0.0);
            double maxKw = number(d, "maxKw", w, 0.0);
            int earliest = integer(d, "earliestSlot", w);
            int latest = integer(d, "latestSlot", w);
            // the window is [earliestSlot, latestSlot) with 0 <= earliestSlot <= latestSlot <= slots
            if (earliest < 0 || earliest > slots) {
                throw new MalformedProblemException(w + ".earliestSlot", "must be in [0, slots], got " + earliest);
            }
            if (latest < earliest || latest > slots) {
                throw new MalformedProblemException(
                        w + ".latestSlot", "must be in [earliestSlot, slots], got " + latest);
            }
            out.add(new HomeDay.Interruptible(name, energy, maxKw, earliest, latest));
        }
        return out;
    }

    // ------------------------------------------------------------------ field helpers

    private static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    private static void fields(JsonNode node, String where, List<String> required, List<String> optional) {
        if (node == null || !node.isObject()) {
            throw new MalformedProblemException(where, "not an object");
        }
        for (String k : required) {
            if (!node.has(k)) {
                throw new MalformedProblemException(where + "." + k, "missing");
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!required.contains(k) && !optional.contains(k)) {
                throw new MalformedProblemException(where + "." + k, "unknown field");
            }
        }
    }

    private static String string(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw new MalformedProblemException(where + "." + field, "not a string");
        }
        return v.textValue();
    }

    private static double number(JsonNode node, String field, String where, double min) {
        return value(node.get(field), where + "." + field, min);
    }

    private static double value(JsonNode v, String path, double min) {
        if (v == null || !v.isNumber()) {
            throw new MalformedProblemException(path, "not a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new MalformedProblemException(path, "not a finite number");
        }
        if (d < min) {
            throw new MalformedProblemException(path, "must be >= " + fmt(min) + ", got " + d);
        }
        return d;
    }

    private static int integer(JsonNode node, String field, String where) {
        String path = where + "." + field;
        double d = value(node.get(field), path, Double.NEGATIVE_INFINITY);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new MalformedProblemException(path, "not an integer");
        }
        return (int) d;
    }

    private static double[] array(JsonNode node, String field, String where, int size, double min) {
        String path = where + "." + field;
        JsonNode a = node.get(field);
        if (!a.isArray()) {
            throw new MalformedProblemException(path, "not an array");
        }
        if (a.size() != size) {
            throw new MalformedProblemException(path, a.size() + " entries, expected " + size);
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = value(a.get(i), path + "[" + i + "]", min);
        }
        return out;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ------------------------------------------------------------------ writing

    /** Writes a home-day in the format of formats/README.md section 1 (optional parts only when present). */
    public static String write(HomeDay p) {
        return generate(g -> {
            g.writeStartObject();
            g.writeStringField("kind", "home-day");
            g.writeStringField("id", p.id());
            g.writeNumberField("slotMinutes", p.slotMinutes());
            g.writeNumberField("slots", p.slots());
            numbers(g, "importPrice", p.importPrice());
            numbers(g, "exportPrice", p.exportPrice());
            g.writeNumberField("maxImportKw", p.maxImportKw());
            g.writeNumberField("maxExportKw", p.maxExportKw());
            numbers(g, "baseLoadKw", p.baseLoadKw());
            numbers(g, "pvKw", p.pvKw());
            HomeDay.Battery b = p.battery();
            if (b != null) {
                g.writeObjectFieldStart("battery");
                g.writeNumberField("capacityKwh", b.capacityKwh());
                g.writeNumberField("maxChargeKw", b.maxChargeKw());
                g.writeNumberField("maxDischargeKw", b.maxDischargeKw());
                g.writeNumberField("chargeEfficiency", b.chargeEfficiency());
                g.writeNumberField("dischargeEfficiency", b.dischargeEfficiency());
                g.writeNumberField("initialSocKwh", b.initialSocKwh());
                g.writeNumberField("minSocKwh", b.minSocKwh());
                g.writeNumberField("finalSocKwh", b.finalSocKwh());
                g.writeEndObject();
            }
            HomeDay.Ev ev = p.ev();
            if (ev != null) {
                g.writeObjectFieldStart("ev");
                g.writeNumberField("arrivalSlot", ev.arrivalSlot());
                g.writeNumberField("departureSlot", ev.departureSlot());
                g.writeNumberField("energyKwh", ev.energyKwh());
                g.writeNumberField("maxChargeKw", ev.maxChargeKw());
                g.writeEndObject();
            }
            if (!p.deferrable().isEmpty()) {
                g.writeArrayFieldStart("deferrable");
                for (HomeDay.Deferrable d : p.deferrable()) {
                    g.writeStartObject();
                    g.writeStringField("name", d.name());
                    numbers(g, "profileKw", d.profileKw());
                    g.writeNumberField("earliestStartSlot", d.earliestStartSlot());
                    g.writeNumberField("latestEndSlot", d.latestEndSlot());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!p.interruptible().isEmpty()) {
                g.writeArrayFieldStart("interruptible");
                for (HomeDay.Interruptible d : p.interruptible()) {
                    g.writeStartObject();
                    g.writeStringField("name", d.name());
                    g.writeNumberField("energyKwh", d.energyKwh());
                    g.writeNumberField("maxKw", d.maxKw());
                    g.writeNumberField("earliestSlot", d.earliestSlot());
                    g.writeNumberField("latestSlot", d.latestSlot());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /** Writes a cems-result with every field the format lists, at full precision. */
    public static String write(CemsResult r) {
        return generate(g -> {
            g.writeStartObject();
            g.writeStringField("kind", "cems-result");
            g.writeStringField("id", r.id());
            g.writeNumberField("bill", r.bill());
            numbers(g, "importKw", r.importKw());
            numbers(g, "exportKw", r.exportKw());
            numbers(g, "pvUsedKw", r.pvUsedKw());
            numbers(g, "chargeKw", r.chargeKw());
            numbers(g, "dischargeKw", r.dischargeKw());
            numbers(g, "evKw", r.evKw());
            g.writeObjectFieldStart("deferrableStart");
            for (Map.Entry<String, Integer> e : r.deferrableStart().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("interruptibleKw");
            for (Map.Entry<String, double[]> e : r.interruptibleKw().entrySet()) {
                numbers(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("solveMillis", r.solveMillis());
            g.writeEndObject();
        });
    }

    private static void numbers(JsonGenerator g, String field, double[] values) throws IOException {
        g.writeArrayFieldStart(field);
        for (double v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String generate(Body body) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
