package io.flexledger.chaincode.codec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.flexledger.chaincode.failures.Failures;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violations;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A JSON object read strictly (no comments, no trailing data, no duplicate keys, bounded nesting),
 * with typed getters that record violations under JSON paths such as {@code $.kwBySlot.68}.
 * Call {@link #done()} after reading to throw them.
 */
public final class JsonInput {
    private static final int MAX_LENGTH = 256 * 1024;
    private static final int MAX_DEPTH = 16;
    private static final BigDecimal LIMIT = new BigDecimal("1e15");

    private final JsonObject object;
    private final String path;
    private final Violations violations;

    private JsonInput(JsonObject object, String path, Violations violations) {
        this.object = object;
        this.path = path;
        this.violations = violations;
    }

    /** Parses {@code json} as one object; refuses anything else with {@link ErrorCode#MALFORMED_INPUT}. */
    public static JsonInput parse(String json) {
        if (json == null || json.isBlank()) {
            throw Failures.fail(ErrorCode.MALFORMED_INPUT, "$: a JSON object is required");
        }
        if (json.length() > MAX_LENGTH) {
            throw Failures.fail(ErrorCode.MALFORMED_INPUT, "$: longer than %d characters", MAX_LENGTH);
        }
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = read(reader, "$", 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw Failures.fail(ErrorCode.MALFORMED_INPUT, "$: unexpected data after the object");
            }
            if (!root.isJsonObject()) {
                throw Failures.fail(ErrorCode.MALFORMED_INPUT, "$: must be a JSON object");
            }
            return new JsonInput(root.getAsJsonObject(), "$", new Violations());
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw Failures.fail(ErrorCode.MALFORMED_INPUT, "$: not valid JSON (%s)", e.getMessage());
        }
    }

    private static JsonElement read(JsonReader r, String at, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw Failures.fail(ErrorCode.MALFORMED_INPUT, "%s: nested deeper than %d levels", at, MAX_DEPTH);
        }
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    // A key given twice is ambiguous: refused rather than resolved silently.
                    if (o.has(name)) {
                        throw Failures.fail(ErrorCode.MALFORMED_INPUT, "%s.%s: duplicate key", at, name);
                    }
                    o.add(name, read(r, at + "." + name, depth + 1));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(read(r, at + "[" + a.size() + "]", depth + 1));
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(r.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(r.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw Failures.fail(ErrorCode.MALFORMED_INPUT, "%s: unexpected %s", at, r.peek());
        }
    }

    /** The path of this object, e.g. {@code $} or {@code $.home}. */
    public String path() {
        return path;
    }

    /** The violations collected so far (shared with nested inputs). */
    public Violations violations() {
        return violations;
    }

    /** Records a violation for every field not in {@code allowed}; returns this. */
    public JsonInput onlyFields(Set<String> allowed) {
        for (String name : new TreeMap<>(object.asMap()).keySet()) {
            // Unknown fields are refused so that a typo never passes unnoticed.
            violations.check(allowed.contains(name), at(name), "is not a known field");
        }
        return this;
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return object.has(name) && !object.get(name).isJsonNull();
    }

    /** A required string field. */
    public String string(String name) {
        return required(name, e -> asString(e, at(name)));
    }

    /** An optional string field (null if absent or null). */
    public String optionalString(String name) {
        return has(name) ? string(name) : null;
    }

    /** A required decimal: a JSON number or a string holding a plain decimal. */
    public BigDecimal decimal(String name) {
        return required(name, e -> asDecimal(e, at(name)));
    }

    /** A required integer. */
    public Integer integer(String name) {
        return required(name, e -> {
            BigDecimal d = asDecimal(e, at(name));
            if (d == null) {
                return null;
            }
            try {
                return d.intValueExact();
            } catch (ArithmeticException ex) {
                violations.check(false, at(name), "must be an integer");
                return null;
            }
        });
    }

    /** A required integer that may exceed the int range (e.g. a device's reading counter). */
    public Long longValue(String name) {
        return required(name, e -> {
            BigDecimal d = asDecimal(e, at(name));
            if (d == null) {
                return null;
            }
            try {
                return d.longValueExact();
            } catch (ArithmeticException ex) {
                violations.check(false, at(name), "must be an integer");
                return null;
            }
        });
    }

    /** A required array of strings. */
    public List<String> stringList(String name) {
        return required(name, e -> {
            if (!e.isJsonArray()) {
                violations.check(false, at(name), "must be an array");
                return null;
            }
            List<String> out = new ArrayList<>();
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                out.add(asString(a.get(i), at(name) + "[" + i + "]"));
            }
            return out;
        });
    }

    /** A required array of objects, each a nested input sharing this input's violations ({@code $.readings[3]}). */
    public List<JsonInput> objects(String name) {
        return required(name, e -> {
            if (!e.isJsonArray()) {
                violations.check(false, at(name), "must be an array");
                return null;
            }
            List<JsonInput> out = new ArrayList<>();
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                String at = at(name) + "[" + i + "]";
                if (violations.check(a.get(i).isJsonObject(), at, "must be an object")) {
                    out.add(new JsonInput(a.get(i).getAsJsonObject(), at, violations));
                }
            }
            return out;
        });
    }

    /** A required calendar day, {@code YYYY-MM-DD}. */
    public LocalDate day(String name) {
        return required(name, e -> {
            String s = asString(e, at(name));
            if (s == null) {
                return null;
            }
            try {
                if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    return LocalDate.parse(s);
                }
            } catch (DateTimeParseException ex) {
                // reported below
            }
            violations.check(false, at(name), "must be a day such as 2026-11-27");
            return null;
        });
    }

    /** A required enum constant given by its exact name. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return required(name, e -> {
            String s = asString(e, at(name));
            if (s == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(s)) {
                    return constant;
                }
            }
            violations.check(false, at(name), "must be one of " + List.of(type.getEnumConstants()));
            return null;
        });
    }

    /** A required unit value: a decimal converted with {@code unit} (e.g. {@code Kilowatts::new}). */
    public <U> U unit(String name, Function<BigDecimal, U> unit) {
        BigDecimal d = decimal(name);
        return d == null ? null : convert(at(name), d, unit);
    }

    /** A required object field as a nested input sharing this input's violations. */
    public JsonInput object(String name) {
        return required(name, e -> {
            if (!e.isJsonObject()) {
                violations.check(false, at(name), "must be an object");
                return null;
            }
            return new JsonInput(e.getAsJsonObject(), at(name), violations);
        });
    }

    /** A required object mapping slot numbers (plain decimal strings) to kW. */
    public SortedMap<Integer, Kilowatts> kwBySlot(String name) {
        JsonInput o = object(name);
        if (o == null) {
            return null;
        }
        TreeMap<Integer, Kilowatts> out = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : o.object.entrySet()) {
            String at = o.at(e.getKey());
            // Slot keys are plain non-negative integers written without leading zeros.
            if (!violations.check(e.getKey().matches("0|[1-9][0-9]{0,4}"), at, "key must be a slot number")) {
                continue;
            }
            BigDecimal d = asDecimal(e.getValue(), at);
            Kilowatts kw = d == null ? null : convert(at, d, Kilowatts::new);
            if (kw != null) {
                out.put(Integer.valueOf(e.getKey()), kw);
            }
        }
        return out;
    }

    /** A required array of kW, one per slot. */
    public List<Kilowatts> kwList(String name) {
        return required(name, e -> {
            if (!e.isJsonArray()) {
                violations.check(false, at(name), "must be an array");
                return null;
            }
            List<Kilowatts> out = new ArrayList<>();
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                String at = at(name) + "[" + i + "]";
                BigDecimal d = asDecimal(a.get(i), at);
                out.add(d == null ? null : convert(at, d, Kilowatts::new));
            }
            return out;
        });
    }

    /** Throws {@link ErrorCode#INVALID_FIELD} if any violation was recorded. */
    public void done() {
        try {
            violations.throwIfAny();
        } catch (ValidationException e) {
            throw Failures.invalid(e);
        }
    }

    /** The JSON path of a field of this object. */
    public String at(String name) {
        return path + "." + name;
    }

    private <T> T required(String name, Function<JsonElement, T> reader) {
        if (!has(name)) {
            violations.check(false, at(name), "is required");
            return null;
        }
        return reader.apply(object.get(name));
    }

    private String asString(JsonElement e, String at) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            violations.check(false, at, "must be a string");
            return null;
        }
        return e.getAsString();
    }

    private BigDecimal asDecimal(JsonElement e, String at) {
        BigDecimal d = null;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            d = e.getAsBigDecimal();
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            try {
                d = Decimals.parse(e.getAsString());
            } catch (ValidationException ex) {
                violations.check(false, at, ex.first().reason());
                return null;
            }
        }
        if (d == null) {
            violations.check(false, at, "must be a number");
            return null;
        }
        // Magnitudes are bounded before any scaling, so that 1e999999999 cannot exhaust memory.
        if (!violations.check(d.abs().compareTo(LIMIT) < 0, at, "must be below 1e15 in magnitude")) {
            return null;
        }
        if (!violations.check(d.stripTrailingZeros().scale() <= 12, at, "has more than 12 decimals")) {
            return null;
        }
        return d;
    }

    private <U> U convert(String at, BigDecimal d, Function<BigDecimal, U> unit) {
        try {
            return unit.apply(d);
        } catch (ValidationException ex) {
            ex.prefixed(at).violations().forEach(violations::add);
            return null;
        }
    }
}
