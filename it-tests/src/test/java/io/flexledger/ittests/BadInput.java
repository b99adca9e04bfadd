package io.flexledger.ittests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Every operation of marketplace-api, and generated requests to one that are bad in one way each (jqwik
 * generators): a control or invisible character in a path or query parameter, a broken percent-encoding
 * or bytes that are not UTF-8 in the path or the query, a query value of the wrong form, an Accept or
 * Content-Type the operation does not speak, a bad Idempotency-Key, or a body nested too deep, larger
 * than 1 MiB, with a number beyond a double, with a control character, not UTF-8 or not a JSON object.
 * The parameters that are not at fault name real records (the fixtures), or a fresh id for what must
 * never be written.
 */
final class BadInput {
    /** One operation: its method, path template and query parameters. */
    record Operation(String method, String template, List<String> query) {
        List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** The records the well-formed parts name: a live offer and a home of the organisation, a day, a fresh id. */
    record Fixtures(String offerId, String homeId, String day, String freshId, String txId, String msp) {}

    /**
     * A generated bad request.
     *
     * @param kind what is wrong with it, in a few words (for the histogram)
     * @param status the status it must get, or 0 for any 4xx (a caller without the role gets 403 first)
     * @param field the part the problem must name, or null
     */
    record Bad(
            Operation operation,
            String kind,
            String what,
            String target,
            Map<String, String> headers,
            byte[] body,
            int status,
            String field) {
        @Override
        public String toString() {
            return operation + " [" + what + "] " + (target.length() > 300 ? target.substring(0, 300) + "..." : target);
        }
    }

    static final List<String> DAY_LIST = List.of("day", "congestionPointId", "state", "slot", "pageSize", "bookmark");

    /** Every operation of the API; the test checks this list against the API's OpenAPI document. */
    static final List<Operation> OPERATIONS = List.of(
            get("/api/offers", DAY_LIST),
            get("/api/offers/{id}"),
            get("/api/offers/{id}/revocation"),
            get("/api/requests", DAY_LIST),
            get("/api/requests/{id}"),
            get("/api/orders", DAY_LIST),
            get("/api/orders/{id}"),
            get("/api/congestion-points/{id}"),
            get("/api/assets/{id}"),
            get("/api/assets/{assetId}/devices", List.of("pageSize", "bookmark")),
            get("/api/devices/{id}"),
            get("/api/devices/{id}/history"),
            get("/api/baselines/{day}/{assetId}"),
            get("/api/baselines/{day}/{assetId}/versions", List.of("pageSize", "bookmark")),
            get("/api/baselines/{day}/{assetId}/values"),
            get("/api/anchors", List.of("day", "pageSize", "bookmark")),
            get("/api/anchors/{day}/{aggregatorMsp}"),
            get("/api/settlements", List.of("day", "state", "pageSize", "bookmark")),
            get("/api/settlements/{id}"),
            get("/api/settlements/{id}/details"),
            get("/api/disputes/{id}"),
            get("/api/clearing/{day}"),
            get("/api/ledger/blocks/{number}", List.of("format")),
            get("/api/ledger/transactions/{txId}"),
            get("/api/ledger/info"),
            get("/api/events"),
            get("/api/community/me", List.of("community")),
            get("/api/community/days/{community}/{day}"),
            get("/api/community/orders", List.of("day", "community")),
            get("/api/community/clearing/{community}/{day}"),
            get("/api/community/prices/{community}/{day}"),
            get("/api/community/statements/{community}/{day}", List.of("homeId")),
            get("/api/uftp/participants"),
            get("/api/uftp/participants/{domain}"),
            post("/api/congestion-points"),
            post("/api/assets"),
            post("/api/devices"),
            post("/api/devices/{id}/approval"),
            post("/api/devices/{id}/key"),
            post("/api/requests"),
            post("/api/offers"),
            post("/api/offers/{id}/revocation"),
            post("/api/orders"),
            post("/api/orders/{id}/cancellation"),
            post("/api/clearing/{day}"),
            post("/api/baselines"),
            post("/api/baselines/reveal"),
            post("/api/anchors"),
            post("/api/settlements"),
            post("/api/disputes"),
            post("/api/disputes/{id}/resolution"),
            post("/api/community/memberships"),
            post("/api/community/memberships/{homeId}/approve"),
            post("/api/community/days"),
            post("/api/community/orders"),
            post("/api/community/clearing/{day}"),
            post("/api/community/statements/{day}"),
            post("/api/uftp/participants"));

    private static Operation get(String template) {
        return new Operation("GET", template, List.of());
    }

    private static Operation get(String template, List<String> query) {
        return new Operation("GET", template, query);
    }

    private static Operation post(String template) {
        return new Operation("POST", template, List.of());
    }

    private final Fixtures fixtures;

    BadInput(Fixtures fixtures) {
        this.fixtures = fixtures;
    }

    /** A bad request to {@code op}. */
    Arbitrary<Bad> to(Operation op) {
        List<Arbitrary<Bad>> kinds = new ArrayList<>();
        kinds.add(brokenPath(op));
        kinds.add(queryControl(op));
        kinds.add(brokenQuery(op));
        kinds.add(badHeader(op));
        if (!op.pathParameters().isEmpty()) {
            kinds.add(pathControl(op));
        }
        if (!op.query().isEmpty()) {
            kinds.add(badValue(op));
        }
        if (op.method().equals("POST")) {
            kinds.add(badBody(op));
            kinds.add(badBody(op));
        }
        return Arbitraries.oneOf(kinds);
    }

    /** A well-formed value of a path parameter of {@code op}. */
    String wellFormed(Operation op, String parameter) {
        return switch (parameter) {
            case "day" -> fixtures.day();
            case "number" -> "1";
            case "txId" -> fixtures.txId();
            case "aggregatorMsp" -> fixtures.msp();
            case "assetId", "homeId" -> fixtures.homeId();
            case "community" -> fixtures.msp();
            default -> {
                if (op.template().startsWith("/api/offers/")) {
                    yield fixtures.offerId();
                }
                if (op.template().startsWith("/api/assets/")) {
                    yield fixtures.homeId();
                }
                if (op.template().startsWith("/api/settlements/")) {
                    yield "stl-" + fixtures.freshId();
                }
                yield fixtures.freshId();
            }
        };
    }

    /** The path with a well-formed value in each parameter, {@code parameter} (if not null) set to the raw {@code raw}. */
    String path(Operation op, String parameter, String raw) {
        String path = op.template();
        for (String name : op.pathParameters()) {
            path = path.replace("{" + name + "}", name.equals(parameter) ? raw : encode(wellFormed(op, name)));
        }
        return path;
    }

    String wellFormedQuery(String name) {
        return switch (name) {
            case "day" -> fixtures.day();
            case "pageSize" -> "10";
            case "slot" -> "68";
            case "congestionPointId" -> "F1";
            case "format" -> "json";
            case "community" -> fixtures.msp();
            case "homeId" -> fixtures.homeId();
            default -> "";
        };
    }

    /** The operation's query with well-formed values, {@code name} (if not null) set to the raw {@code value}. */
    String query(Operation op, String name, String value) {
        List<String> pairs = new ArrayList<>();
        for (String q : op.query()) {
            pairs.add(q + "=" + (q.equals(name) ? value : encode(wellFormedQuery(q))));
        }
        if (name != null && !op.query().contains(name)) {
            pairs.add(name + "=" + value);
        }
        return String.join("&", pairs);
    }

    /** A control or invisible character in a path parameter: 400 naming it. */
    Arbitrary<Bad> pathControl(Operation op) {
        return Combinators.combine(
                        Arbitraries.of(op.pathParameters()),
                        refused(),
                        Arbitraries.integers().between(0, 8))
                .as((name, c, at) -> {
                    String good = wellFormed(op, name);
                    int cut = Math.min(at, good.length());
                    String bad = good.substring(0, cut) + c + good.substring(cut);
                    return request(
                            op,
                            "control character in a path parameter",
                            "path parameter " + name + " holds " + codePoint(c),
                            path(op, name, encode(bad)),
                            query(op, null, null),
                            Map.of(),
                            null,
                            400,
                            "$." + name);
                });
    }

    /** A broken percent-encoding, or bytes that are not UTF-8, somewhere in the path: 400 naming the path. */
    Arbitrary<Bad> brokenPath(Operation op) {
        return Combinators.combine(brokenOrNotUtf8(), Arbitraries.integers().between(1, 200))
                .as((escape, at) -> {
                    String path = path(op, null, null);
                    int cut = 1 + at % path.length();
                    // followed by '~', not a hex digit, so that "%4" cannot become an escape with what follows
                    return request(
                            op,
                            "broken percent-encoding in the path",
                            "path with " + escape,
                            path.substring(0, cut) + escape + "~" + path.substring(cut),
                            query(op, null, null),
                            Map.of(),
                            null,
                            400,
                            "path");
                });
    }

    /** A control or invisible character in a query parameter, read or unknown: 400 naming it. */
    Arbitrary<Bad> queryControl(Operation op) {
        List<String> names = new ArrayList<>(op.query());
        names.add("other");
        return Combinators.combine(
                        Arbitraries.of(names),
                        refused(),
                        Arbitraries.strings().alpha().ofMaxLength(6))
                .as((name, c, around) -> request(
                        op,
                        "control character in a query parameter",
                        "query parameter " + name + " holds " + codePoint(c),
                        path(op, null, null),
                        query(op, name, encode(around + c + around)),
                        Map.of(),
                        null,
                        400,
                        "$." + name));
    }

    /** A broken percent-encoding or bytes that are not UTF-8 in a query value (400 naming it) or name (400 naming the query). */
    Arbitrary<Bad> brokenQuery(Operation op) {
        List<String> names = new ArrayList<>(op.query());
        names.add("other");
        return Combinators.combine(Arbitraries.of(names), brokenOrNotUtf8(), Arbitraries.of(true, false))
                .as((name, escape, inName) -> inName
                        ? request(
                                op,
                                "broken percent-encoding in the query",
                                "query parameter name with " + escape,
                                path(op, null, null),
                                query(op, null, null) + "&x" + escape + "=1",
                                Map.of(),
                                null,
                                400,
                                "query")
                        : request(
                                op,
                                "broken percent-encoding in the query",
                                "query parameter " + name + " with " + escape,
                                path(op, null, null),
                                query(op, name, "a" + escape),
                                Map.of(),
                                null,
                                400,
                                "$." + name));
    }

    /** A query value of the wrong form: 400 (403 where the caller may not use the operation at all). */
    Arbitrary<Bad> badValue(Operation op) {
        return Arbitraries.of(op.query())
                .flatMap(name -> Arbitraries.of(wrongValues(name))
                        .map(v -> request(
                                op,
                                "query value of the wrong form",
                                "query parameter " + name + "=" + v,
                                path(op, null, null),
                                query(op, name, encode(v)),
                                Map.of(),
                                null,
                                0,
                                null)));
    }

    static List<String> wrongValues(String name) {
        return switch (name) {
            case "pageSize" -> List.of("abc", "0", "101", "-1", "1.5", "99999999999", "1e2", " 5");
            case "slot" -> List.of("abc", "100", "-1", "6.5", "x68", "1e1");
            case "day" -> List.of("2030-13-01", "2030-02-30", "tomorrow", "20300601", "2030-6-1", "");
            case "bookmark" ->
                List.of(
                        "AAAA",
                        "not a bookmark",
                        "!!",
                        "A".repeat(600),
                        "AG9mZmVyQnlEYXkAMjAzMC0wNi0wMgBvLTEA",
                        "AG9mZmVyQnlEYXkA",
                        "_-_-");
            case "state" -> List.of("NOPE", "offered!", "1");
            case "format" -> List.of("xml", "JSON", "proto3");
            default -> List.of("bad id!", "-x", "x".repeat(65));
        };
    }

    /** An Accept or Content-Type the operation does not speak, or a bad Idempotency-Key. */
    Arbitrary<Bad> badHeader(Operation op) {
        List<Arbitrary<Bad>> kinds = new ArrayList<>();
        kinds.add(Arbitraries.of("application/xml", "text/html", "image/png", "application/problem+xml")
                .map(accept -> request(
                        op,
                        "Accept the API does not speak",
                        "Accept " + accept,
                        path(op, null, null),
                        query(op, null, null),
                        Map.of("Accept", accept),
                        "{}".getBytes(StandardCharsets.UTF_8),
                        0,
                        null)));
        if (op.method().equals("POST")) {
            kinds.add(Arbitraries.of("text/plain", "application/xml", "garbage", "application/x-www-form-urlencoded")
                    .map(type -> request(
                            op,
                            "Content-Type the API does not read",
                            "Content-Type " + type,
                            path(op, null, null),
                            "",
                            Map.of("Content-Type", type),
                            "{}".getBytes(StandardCharsets.UTF_8),
                            0,
                            null)));
            kinds.add(Arbitraries.of("", "has space", "x".repeat(129), "k\u00e9y", "a/b", "k{1}")
                    .map(key -> request(
                            op,
                            "bad Idempotency-Key",
                            "Idempotency-Key '" + key + "'",
                            path(op, null, null),
                            "",
                            Map.of("Idempotency-Key", key),
                            "{}".getBytes(StandardCharsets.UTF_8),
                            0,
                            null)));
        }
        return Arbitraries.oneOf(kinds);
    }

    /** A bad body: what is wrong with it, its bytes, and the status it must get (0: any 4xx). */
    record BadBody(String kind, String what, byte[] bytes, int status) {}

    Arbitrary<Bad> badBody(Operation op) {
        return badBodies()
                .map(b -> request(
                        op,
                        b.kind(),
                        b.what(),
                        path(op, null, null),
                        "",
                        Map.of(),
                        b.bytes(),
                        b.status(),
                        b.status() == 413 ? "$" : null));
    }

    /** Bodies nested too deep, too large, with a number beyond a double or a control character, not UTF-8, not JSON. */
    Arbitrary<BadBody> badBodies() {
        String id = fixtures.freshId();
        Arbitrary<BadBody> deep = Combinators.combine(
                        Arbitraries.integers().between(65, 20_000), Arbitraries.of("[", "{\"a\":", "{\"id\":["))
                .as((depth, open) -> new BadBody(
                        "body nested too deep",
                        "body nested " + depth + " deep",
                        (open + (open.equals("{\"a\":") ? open : "[").repeat(depth)).getBytes(StandardCharsets.UTF_8),
                        0));
        Arbitrary<BadBody> huge = Arbitraries.integers()
                .between(1, 64 * 1024)
                .map(extra -> new BadBody(
                        "body larger than 1 MiB",
                        "body of 1 MiB + " + extra,
                        ("{\"id\":\"" + id + "\",\"reason\":\"" + "x".repeat(1024 * 1024 + extra) + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        413));
        Arbitrary<BadBody> infinite = Arbitraries.of("1e999", "-1e999", "1E400", "-4e310")
                .map(n -> new BadBody(
                        "number beyond a double",
                        "numbers " + n,
                        ("{\"id\":\"" + id + "\",\"price\":" + n + ",\"kwBySlot\":{\"68\":" + n + "},\"activation\":"
                                        + n + ",\"leafCount\":" + n + ",\"capacityKw\":" + n + "}")
                                .getBytes(StandardCharsets.UTF_8),
                        0));
        Arbitrary<BadBody> control = refused()
                .map(c -> new BadBody(
                        "control character in a body string",
                        codePoint(c) + " in the strings",
                        ("{\"id\":\"" + id + jsonEscape(c) + "\",\"reason\":\"r" + jsonEscape(c)
                                        + "\",\"publicKeyBase64\":\"A" + jsonEscape(c) + "\",\"outcome\":\"UPHELD"
                                        + jsonEscape(c) + "\",\"note\":\"n" + jsonEscape(c) + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        0));
        Arbitrary<BadBody> notUtf8 = Arbitraries.of(
                new BadBody(
                        "body not UTF-8",
                        "a string of bytes C3 28",
                        new byte[] {'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'},
                        0),
                new BadBody("body not UTF-8", "bytes FF FE", new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}, 0));
        Arbitrary<BadBody> notJson = Arbitraries.of(
                        "", "{", "{\"id\":", "[]", "null", "42", "{}{}", "{\"id\":\"x-1\",}", "<xml/>", "{'id':'x'}")
                .map(text -> new BadBody(
                        "body not a JSON object", "body " + text, text.getBytes(StandardCharsets.UTF_8), 0));
        return Arbitraries.frequencyOf(
                Tuple.of(5, deep),
                Tuple.of(1, huge),
                Tuple.of(3, infinite),
                Tuple.of(3, control),
                Tuple.of(2, notUtf8),
                Tuple.of(3, notJson));
    }

    /** Characters no parameter may hold: C0 and C1 controls, DEL, invisible formatting, separators, U+FFFD, noncharacters, private use. */
    static Arbitrary<String> refused() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf),
                Arbitraries.chars().range('\u007f', '\u009f').map(String::valueOf),
                Arbitraries.of(
                        "\u200b",
                        "\u200e",
                        "\u202e",
                        "\u2066",
                        "\ufeff",
                        "\u2028",
                        "\ufffd",
                        "\uffff",
                        "\ue000",
                        "\udb80\udc00"));
    }

    /** Broken escapes, and escapes of bytes that are not UTF-8. */
    static Arbitrary<String> brokenOrNotUtf8() {
        return Arbitraries.of(
                "%",
                "%4", "%zz", "%G1", "%%", "%-1", "%C3%28", "%FF", "%C0%AF", "%ED%A0%80", "%F8%88%80%80%80", "%E0%A4");
    }

    private static Bad request(
            Operation op,
            String kind,
            String what,
            String path,
            String query,
            Map<String, String> headers,
            byte[] body,
            int status,
            String field) {
        Map<String, String> all = new LinkedHashMap<>();
        boolean post = op.method().equals("POST");
        if (post) {
            all.put("Content-Type", "application/json");
            all.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        all.putAll(headers);
        byte[] sent = post ? (body == null ? "{}".getBytes(StandardCharsets.UTF_8) : body) : null;
        return new Bad(op, kind, what, query.isEmpty() ? path : path + "?" + query, all, sent, status, field);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    private static String codePoint(String s) {
        return String.format("U+%04X", s.codePointAt(0));
    }
}
