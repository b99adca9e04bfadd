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
 * field, a field of the wrong type, a required field missing or null, or a value out of its range.
 * Every one must be refused with 400 before the API touches the ledger.
 */
final class MalformedBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The JSON type a field must have. */
    enum Kind {
        STRING,
        NUMBER,
        OBJECT
    }

    /**
     * One POST endpoint's body shape.
     *
     * @param path the endpoint
     * @param valid a body that passes the API's checks
     * @param kinds every field and its JSON type
     * @param required the fields that must be present
     * @param outOfRange per field, values of the right type that break a rule
     */
    record Endpoint(
            String path,
            String valid,
            Map<String, Kind> kinds,
            Set<String> required,
            Map<String, List<JsonNode>> outOfRange) {}

    private MalformedBodies() {}

    /** One malformed body for {@code e}, with a description for failure messages. */
    static Arbitrary<Case> of(Endpoint e) {
        return Arbitraries.oneOf(notAnObject(e), unknownField(e), wrongType(e), missing(e), outOfRange(e));
    }

    /** A generated body and what was done to it. */
    record Case(String mutation, String body) {
        @Override
        public String toString() {
            return mutation + ": " + body;
        }
    }

    private static Arbitrary<Case> notAnObject(Endpoint e) {
        Arbitrary<Case> truncated = Arbitraries.integers()
                .between(0, e.valid().strip().length() - 1)
                .map(n -> new Case("truncated at " + n, e.valid().strip().substring(0, n)));
        Arbitrary<Case> otherJson = Arbitraries.of("[]", "null", "42", "\"text\"", "true", "[{}]", "{}{}")
                .map(s -> new Case("not an object", s));
        Arbitrary<Case> text = Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(40)
                .filter(s -> !s.strip().startsWith("{"))
                .map(s -> new Case("text", s));
        return Arbitraries.oneOf(truncated, otherJson, text);
    }

    private static Arbitrary<Case> unknownField(Endpoint e) {
        return Combinators.combine(
                        Arbitraries.strings()
                                .alpha()
                                .ofMinLength(1)
                                .ofMaxLength(12)
                                .filter(n -> !e.kinds().containsKey(n)),
                        anyValue())
                .as((name, value) -> {
                    ObjectNode body = parse(e.valid());
                    body.set(name, value);
                    return new Case("unknown field " + name, body.toString());
                });
    }

    private static Arbitrary<Case> wrongType(Endpoint e) {
        return Combinators.combine(Arbitraries.of(new ArrayList<>(e.kinds().keySet())), anyValue())
                .as((field, value) -> {
                    if (fits(e.kinds().get(field), value)) {
                        return null;
                    }
                    ObjectNode body = parse(e.valid());
                    body.set(field, value);
                    return new Case("wrong type of " + field, body.toString());
                })
                .filter(c -> c != null);
    }

    private static Arbitrary<Case> missing(Endpoint e) {
        return Combinators.combine(Arbitraries.of(new ArrayList<>(e.required())), Arbitraries.of(true, false))
                .as((field, asNull) -> {
                    ObjectNode body = parse(e.valid());
                    if (asNull) {
                        body.putNull(field);
                    } else {
                        body.remove(field);
                    }
                    return new Case((asNull ? "null " : "missing ") + field, body.toString());
                });
    }

    private static Arbitrary<Case> outOfRange(Endpoint e) {
        List<Case> cases = new ArrayList<>();
        e.outOfRange().forEach((field, values) -> {
            for (JsonNode v : values) {
                ObjectNode body = parse(e.valid());
                body.set(field, v);
                cases.add(new Case("out of range " + field + "=" + v, body.toString()));
            }
        });
        return Arbitraries.of(cases);
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
            case OBJECT -> value.isObject();
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
