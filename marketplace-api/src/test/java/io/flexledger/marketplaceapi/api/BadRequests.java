package io.flexledger.marketplaceapi.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Every operation of the API, and generated requests to them that are bad in one way each: a control
 * or invisible character in a path or query parameter, a broken percent-encoding or bytes that are not
 * UTF-8 in the path or the query, a parameter value of the wrong form, an Accept or Content-Type the
 * operation does not speak, a bad Idempotency-Key, or a body nested too deep, too large, with a number
 * beyond a double, a control character, bytes that are not UTF-8, or no JSON at all.
 */
final class BadRequests {
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

        /** The path with a well-formed value in each parameter, one of them (if named) replaced by {@code raw}. */
        String path(String parameter, String raw) {
            String path = template;
            for (String name : pathParameters()) {
                path = path.replace("{" + name + "}", name.equals(parameter) ? raw : encode(wellFormed(name)));
            }
            return path;
        }

        /** A well-formed value of a path parameter of this operation. */
        String wellFormed(String parameter) {
            return switch (parameter) {
                case "day" -> "2030-06-01";
                case "number" -> "1";
                case "txId" -> "ab".repeat(32);
                case "aggregatorMsp" -> "Aggregator1MSP";
                case "assetId" -> "home-1";
                default -> template.startsWith("/api/settlements") ? "stl-ord-1" : "x-1";
            };
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static Operation get(String template, String... query) {
        return new Operation("GET", template, List.of(query));
    }

    static Operation post(String template) {
        return new Operation("POST", template, List.of());
    }

    static final List<String> DAY_LIST = List.of("day", "congestionPointId", "state", "slot", "pageSize", "bookmark");

    /** Every operation of the API (BadRequestsTest checks this against the OpenAPI document). */
    static final List<Operation> OPERATIONS = List.of(
            get("/api/offers", DAY_LIST.toArray(String[]::new)),
            get("/api/offers/{id}"),
            get("/api/offers/{id}/revocation"),
            get("/api/requests", DAY_LIST.toArray(String[]::new)),
            get("/api/requests/{id}"),
            get("/api/orders", DAY_LIST.toArray(String[]::new)),
            get("/api/orders/{id}"),
            get("/api/congestion-points/{id}"),
            get("/api/assets/{id}"),
            get("/api/assets/{assetId}/devices", "pageSize", "bookmark"),
            get("/api/devices/{id}"),
            get("/api/devices/{id}/history"),
            get("/api/baselines/{day}/{assetId}"),
            get("/api/baselines/{day}/{assetId}/versions", "pageSize", "bookmark"),
            get("/api/baselines/{day}/{assetId}/values"),
            get("/api/anchors", "day", "pageSize", "bookmark"),
            get("/api/anchors/{day}/{aggregatorMsp}"),
            get("/api/settlements", "day", "state", "pageSize", "bookmark"),
            get("/api/settlements/{id}"),
            get("/api/settlements/{id}/details"),
            get("/api/disputes/{id}"),
            get("/api/clearing/{day}"),
            get("/api/ledger/blocks/{number}", "format"),
            get("/api/ledger/transactions/{txId}"),
            get("/api/ledger/info"),
            get("/api/events"),
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
            get("/api/community/me", "community"),
            get("/api/community/days/{community}/{day}"),
            get("/api/community/orders", "day", "community"),
            get("/api/community/clearing/{community}/{day}"),
            get("/api/community/prices/{community}/{day}"),
            get("/api/community/statements/{community}/{day}", "homeId"),
            post("/api/community/memberships"),
            post("/api/community/memberships/{homeId}/approve"),
            post("/api/community/days"),
            post("/api/community/orders"),
            post("/api/community/clearing/{day}"),
            post("/api/community/statements/{day}"));

    /**
     * A generated bad request.
     *
     * @param status the status it must get, or 0 for any 4xx (a caller without the role gets 403 first)
     * @param field the part the problem must name, or null
     */
    record Bad(
            Operation operation,
            String what,
            String target,
            Map<String, String> headers,
            byte[] body,
            int status,
            String field) {
        @Override
        public String toString() {
            return operation + " [" + what + "] " + target;
        }
    }

    private BadRequests() {}

    /** A bad request to any operation. */
    static Arbitrary<Bad> any() {
        return Arbitraries.of(OPERATIONS).flatMap(BadRequests::to);
    }

    /** A bad request to {@code op}. */
    static Arbitrary<Bad> to(Operation op) {
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
        }
        return Arbitraries.oneOf(kinds);
    }

    /** A control or invisible character in a path parameter: 400 naming it. */
    static Arbitrary<Bad> pathControl(Operation op) {
        return Combinators.combine(
                        Arbitraries.of(op.pathParameters()),
                        refused(),
                        Arbitraries.integers().between(0, 8))
                .as((name, c, at) -> {
                    String good = op.wellFormed(name);
                    String bad = good.substring(0, Math.min(at, good.length()))
                            + c
                            + good.substring(Math.min(at, good.length()));
                    return request(
                            op,
                            "path parameter " + name + " holds " + codePoint(c),
                            op.path(name, encode(bad)),
                            query(op, null, null),
                            400,
                            "$." + name);
                });
    }

    /** A broken percent-encoding, or bytes that are not UTF-8, somewhere in the path: 400 naming the path. */
    static Arbitrary<Bad> brokenPath(Operation op) {
        return Combinators.combine(brokenOrNotUtf8(), Arbitraries.integers().between(1, 200))
                .as((escape, at) -> {
                    String path = op.path(null, null);
                    int cut = 1 + at % path.length();
                    // followed by '~', not a hex digit, so that "%4" cannot become an escape with what follows
                    return request(
                            op,
                            "path with " + escape,
                            path.substring(0, cut) + escape + "~" + path.substring(cut),
                            query(op, null, null),
                            400,
                            "path");
                });
    }

    /** A control or invisible character in a query parameter the operation reads, or in one it does not know: 400 naming it. */
    static Arbitrary<Bad> queryControl(Operation op) {
        List<String> names = new ArrayList<>(op.query());
        names.add("other");
        return Combinators.combine(
                        Arbitraries.of(names),
                        refused(),
                        Arbitraries.strings().alpha().ofMaxLength(6))
                .as((name, c, around) -> request(
                        op,
                        "query parameter " + name + " holds " + codePoint(c),
                        op.path(null, null),
                        query(op, name, encode(around + c + around)),
                        400,
                        "$." + name));
    }

    /** A broken percent-encoding or bytes that are not UTF-8 in a query parameter's value (400 naming it) or name (400 naming the query). */
    static Arbitrary<Bad> brokenQuery(Operation op) {
        List<String> names = new ArrayList<>(op.query());
        names.add("other");
        return Combinators.combine(Arbitraries.of(names), brokenOrNotUtf8(), Arbitraries.of(true, false))
                .as((name, escape, inName) -> inName
                        ? request(
                                op,
                                "query parameter name with " + escape,
                                op.path(null, null),
                                query(op, null, null) + "&x" + escape + "=1",
                                400,
                                "query")
                        : request(
                                op,
                                "query parameter " + name + " with " + escape,
                                op.path(null, null),
                                query(op, name, "a" + escape),
                                400,
                                "$." + name));
    }

    /** A value of the wrong form in a query parameter the operation reads: 400 (403 where the role is missing). */
    static Arbitrary<Bad> badValue(Operation op) {
        return Arbitraries.of(op.query())
                .flatMap(name -> Arbitraries.of(wrongValues(name))
                        .map(v -> request(
                                op,
                                "query parameter " + name + "=" + v,
                                op.path(null, null),
                                query(op, name, encode(v)),
                                0,
                                null)));
    }

    static List<String> wrongValues(String name) {
        return switch (name) {
            case "pageSize" -> List.of("abc", "0", "101", "-1", "1.5", "99999999999", "1e2", " 5");
            case "slot" -> List.of("abc", "100", "-1", "6.5", "x68");
            case "day" -> List.of("2030-13-01", "2030-02-30", "tomorrow", "20300601", "+2030-06-01");
            case "bookmark" ->
                List.of("AAAA", "not a bookmark", "!!", "A".repeat(600), "AG9mZmVyQnlEYXkAMjAzMC0wNi0wMgBvLTEA");
            case "state" -> List.of("NOPE", "offered!", "1");
            case "format" -> List.of("xml", "JSON", "proto3");
            default -> List.of("bad id!", "-x", "x".repeat(65));
        };
    }

    /** An Accept or Content-Type the operation does not speak, or a bad Idempotency-Key. */
    static Arbitrary<Bad> badHeader(Operation op) {
        List<Arbitrary<Bad>> kinds = new ArrayList<>();
        kinds.add(Arbitraries.of("application/xml", "text/html", "image/png", "application/problem+xml")
                .map(accept -> request(
                        op,
                        "Accept " + accept,
                        op.path(null, null),
                        query(op, null, null),
                        Map.of("Accept", accept),
                        "{}".getBytes(),
                        0,
                        null)));
        if (op.method().equals("POST")) {
            kinds.add(Arbitraries.of("text/plain", "application/xml", "garbage", "application/x-www-form-urlencoded")
                    .map(type -> request(
                            op,
                            "Content-Type " + type,
                            op.path(null, null),
                            "",
                            Map.of("Content-Type", type, "Idempotency-Key", "k-1"),
                            "{}".getBytes(),
                            0,
                            null)));
            kinds.add(Arbitraries.of("", "has space", "x".repeat(129), "k\u00e9y", "a/b")
                    .map(key -> request(
                            op,
                            "Idempotency-Key '" + key + "'",
                            op.path(null, null),
                            "",
                            Map.of("Content-Type", "application/json", "Idempotency-Key", key),
                            "{}".getBytes(),
                            0,
                            null)));
        }
        return Arbitraries.oneOf(kinds);
    }

    /** A bad body: what is wrong with it, its bytes, and the status it must get (0: any 4xx). */
    record BadBody(String what, byte[] bytes, int status) {}

    /** A body nested too deep, too large, not JSON, not UTF-8, with a number beyond a double or a control character. */
    static Arbitrary<Bad> badBody(Operation op) {
        return badBodies()
                .map(b -> request(
                        op,
                        "body " + b.what(),
                        op.path(null, null),
                        "",
                        Map.of("Content-Type", "application/json", "Idempotency-Key", "k-" + System.nanoTime()),
                        b.bytes(),
                        b.status(),
                        b.status() == 413 ? "$" : null));
    }

    static Arbitrary<BadBody> badBodies() {
        Arbitrary<BadBody> deep = Combinators.combine(
                        Arbitraries.integers().between(65, 20_000), Arbitraries.of("[", "{\"a\":", "{\"id\":["))
                .as((depth, open) -> new BadBody(
                        "nested " + depth + " deep",
                        (open + (open.equals("{\"a\":") ? open : "[").repeat(depth)).getBytes(StandardCharsets.UTF_8),
                        0));
        Arbitrary<BadBody> huge = Arbitraries.integers()
                .between(1, 4096)
                .map(extra -> new BadBody(
                        "larger than 1 MiB",
                        ("{\"id\":\"" + "x".repeat(1024 * 1024 + extra) + "\"}").getBytes(StandardCharsets.UTF_8),
                        413));
        Arbitrary<BadBody> infinite = Arbitraries.of("1e999", "-1e999", "1E400")
                .map(n -> new BadBody(
                        "number " + n,
                        ("{\"id\":\"x-1\",\"price\":" + n + ",\"kwBySlot\":{\"68\":" + n + "},\"activation\":" + n
                                        + ",\"leafCount\":" + n + ",\"capacityKw\":" + n + "}")
                                .getBytes(StandardCharsets.UTF_8),
                        0));
        Arbitrary<BadBody> control = refused()
                .map(c -> new BadBody(
                        codePoint(c) + " in strings",
                        ("{\"id\":\"x" + jsonEscape(c) + "1\",\"reason\":\"r" + jsonEscape(c)
                                        + "\",\"publicKeyBase64\":\"A" + jsonEscape(c) + "\",\"outcome\":\"UPHELD"
                                        + jsonEscape(c) + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        0));
        Arbitrary<BadBody> notUtf8 = Arbitraries.of(
                new BadBody(
                        "not UTF-8", new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'}, 0),
                new BadBody("not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}, 0));
        Arbitrary<BadBody> notJson = Arbitraries.of(
                        "", "{", "{\"id\":", "[]", "null", "{}{}", "{\"id\":\"x-1\",}", "<xml/>", "{'id':'x'}")
                .map(text -> new BadBody("not a JSON object: " + text, text.getBytes(StandardCharsets.UTF_8), 0));
        return Arbitraries.frequencyOf(
                Tuple.of(5, deep),
                Tuple.of(1, huge),
                Tuple.of(3, infinite),
                Tuple.of(3, control),
                Tuple.of(2, notUtf8),
                Tuple.of(3, notJson));
    }

    /** Characters no parameter may hold: C0 and C1 controls, DEL, invisible formatting, separators, U+FFFD, U+FFFF. */
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

    private static Bad request(Operation op, String what, String path, String query, int status, String field) {
        return request(
                op, what, path, query, Map.of(), op.method().equals("POST") ? "{}".getBytes() : null, status, field);
    }

    private static Bad request(
            Operation op,
            String what,
            String path,
            String query,
            Map<String, String> headers,
            byte[] body,
            int status,
            String field) {
        Map<String, String> all = new LinkedHashMap<>();
        if (op.method().equals("POST")) {
            all.put("Content-Type", "application/json");
            all.put("Idempotency-Key", "k-" + System.nanoTime());
        }
        all.putAll(headers);
        return new Bad(
                op,
                what,
                query.isEmpty() ? path : path + "?" + query,
                all,
                op.method().equals("POST") ? body : null,
                status,
                field);
    }

    /** The operation's query with well-formed values, {@code name} (if any) set to the raw {@code value}. */
    static String query(Operation op, String name, String value) {
        List<String> pairs = new ArrayList<>();
        for (String q : op.query()) {
            String v = q.equals(name) ? value : encode(wellFormedQuery(q));
            pairs.add(q + "=" + v);
        }
        if (name != null && !op.query().contains(name)) {
            pairs.add(name + "=" + value);
        }
        return String.join("&", pairs);
    }

    static String wellFormedQuery(String name) {
        return switch (name) {
            case "day" -> "2030-06-01";
            case "pageSize" -> "10";
            case "slot" -> "68";
            case "congestionPointId" -> "F1";
            case "format" -> "json";
            default -> "";
        };
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
