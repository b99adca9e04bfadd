package io.flexledger.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A typed client of one organisation's marketplace-api instance, with that organisation's Keycloak
 * client credentials.
 *
 * <p>Rules: every request carries a bearer token (renewed once when the API answers 401); every POST
 * carries an {@code Idempotency-Key}, one per logical POST and the same on each of its tries, so that a
 * try whose answer was lost and is sent again cannot create a second record; a 503 or a connection
 * failure is tried again as the {@link RetryPolicy} allows; every other answer outside 2xx is thrown as
 * an {@link ApiProblemException} with the problem+json's reason. Thread-safe.
 */
public final class MarketplaceClient {

    /** Records per page of a list (the ledger's largest page). */
    static final int PAGE_SIZE = 100;

    /** Pages of one list at most (100,000 records): a bound against a bookmark that never ends. */
    static final int MAX_PAGES = 1000;

    static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final URI base;
    private final TokenSource tokens;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final Duration timeout;

    /**
     * A client.
     *
     * @param base the instance, e.g. {@code http://127.0.0.1:8082}
     * @param tokens the organisation's client credentials
     * @param http the HTTP client
     * @param retry how often to try again after a 503 or a connection failure
     * @param timeout how long one try may wait for its answer
     */
    public MarketplaceClient(URI base, TokenSource tokens, HttpClient http, RetryPolicy retry, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.tokens = tokens;
        this.http = http;
        this.retry = retry;
        this.timeout = timeout;
    }

    /**
     * A 2xx answer.
     *
     * @param status the HTTP status (201 for a committed record)
     * @param body the JSON body
     * @param transactionId the {@code Ledger-Transaction-Id} header, or null
     * @param blockNumber the {@code Ledger-Block-Number} header, or -1
     * @param replayed whether the API answered a repeated {@code Idempotency-Key} with the first result
     */
    public record Answer(int status, JsonNode body, String transactionId, long blockNumber, boolean replayed) {}

    /** The instance's base URL. */
    public URI base() {
        return base;
    }

    /** The organisation's token source. */
    public TokenSource tokens() {
        return tokens;
    }

    /** An empty JSON object to fill in as a request body (decimals are written plainly). */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Posts a body under a new idempotency key (kept for the retries of this call). */
    public Answer post(String path, JsonNode body) {
        return post(path, body, UUID.randomUUID().toString(), timeout);
    }

    /**
     * Posts a body under the given idempotency key; a second call with the same key and body answers the
     * first result.
     *
     * @param wait how long one try may wait (e.g. longer for the DSO's clearing)
     */
    public Answer post(String path, JsonNode body, String idempotencyKey, Duration wait) {
        HttpRequest.Builder b = request(path, wait)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        return call("POST", path, b);
    }

    /** GETs one resource, e.g. {@code /api/offers/o-1}. */
    public JsonNode get(String path) {
        return read(path).body();
    }

    /** GETs one resource with the answer's ledger headers (transaction id and block number). */
    public Answer read(String path) {
        return call("GET", path, request(path, timeout).GET());
    }

    /**
     * GETs one resource as bytes, e.g. a block of the ledger ({@code application/octet-stream}). Tokens,
     * retries and refusals as for {@link #get(String)}.
     */
    public byte[] getBytes(String path) {
        String what = "GET " + base + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/octet-stream, application/problem+json")
                .GET();
        HttpResponse<byte[]> response = send(what, b, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw problem(what, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /**
     * Every record of a day's list ({@code requests}, {@code offers} or {@code orders}), page by page.
     * Filtering is left to the caller: a filtered page may be short before the end of the list.
     */
    public List<JsonNode> listDay(String resource, LocalDate day) {
        List<JsonNode> out = new ArrayList<>();
        String bookmark = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode p = get("/api/" + resource + "?day=" + day + "&pageSize=" + PAGE_SIZE + "&bookmark="
                    + URLEncoder.encode(bookmark, StandardCharsets.UTF_8));
            JsonNode records = p.path("records");
            records.forEach(out::add);
            String next = p.path("bookmark").asText("");
            // No bookmark, or one that does not move, is the end of the list. A short page is not: an
            // aggregator's instance leaves other aggregators' records out of each page of the ledger's.
            if (next.isEmpty() || next.equals(bookmark)) {
                return out;
            }
            bookmark = next;
        }
        throw new IllegalStateException(resource + " of " + day + ": more than " + MAX_PAGES + " pages");
    }

    private HttpRequest.Builder request(String path, Duration wait) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(wait).header("Accept", "application/json");
    }

    private Answer call(String method, String path, HttpRequest.Builder builder) {
        String what = method + " " + base + path;
        HttpResponse<String> response = send(what, builder, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw problem(what, response);
        }
        JsonNode body = parse(response.body());
        return new Answer(
                status,
                body,
                response.headers().firstValue("Ledger-Transaction-Id").orElse(null),
                response.headers()
                        .firstValue("Ledger-Block-Number")
                        .map(Long::parseLong)
                        .orElse(-1L),
                response.headers()
                        .firstValue("Idempotent-Replayed")
                        .map("true"::equalsIgnoreCase)
                        .orElse(false));
    }

    /** Sends with a bearer token, and once more with a new token if the API refuses the cached one. */
    private <T> HttpResponse<T> send(String what, HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body) {
        HttpResponse<T> response = null;
        // one more try with a new token if the API refuses the cached one (it may have been revoked)
        for (int auth = 0; auth < 2; auth++) {
            HttpRequest req = builder.copy()
                    .setHeader("Authorization", "Bearer " + tokens.token())
                    .build();
            try {
                response = Retrying.send(http, req, body, retry, what);
            } catch (Retrying.UnreachableException e) {
                throw new ApiProblemException(what, 503, null, e.getMessage(), List.of());
            }
            if (response.statusCode() != 401) {
                break;
            }
            tokens.invalidate();
        }
        return response;
    }

    /** The problem+json answer as an exception; any other error body becomes its detail. */
    static ApiProblemException problem(String what, HttpResponse<String> response) {
        return problem(what, response.statusCode(), response.body());
    }

    /** The problem+json answer {@code body} of status {@code status} as an exception. */
    static ApiProblemException problem(String what, int status, String body) {
        String text = body == null ? "" : body;
        JsonNode p = parse(text);
        if (!p.isObject() || (!p.has("detail") && !p.has("title"))) {
            String detail = text.length() > 300 ? text.substring(0, 300) + "..." : text;
            return new ApiProblemException(what, status, null, detail, List.of());
        }
        List<ApiProblemException.FieldViolation> fields = new ArrayList<>();
        for (JsonNode v : p.path("violations")) {
            fields.add(new ApiProblemException.FieldViolation(
                    v.path("field").asText(), v.path("reason").asText()));
        }
        String detail = p.path("detail").asText(p.path("title").asText(""));
        return new ApiProblemException(what, status, p.path("code").asText(null), detail, fields);
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
