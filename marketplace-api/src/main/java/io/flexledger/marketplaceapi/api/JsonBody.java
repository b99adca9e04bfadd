package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.http.TextCheck;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A request body read strictly: a JSON object whose fields are all known, each read with its
 * expected type. The first problem found is thrown as a {@link MalformedBodyException} naming the
 * field by its JSON path; range and consistency rules are the domain's (see {@code Violations}).
 * Objects and arrays nest at most {@link #MAX_DEPTH} deep (the deepest body, a settlement, nests 5), a
 * number is finite, and a string holds no control or invisible character ({@link TextCheck}; a tab or a
 * line break only where a field is free text).
 */
final class JsonBody {
    /** How deep objects and arrays may nest in a body. */
    static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build());

    private final ObjectNode node;
    private final String prefix;

    private JsonBody(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses {@code text} as a JSON object with no fields outside {@code allowed}. */
    static JsonBody parse(String text, Set<String> allowed) {
        return parse(text, allowed, "$");
    }

    /** As {@link #parse(String, Set)}, for an object found at JSON path {@code prefix}. */
    static JsonBody parse(String text, Set<String> allowed, String prefix) {
        if (text == null || text.isBlank()) {
            throw new MalformedBodyException("$", "the request body is empty; a JSON object is expected");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw beyondLimits(text, e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedBodyException(
                    "$",
                    at == null
                            ? "not valid JSON"
                            : "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        return of(node, allowed, prefix);
    }

    /**
     * A body beyond the parser's limits: nested deeper than {@link #MAX_DEPTH} (named by the body's
     * member that holds the nesting), or a number or name too long (named by its path). The body is read
     * once more, token by token, to find where.
     */
    private static MalformedBodyException beyondLimits(String text, StreamConstraintsException first) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            try {
                while (parser.nextToken() != null) {
                    // read on to the token beyond the limits
                }
            } catch (StreamConstraintsException e) {
                List<String> steps = steps(parser.getParsingContext());
                if (steps.size() >= MAX_DEPTH) {
                    return new MalformedBodyException(
                            "$" + steps.get(0), "objects and arrays nest deeper than " + MAX_DEPTH + " levels");
                }
                return new MalformedBodyException("$" + String.join("", steps), limit(e));
            }
        } catch (java.io.IOException e) {
            // not expected on a string; the first failure is reported below
        }
        return new MalformedBodyException("$", limit(first));
    }

    /** The steps of a JSON path from the body down to {@code context}: {@code .name} or {@code [index]}. */
    private static List<String> steps(JsonStreamContext context) {
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            steps.add(
                    0,
                    c.inObject()
                            ? "." + (c.getCurrentName() == null ? "" : c.getCurrentName())
                            : "[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
        return steps;
    }

    /** The parser's words for the limit, without the name of its setting. */
    private static String limit(StreamConstraintsException e) {
        return "is beyond the parser's limits: " + e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
    }

    /** {@code node}, found at JSON path {@code path}, read as an object with no fields outside {@code allowed}. */
    private static JsonBody of(JsonNode node, Set<String> allowed, String path) {
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedBodyException(path, "must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new MalformedBodyException(path + "." + name, "unknown field (allowed: " + sorted(allowed) + ")");
            }
        }
        return new JsonBody(object, path);
    }

    ObjectNode node() {
        return node;
    }

    /** A string field; null when absent or JSON null (the domain then says it is required). */
    String string(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new MalformedBodyException(prefix + "." + name, "must be a string");
        }
        return text(v.asText(), path(name), false);
    }

    /**
     * A string field of free text (a reason, a note, an address): as {@link #string(String)}, and it
     * may hold tabs and line breaks.
     */
    String freeText(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new MalformedBodyException(path(name), "must be a string");
        }
        return text(v.asText(), path(name), true);
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
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new MalformedBodyException(prefix + "." + name, "must be a number");
        }
        return exact(v, path(name));
    }

    /** A JSON number as an exact decimal; one beyond the range of a double (e.g. {@code 1e999}) is refused. */
    private static BigDecimal exact(JsonNode number, String path) {
        if (number.isFloatingPointNumber() && !Double.isFinite(number.doubleValue())) {
            throw new MalformedBodyException(path, "is out of range");
        }
        return new BigDecimal(number.asText());
    }

    /**
     * An exact decimal written as a JSON number or as a plain decimal string (e.g. {@code "0.412000"}),
     * the two forms the ledger accepts.
     */
    BigDecimal decimalOrText(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return decimalOf(v, path(name));
    }

    /** A field naming one constant of {@code values}, spelt exactly. */
    <E extends Enum<E>> E enumValue(String name, Class<E> values) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        for (E e : values.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw new MalformedBodyException(
                path(name), "must be one of " + java.util.Arrays.toString(values.getEnumConstants()));
    }

    /** An integer field (no fraction, within the int range). */
    Integer integer(String name) {
        Long v = longInteger(name);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw new MalformedBodyException(path(name), "must be an integer of at most 9 digits");
        }
        return v == null ? null : v.intValue();
    }

    /** A long integer field (no fraction). */
    Long longInteger(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedBodyException(path(name), "must be an integer");
        }
        return v.asLong();
    }

    /** A nested object with no fields outside {@code allowed}; null when absent. */
    JsonBody object(String name, Set<String> allowed) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return of(v, allowed, path(name));
    }

    /** An array of objects, each with no fields outside {@code allowed}; null when absent. */
    List<JsonBody> objects(String name, Set<String> allowed) {
        return array(name, (item, at) -> of(item, allowed, at));
    }

    /** An array of strings; null when absent. */
    List<String> strings(String name) {
        return array(name, (item, at) -> {
            if (!item.isTextual()) {
                throw new MalformedBodyException(at, "must be a string");
            }
            return text(item.asText(), at, false);
        });
    }

    /** An array of exact decimals (numbers or plain decimal strings); null when absent. */
    List<BigDecimal> decimals(String name) {
        return array(name, JsonBody::decimalOf);
    }

    private <T> List<T> array(String name, java.util.function.BiFunction<JsonNode, String, T> item) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new MalformedBodyException(path(name), "must be an array");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(item.apply(v.get(i), path(name) + "[" + i + "]"));
        }
        return out;
    }

    private static BigDecimal decimalOf(JsonNode v, String path) {
        if (v.isNumber()) {
            return exact(v, path);
        }
        if (v.isTextual()) {
            try {
                return Decimals.parse(text(v.asText(), path, false));
            } catch (ValidationException e) {
                throw new MalformedBodyException(path, e.first().reason());
            }
        }
        throw new MalformedBodyException(path, "must be a number or a decimal string such as \"0.412000\"");
    }

    private String path(String name) {
        return prefix + "." + name;
    }

    /** A calendar day {@code YYYY-MM-DD}. */
    LocalDate day(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedBodyException(prefix + "." + name, "must be a day written YYYY-MM-DD");
        }
    }

    /** An object of slot number (a decimal string) to a number. */
    SortedMap<Integer, BigDecimal> bySlot(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new MalformedBodyException(prefix + "." + name, "must be an object of slot number to kW");
        }
        SortedMap<Integer, BigDecimal> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + "." + name + "." + e.getKey();
            if (!e.getKey().matches("0|[1-9][0-9]{0,3}")) {
                throw new MalformedBodyException(path, "slot keys are slot numbers written as plain decimals");
            }
            if (!e.getValue().isNumber()) {
                throw new MalformedBodyException(path, "must be a number (kW)");
            }
            out.put(Integer.parseInt(e.getKey()), exact(e.getValue(), path));
        }
        return out;
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new java.util.TreeSet<>(names));
    }
}
