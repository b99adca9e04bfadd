package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated request bodies that are wrong in one way each: not JSON or not an object, an unknown
 * field, a field of the wrong type, a required field missing or null, or a value out of its range,
 * at the top level or in an object nested in the body (a reading of a settlement, its proof).
 * Every one must be refused with 400 before the API touches the ledger.
 */
final class MalformedBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The JSON type a field must have. */
    enum Kind {
        STRING,
        NUMBER,
        /** A JSON number without a fraction. */
        INTEGER,
        /** An exact decimal, as a JSON number or a decimal string (only non-decimal strings are wrong). */
        DECIMAL,
        OBJECT,
        ARRAY
    }

    /**
     * The fields of one object in a body: the body itself (pointer {@code ""}) or an object nested in it.
     *
     * @param pointer the object's JSON pointer in the valid body, e.g. {@code /readings/0/proof}
     * @param kinds every field and its JSON type
     * @param required the fields that must be present
     * @param outOfRange per field, values of the right type that break a rule
     */
    record Shape(
            String pointer, Map<String, Kind> kinds, Set<String> required, Map<String, List<JsonNode>> outOfRange) {
        /** The JSON path of one of the object's fields, as problems name it: {@code $.readings[0].slot}. */
        String path(String field) {
            StringBuilder b = new StringBuilder("$");
            for (String step : pointer.split("/")) {
                if (step.isEmpty()) {
                    continue;
                }
                b.append(step.matches("[0-9]+") ? "[" + step + "]" : "." + step);
            }
            return b.append('.').append(field).toString();
        }
    }

    /**
     * One POST endpoint's body shape.
     *
     * @param path the endpoint
     * @param valid a body that passes the API's checks
     * @param shapes the body's object and the objects nested in it
     */
    record Endpoint(String path, String valid, List<Shape> shapes) {
        Endpoint(
                String path,
                String valid,
                Map<String, Kind> kinds,
                Set<String> required,
                Map<String, List<JsonNode>> outOfRange) {
            this(path, valid, List.of(new Shape("", kinds, required, outOfRange)));
        }

        /** This endpoint with the fields of a nested object to mutate too. */
        Endpoint nested(
                String pointer, Map<String, Kind> kinds, Set<String> required, Map<String, List<JsonNode>> outOfRange) {
            List<Shape> all = new ArrayList<>(shapes);
            all.add(new Shape(pointer, kinds, required, outOfRange));
            return new Endpoint(path, valid, List.copyOf(all));
        }
    }

    private MalformedBodies() {}

    /** One malformed body for {@code e}, with a description for failure messages. */
    static Arbitrary<Case> of(Endpoint e) {
        List<Arbitrary<Case>> all = new ArrayList<>();
        all.add(notAnObject(e));
        for (Shape s : e.shapes()) {
            all.add(unknownField(e, s));
            all.add(wrongType(e, s));
            all.add(missing(e, s));
            if (!s.outOfRange().isEmpty()) {
                all.add(outOfRange(e, s));
            }
        }
        return Arbitraries.oneOf(all);
    }

    /**
     * A generated body and what was done to it.
     *
     * @param field the JSON path of the field at fault that the problem must name, or null when the
     *     body as a whole is at fault
     */
    record Case(String mutation, String body, String field) {
        @Override
        public String toString() {
            return mutation + ": " + body;
        }
    }

    private static Arbitrary<Case> notAnObject(Endpoint e) {
        Arbitrary<Case> truncated = Arbitraries.integers()
                .between(0, e.valid().strip().length() - 1)
                .map(n -> new Case("truncated at " + n, e.valid().strip().substring(0, n), null));
        Arbitrary<Case> otherJson = Arbitraries.of("[]", "null", "42", "\"text\"", "true", "[{}]", "{}{}")
                .map(s -> new Case("not an object", s, null));
        Arbitrary<Case> text = Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(40)
                .filter(s -> !s.strip().startsWith("{"))
                .map(s -> new Case("text", s, null));
        return Arbitraries.oneOf(truncated, otherJson, text);
    }

    private static Arbitrary<Case> unknownField(Endpoint e, Shape s) {
        return Combinators.combine(
                        Arbitraries.strings()
                                .alpha()
                                .ofMinLength(1)
                                .ofMaxLength(12)
                                .filter(n -> !s.kinds().containsKey(n)),
                        anyValue())
                .as((name, value) -> {
                    ObjectNode body = parse(e.valid());
                    target(body, s).set(name, value);
                    return new Case("unknown field " + s.path(name), body.toString(), s.path(name));
                });
    }

    private static Arbitrary<Case> wrongType(Endpoint e, Shape s) {
        return Combinators.combine(Arbitraries.of(new ArrayList<>(s.kinds().keySet())), anyValue())
                .as((field, value) -> {
                    if (fits(s.kinds().get(field), value)) {
                        return null;
                    }
                    ObjectNode body = parse(e.valid());
                    target(body, s).set(field, value);
                    return new Case("wrong type of " + s.path(field), body.toString(), s.path(field));
                })
                .filter(c -> c != null);
    }

    private static Arbitrary<Case> missing(Endpoint e, Shape s) {
        return Combinators.combine(Arbitraries.of(new ArrayList<>(s.required())), Arbitraries.of(true, false))
                .as((field, asNull) -> {
                    ObjectNode body = parse(e.valid());
                    if (asNull) {
                        target(body, s).putNull(field);
                    } else {
                        target(body, s).remove(field);
                    }
                    return new Case((asNull ? "null " : "missing ") + s.path(field), body.toString(), s.path(field));
                });
    }

    private static Arbitrary<Case> outOfRange(Endpoint e, Shape s) {
        List<Case> cases = new ArrayList<>();
        s.outOfRange().forEach((field, values) -> {
            for (JsonNode v : values) {
                ObjectNode body = parse(e.valid());
                target(body, s).set(field, v);
                cases.add(new Case("out of range " + s.path(field) + "=" + v, body.toString(), s.path(field)));
            }
        });
        return Arbitraries.of(cases);
    }

    private static ObjectNode target(ObjectNode body, Shape s) {
        return s.pointer().isEmpty() ? body : (ObjectNode) body.at(s.pointer());
    }

    private static Arbitrary<JsonNode> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10).map(F::textNode),
                Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i)),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false)),
                Arbitraries.of(F.arrayNode(), F.arrayNode().add(1)),
                Arbitraries.of(F.objectNode(), F.objectNode().put("a", 1)));
    }

    private static boolean fits(Kind kind, JsonNode value) {
        return switch (kind) {
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case INTEGER -> value.isIntegralNumber();
            case DECIMAL -> value.isNumber() || value.isTextual();
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
        };
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (java.io.IOException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    static List<JsonNode> values(Object... values) {
        List<JsonNode> out = new ArrayList<>();
        for (Object v : values) {
            out.add(MAPPER.valueToTree(v));
        }
        return out;
    }
}
