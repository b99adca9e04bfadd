package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.http.TextCheck;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A request body read strictly by the ledger's one JSON reader ({@link JsonReader}: no duplicate keys,
 * no lenient syntax): a JSON object whose fields are all known, each read with its expected type. The
 * first problem found is thrown as a {@link MalformedBodyException} naming the field by its JSON path;
 * range and consistency rules are the domain's (see {@code Violations}). Objects and arrays nest at most
 * {@link #MAX_DEPTH} deep (the deepest body, a settlement, nests 5), a number has at most 1000 characters
 * and is finite, and a string holds no control or invisible character ({@link TextCheck}; a tab or a line
 * break only where a field is free text).
 */
public final class JsonBody {
    /** How deep objects and arrays may nest in a body. */
    static final int MAX_DEPTH = 64;

    /** The body's size is bounded by the HTTP layer; here only its nesting and numbers. */
    private static final JsonReader.Limits LIMITS = new JsonReader.Limits(Integer.MAX_VALUE, MAX_DEPTH, 1000);

    /** The first problem of a body, thrown. */
    private static final JsonFields.Problems FIRST = (path, reason) -> {
        throw new MalformedBodyException(path, reason);
    };

    private final JsonFields read;
    private ObjectNode node;

    private JsonBody(JsonFields fields) {
        this.read = fields;
    }

    /**
     * The fields as they stand: as read, or - once {@link #node()} was taken to amend the body - as
     * amended, so that a getter sees what is forwarded.
     */
    @SuppressWarnings("unchecked")
    private JsonFields fields() {
        return node == null ? read : new JsonFields((Map<String, Object>) plain(node), read.path(), FIRST);
    }

    /** A Jackson value as the reader's tree (numbers exact as Jackson writes them). */
    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            n.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        } else if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(item -> out.add(plain(item)));
            return out;
        } else if (n.isTextual()) {
            return n.asText();
        } else if (n.isBoolean()) {
            return n.asBoolean();
        } else if (n.isNumber()) {
            if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
                // beyond a double, as read: refused as out of range by the number getters
                return new BigDecimal(n.doubleValue() > 0 ? "1e400" : "-1e400");
            }
            return new BigDecimal(n.asText());
        }
        return null;
    }

    /** Parses {@code text} as a JSON object with no fields outside {@code allowed}. */
    public static JsonBody parse(String text, Set<String> allowed) {
        return parse(text, allowed, "$");
    }

    /** As {@link #parse(String, Set)}, for an object found at JSON path {@code prefix}. */
    static JsonBody parse(String text, Set<String> allowed, String prefix) {
        if (text == null || text.isBlank()) {
            throw new MalformedBodyException("$", "the request body is empty; a JSON object is expected");
        }
        Object value;
        try {
            value = JsonReader.read(text, LIMITS);
        } catch (InputRefusal r) {
            throw new MalformedBodyException(r.path(), r.reason());
        }
        return of(value, allowed, prefix);
    }

    /** {@code value}, found at JSON path {@code path}, read as an object with no fields outside {@code allowed}. */
    @SuppressWarnings("unchecked")
    private static JsonBody of(Object value, Set<String> allowed, String path) {
        if (!(value instanceof Map<?, ?> object)) {
            throw new MalformedBodyException(path, "must be a JSON object");
        }
        for (Object name : object.keySet()) {
            if (!allowed.contains(name)) {
                throw new MalformedBodyException(path + "." + name, "unknown field (allowed: " + sorted(allowed) + ")");
            }
        }
        return new JsonBody(new JsonFields((Map<String, Object>) object, path, FIRST));
    }

    /**
     * The body as a Jackson tree, to amend and forward: numbers typed as Jackson reads them (integers as
     * int, long or big integer, any other number as a double), so that the forwarded text is unchanged.
     */
    public ObjectNode node() {
        if (node == null) {
            node = (ObjectNode) jackson(read.members());
        }
        return node;
    }

    private static JsonNode jackson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            map.forEach((k, v) -> o.set((String) k, jackson(v)));
            return o;
        } else if (value instanceof List<?> list) {
            ArrayNode a = f.arrayNode();
            list.forEach(v -> a.add(jackson(v)));
            return a;
        } else if (value instanceof String s) {
            return f.textNode(s);
        } else if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        BigDecimal d = (BigDecimal) value;
        if (d.scale() != 0) {
            return f.numberNode(d.doubleValue());
        }
        if (d.unscaledValue().bitLength() < 32) {
            return f.numberNode(d.intValue());
        }
        return d.unscaledValue().bitLength() < 64 ? f.numberNode(d.longValue()) : f.numberNode(d.toBigInteger());
    }

    /** A string field; null when absent or JSON null (the domain then says it is required). */
    public String string(String name) {
        return fields().has(name) ? text(fields().string(name), path(name), false) : null;
    }

    /**
     * A string field of free text (a reason, a note, an address): as {@link #string(String)}, and it
     * may hold tabs and line breaks.
     */
    String freeText(String name) {
        return fields().has(name) ? text(fields().string(name), path(name), true) : null;
    }

    /** {@code s}, refused when it holds a character {@link TextCheck} refuses. */
    private static String text(String s, String path, boolean freeText) {
        int at = TextCheck.firstInvalid(s, freeText);
        if (at >= 0) {
            throw new MalformedBodyException(path, TextCheck.describe(s, at));
        }
        return s;
    }

    /** A decimal number field, kept exact (no binary floating point). */
    BigDecimal decimal(String name) {
        Object v = fields().raw(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof BigDecimal d)) {
            throw new MalformedBodyException(path(name), "must be a number");
        }
        return exact(d, path(name));
    }

    /** A JSON number; one with a fraction or exponent beyond the range of a double (e.g. {@code 1e999}) is refused. */
    private static BigDecimal exact(BigDecimal number, String path) {
        if (number.scale() != 0 && !Double.isFinite(number.doubleValue())) {
            throw new MalformedBodyException(path, "is out of range");
        }
        return number;
    }

    /**
     * An exact decimal written as a JSON number or as a plain decimal string (e.g. {@code "0.412000"}),
     * the two forms the ledger accepts.
     */
    public BigDecimal decimalOrText(String name) {
        Object v = fields().raw(name);
        return v == null ? null : decimalOf(v, path(name));
    }

    /** A field naming one constant of {@code values}, spelt exactly. */
    <E extends Enum<E>> E enumValue(String name, Class<E> values) {
        String s = string(name);
        return s == null ? null : fields().enumValue(name, values);
    }

    /** A boolean field; null when absent or JSON null. */
    public Boolean bool(String name) {
        return fields().has(name) ? fields().bool(name) : null;
    }

    /** An integer field (no fraction, within the int range). */
    public Integer integer(String name) {
        Long v = longInteger(name);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw new MalformedBodyException(path(name), "must be an integer of at most 9 digits");
        }
        return v == null ? null : v.intValue();
    }

    /** A long integer field (written without fraction or exponent). */
    Long longInteger(String name) {
        Object v = fields().raw(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof BigDecimal d) || d.scale() != 0 || d.unscaledValue().bitLength() >= 64) {
            throw new MalformedBodyException(path(name), "must be an integer");
        }
        return d.longValue();
    }

    /** A nested object with no fields outside {@code allowed}; null when absent. */
    JsonBody object(String name, Set<String> allowed) {
        Object v = fields().raw(name);
        return v == null ? null : of(v, allowed, path(name));
    }

    /** An array of objects, each with no fields outside {@code allowed}; null when absent. */
    List<JsonBody> objects(String name, Set<String> allowed) {
        return array(name, (item, at) -> of(item, allowed, at));
    }

    /** An array of strings; null when absent. */
    List<String> strings(String name) {
        return array(name, (item, at) -> text(fields().asString(item, at), at, false));
    }

    /** An array of exact decimals (numbers or plain decimal strings); null when absent. */
    public List<BigDecimal> decimals(String name) {
        return array(name, JsonBody::decimalOf);
    }

    private <T> List<T> array(String name, BiFunction<Object, String, T> item) {
        return fields().has(name) ? fields().array(name, item) : null;
    }

    private static BigDecimal decimalOf(Object v, String path) {
        if (v instanceof BigDecimal d) {
            return exact(d, path);
        }
        if (v instanceof String s) {
            try {
                return Decimals.parse(text(s, path, false));
            } catch (ValidationException e) {
                throw new MalformedBodyException(path, e.first().reason());
            }
        }
        throw new MalformedBodyException(path, "must be a number or a decimal string such as \"0.412000\"");
    }

    private String path(String name) {
        return fields().at(name);
    }

    /** A calendar day {@code YYYY-MM-DD}. */
    public LocalDate day(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedBodyException(path(name), "must be a day written YYYY-MM-DD");
        }
    }

    /** An object of slot number (a decimal string) to a number. */
    SortedMap<Integer, BigDecimal> bySlot(String name) {
        Object v = fields().raw(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> slots)) {
            throw new MalformedBodyException(path(name), "must be an object of slot number to kW");
        }
        SortedMap<Integer, BigDecimal> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : slots.entrySet()) {
            String key = (String) e.getKey();
            String path = path(name) + "." + key;
            if (!key.matches("0|[1-9][0-9]{0,3}")) {
                throw new MalformedBodyException(path, "slot keys are slot numbers written as plain decimals");
            }
            if (!(e.getValue() instanceof BigDecimal d)) {
                throw new MalformedBodyException(path, "must be a number (kW)");
            }
            out.put(Integer.parseInt(key), exact(d, path));
        }
        return out;
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new java.util.TreeSet<>(names));
    }
}
