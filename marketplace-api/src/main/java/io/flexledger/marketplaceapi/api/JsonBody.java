package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
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
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedBodyException("$", "must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new MalformedBodyException(
                        prefix + "." + name, "unknown field (allowed: " + sorted(allowed) + ")");
            }
        }
        return new JsonBody(object, prefix);
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
