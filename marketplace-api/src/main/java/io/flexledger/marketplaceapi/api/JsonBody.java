package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.validation.ValidationException;
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
 */
final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException(
                    "$",
                    "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        }
        return of(node, allowed, prefix);
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
        return v.asText();
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
        return new BigDecimal(v.asText());
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
            return item.asText();
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
            return new BigDecimal(v.asText());
        }
        if (v.isTextual()) {
            try {
                return Decimals.parse(v.asText());
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
            out.put(Integer.parseInt(e.getKey()), new BigDecimal(e.getValue().asText()));
        }
        return out;
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new java.util.TreeSet<>(names));
    }
}
