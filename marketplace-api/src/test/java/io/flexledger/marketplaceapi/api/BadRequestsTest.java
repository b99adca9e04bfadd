package io.flexledger.marketplaceapi.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.marketplaceapi.api.BadRequests.Bad;
import io.flexledger.marketplaceapi.api.BadRequests.Operation;
import io.flexledger.marketplaceapi.http.RequestGuard;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Bad input on an Aggregator1 instance never gets a 5xx: over-deep or over-large JSON, control
 * characters in any path or query parameter, broken percent-encodings and bytes that are not UTF-8 are
 * 4xx problem+json naming the part, and never reach the ledger (the test ledger does not answer, so a
 * request that reached it would get 503).
 */
@QuarkusTest
@TestSecurity(
        user = "agg1-trader",
        roles = "aggregator",
        attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
class BadRequestsTest {
    /** Generated bad requests across every operation. */
    static final int GENERATED = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Test
    void theseTestsKnowEveryOperationOfTheApi() {
        JsonNode paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class)
                .path("paths");
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue()
                    .fieldNames()
                    .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }
        // The UFTP edge takes signed XML, not JSON with a token: UftpResourceTest sends it its bad input.
        assertThat(documented.remove("POST /shapeshifter/api/v3/message")).isTrue();
        // The UFTP participant registry: UftpParticipantsResourceTest sends it its bad input.
        assertThat(documented.remove("POST /api/uftp/participants")).isTrue();
        assertThat(documented.remove("GET /api/uftp/participants")).isTrue();
        assertThat(documented.remove("GET /api/uftp/participants/{domain}")).isTrue();
        Set<String> known = new TreeSet<>();
        BadRequests.OPERATIONS.forEach(op -> known.add(op.toString()));
        assertThat(known).isEqualTo(documented);
    }

    @Test
    void aBrokenPercentEncodingInThePathIs400NamingThePath() throws IOException {
        for (String target : List.of(
                "/api/offers/%zz",
                "/api/offers/abc%",
                "/api/offers/%4/revocation",
                "/api/ledger/blocks/1%G0",
                "/q/health/%zz",
                "/api/nothing/%zz")) {
            assertProblem(get(target), 400, "path", target);
        }
        assertProblem(
                send(
                        "POST",
                        "/api/offers/%zz/revocation",
                        Map.of("Content-Type", "application/json", "Idempotency-Key", "k-1"),
                        "{\"reason\":\"x\"}".getBytes()),
                400,
                "path",
                "POST");
    }

    @Test
    void bytesThatAreNotUtf8InThePathAre400NamingThePath() throws IOException {
        for (String target : List.of(
                "/api/offers/%C3%28", "/api/offers/%FF", "/api/assets/%ED%A0%80", "/api/devices/%C0%AF/history")) {
            assertProblem(get(target), 400, "path", target);
        }
    }

    @Test
    void aBrokenPercentEncodingInTheQueryIs400NamingTheParameter() throws IOException {
        assertProblem(get("/api/offers?day=%zz"), 400, "$.day", "day");
        assertProblem(get("/api/offers?day=2030-06-01&bookmark=%E0%A4%A"), 400, "$.bookmark", "bookmark");
        assertProblem(get("/api/offers?day=2030-06-01&pageSize=%C3%28"), 400, "$.pageSize", "pageSize");
        assertProblem(get("/api/offers?%zz=1&day=2030-06-01"), 400, "query", "a name");
    }

    /** The measured failure: control characters in a bookmark reached the chaincode (502). */
    @Test
    void aControlCharacterInAnyQueryParameterIs400NamingIt() throws IOException {
        for (Operation op : BadRequests.OPERATIONS) {
            List<String> names = new ArrayList<>(op.query());
            names.add("unknown");
            for (String name : names) {
                for (String c : List.of("%00", "%01", "%1F", "%7F", "%C2%85", "%E2%80%AE", "%EF%BB%BF")) {
                    String target = op.path(null, null) + "?" + BadRequests.query(op, name, "ab" + c + "cd");
                    assertProblem(
                            send(op.method(), target, postHeaders(op), body(op)), 400, "$." + name, op + " " + target);
                }
            }
        }
    }

    @Test
    void aControlCharacterInAnyPathParameterIs400NamingIt() throws IOException {
        for (Operation op : BadRequests.OPERATIONS) {
            for (String name : op.pathParameters()) {
                for (String c : List.of("%00", "%0A", "%1B", "%7F", "%C2%9F", "%E2%80%8B", "%EF%BF%BF")) {
                    String target = op.path(name, "a" + c + "1");
                    assertProblem(
                            send(op.method(), target, postHeaders(op), body(op)), 400, "$." + name, op + " " + target);
                }
            }
        }
    }

    @Test
    void aBookmarkTheApiDidNotGiveIs400() throws IOException {
        for (String bookmark :
                List.of("abc", "not%20base64", "AG9mZmVyQnlEYXkAMjAzMC0wNi0wMgBvLTEA", "A".repeat(600))) {
            assertProblem(get("/api/offers?day=2030-06-01&bookmark=" + bookmark), 400, "$.bookmark", bookmark);
        }
    }

    @Test
    void aPageSizeOrSlotThatIsNotAWholeNumberInRangeIs400NotA404() throws IOException {
        for (String v : List.of("abc", "0", "101", "-1", "1.5", "99999999999999999999")) {
            assertProblem(get("/api/orders?day=2030-06-01&pageSize=" + v), 400, "$.pageSize", v);
            assertProblem(get("/api/assets/home-1/devices?pageSize=" + v), 400, "$.pageSize", v);
        }
        for (String v : List.of("abc", "100", "-1", "6.5")) {
            assertProblem(get("/api/requests?day=2030-06-01&slot=" + v), 400, "$.slot", v);
        }
        assertProblem(get("/api/offers?day=2030-06-01&congestionPointId=bad%20id"), 400, "$.congestionPointId", "cp");
    }

    @Test
    void aBodyNestedTenThousandDeepIs400NamingWhereNotA500() throws IOException {
        assertProblem(post("/api/offers", "[".repeat(10_000) + "]".repeat(10_000)), 400, "$[0]", "array");
        assertProblem(post("/api/offers", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), 400, "$.a", "object");
        assertProblem(
                post("/api/offers", "{\"kwBySlot\":" + "[".repeat(65) + "]".repeat(65) + "}"), 400, "$.kwBySlot", "65");
        assertProblem(
                post("/api/offers/o-1/revocation", "{\"reason\":" + "{\"a\":".repeat(100) + "}"),
                400,
                "$.reason",
                "revocation");
    }

    @Test
    void aNumberBeyondADoubleIs400NotA500() throws IOException {
        assertProblem(
                post(
                        "/api/offers",
                        "{\"id\":\"o-1\",\"congestionPointId\":\"TX1\",\"assetId\":\"h\",\"day\":\"2030-06-01\",\"kwBySlot\":{\"68\":1e999},\"price\":0.2,\"minActivation\":0.5}"),
                400,
                "$.kwBySlot.68",
                "1e999");
    }

    @Test
    void aBodyLargerThanTheLimitIs413ProblemWithOrWithoutALength() throws IOException {
        byte[] huge =
                ("{\"id\":\"" + "x".repeat((int) RequestGuard.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(post("/api/offers", huge), 413, "$", "Content-Length");
        assertProblem(chunked("/api/offers", huge), 413, "$", "chunked");
        // and the answer comes on a connection that stays open for the next request
        assertProblem(post("/api/offers", "{\"id\":\"o\\u0000\"}"), 400, "$.id", "next");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() throws IOException {
        RawHttp.Answer a = chunked(
                "/api/offers/o-1/revocation", "{\"reason\":\"battery fault\"}".getBytes(StandardCharsets.UTF_8));
        // well-formed: it reaches the ledger, which the tests' instance cannot reach
        assertThat(a.status()).as(a.body()).isEqualTo(503);
    }

    @Test
    void acceptAndContentTypeTheApiDoesNotSpeakAre4xxProblems() throws IOException {
        assertProblem(send("GET", "/api/offers/o-1", Map.of("Accept", "application/xml"), null), 406, null, "xml");
        assertProblem(send("GET", "/api/offers/o-1", Map.of("Accept", "%%%"), null), 406, null, "garbage");
        assertProblem(send("GET", "/api/events", Map.of("Accept", "text/html"), null), 406, null, "events");
        assertProblem(
                send(
                        "POST",
                        "/api/offers",
                        Map.of("Content-Type", "text/plain", "Idempotency-Key", "k-1"),
                        "{}".getBytes()),
                415,
                null,
                "text");
        assertProblem(
                send(
                        "POST",
                        "/api/offers",
                        Map.of("Content-Type", "garbage", "Idempotency-Key", "k-1"),
                        "{}".getBytes()),
                415,
                null,
                "garbage");
        assertProblem(send("PUT", "/api/offers", Map.of(), null), 405, null, "PUT");
    }

    /** Generated bad requests across every operation: each a 4xx problem, none reaching the ledger. */
    @Test
    void generatedBadRequestsAcrossEveryOperationAre4xxProblems() throws IOException {
        Map<String, Integer> byStatus = new TreeMap<>();
        Set<String> operations = new TreeSet<>();
        List<Bad> bad = BadRequests.any().sampleStream().limit(GENERATED).toList();
        for (Bad b : bad) {
            RawHttp.Answer a = send(b.operation().method(), b.target(), b.headers(), b.body());
            assertProblem(a, b.status(), b.field(), b.toString());
            byStatus.merge(Integer.toString(a.status()), 1, Integer::sum);
            operations.add(b.operation().toString());
        }
        System.out.printf("[marketplace-api] %d generated bad requests: %s%n", bad.size(), byStatus);
        assertThat(operations).hasSize(BadRequests.OPERATIONS.size());
    }

    private RawHttp.Answer get(String target) throws IOException {
        return send("GET", target, Map.of(), null);
    }

    private RawHttp.Answer post(String target, String body) throws IOException {
        return post(target, body.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Answer post(String target, byte[] body) throws IOException {
        return send(
                "POST",
                target,
                Map.of("Content-Type", "application/json", "Idempotency-Key", "k-" + System.nanoTime()),
                body);
    }

    private RawHttp.Answer send(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        return RawHttp.send(base.getPort(), method, target, headers, body);
    }

    /** A body sent in chunks, with no Content-Length. */
    private RawHttp.Answer chunked(String target, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Idempotency-Key: k-" + System.nanoTime()
                            + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int at = 0; at < body.length; at += 64 * 1024) {
                int n = Math.min(64 * 1024, body.length - at);
                chunks.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                chunks.write(body, at, n);
                chunks.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            chunks.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(chunks.toByteArray());
            } catch (IOException e) {
                // answered before the end: the answer is what counts
            }
            return RawHttp.parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Map<String, String> postHeaders(Operation op) {
        return op.method().equals("POST")
                ? Map.of("Content-Type", "application/json", "Idempotency-Key", "k-1")
                : Map.of();
    }

    private static byte[] body(Operation op) {
        return op.method().equals("POST") ? "{}".getBytes() : null;
    }

    /**
     * A 4xx problem+json with title, status and detail; {@code status} exactly unless 0; naming
     * {@code field} among its violations unless null.
     */
    static void assertProblem(RawHttp.Answer a, int status, String field, String what) throws IOException {
        assertThat(a.status()).as("%s -> %s %s", what, a.status(), a.body()).isBetween(400, 499);
        if (status != 0) {
            assertThat(a.status()).as("%s -> %s", what, a.body()).isEqualTo(status);
        }
        assertThat(a.contentType())
                .as("%s -> %s %s", what, a.status(), a.body())
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(a.body());
        assertThat(problem.path("title").asText()).as(what).isNotBlank();
        assertThat(problem.path("detail").asText()).as(what).isNotBlank();
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(a.status());
        if (field != null) {
            List<String> fields = new ArrayList<>();
            problem.path("violations").forEach(v -> fields.add(v.path("field").asText()));
            assertThat(fields).as("%s names %s: %s", what, field, a.body()).contains(field);
        }
    }
}
