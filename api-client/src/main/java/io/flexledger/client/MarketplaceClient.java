package io.flexledger.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceRegistration;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
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
            JsonNode p = dayPage(resource, day, PAGE_SIZE, bookmark).body();
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

    /** The same client whose tries each wait at most {@code wait} for their answer. */
    public MarketplaceClient withTimeout(Duration wait) {
        return new MarketplaceClient(base, tokens, http, retry, wait);
    }

    /** GETs one resource with its ledger headers, or empty when the API answers 404. */
    public Optional<Answer> find(String path) {
        try {
            return Optional.of(read(path));
        } catch (ApiProblemException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- The operations of marketplace-api, one method each. Records come back as the API's JSON.

    /** {@code GET /api/requests?day=}: every flexibility request of a day. */
    public List<JsonNode> requests(LocalDate day) {
        return listDay("requests", day);
    }

    /** {@code GET /api/offers?day=}: every offer of a day this organisation may see. */
    public List<JsonNode> offers(LocalDate day) {
        return listDay("offers", day);
    }

    /** {@code GET /api/orders?day=}: every order of a day this organisation may see. */
    public List<JsonNode> orders(LocalDate day) {
        return listDay("orders", day);
    }

    /** {@code GET /api/settlements?day=}: every settlement of a day this organisation may see. */
    public List<JsonNode> settlements(LocalDate day) {
        return listDay("settlements", day);
    }

    // Typed reads: the same records read by the ledger contract's codec through RecordJson (exact decimals, each
    // field of its type, no field the codec does not write; a malformed record is refused naming the field's JSON
    // path, never read as 0).

    /** {@link #requests} read as the ledger stores them ({@link RecordJson}). */
    public List<FlexRequest> requestRecords(LocalDate day) {
        return requests(day).stream().map(RecordJson::request).toList();
    }

    /** {@link #offers} read as the ledger stores them ({@link RecordJson}). */
    public List<FlexOffer> offerRecords(LocalDate day) {
        return offers(day).stream().map(RecordJson::offer).toList();
    }

    /** {@link #orders} read as the ledger stores them, each with what it buys ({@link RecordJson}). */
    public List<MarketRecords.StoredOrder> orderRecords(LocalDate day) {
        return orders(day).stream().map(RecordJson::storedOrder).toList();
    }

    /** {@link #offer} read as the ledger stores it ({@link RecordJson}). */
    public FlexOffer offerRecord(String id) {
        return RecordJson.offer(offer(id));
    }

    /** {@link #order} read as the ledger stores it, with what it buys ({@link RecordJson}). */
    public MarketRecords.StoredOrder orderRecord(String id) {
        return RecordJson.storedOrder(order(id));
    }

    /**
     * {@code GET /api/{kind}?day=&pageSize=&bookmark=}: one page of a day's records of a kind
     * ({@code requests}, {@code offers}, {@code orders} or {@code settlements}).
     */
    public Answer dayPage(String kind, LocalDate day, int pageSize, String bookmark) {
        return read("/api/" + kind + "?day=" + day + "&pageSize=" + pageSize + "&bookmark=" + enc(bookmark));
    }

    /**
     * {@code GET /api/{kind}/{id}}: one record of a kind ({@code requests}, {@code offers},
     * {@code orders}, {@code settlements}, {@code disputes}, {@code assets}, {@code devices} or
     * {@code congestion-points}), or empty if the ledger does not have it.
     */
    public Optional<Answer> record(String kind, String id) {
        return find("/api/" + kind + "/" + enc(id));
    }

    /** {@code GET /api/offers/{id}}. */
    public JsonNode offer(String id) {
        return get("/api/offers/" + enc(id));
    }

    /** {@code GET /api/orders/{id}}. */
    public JsonNode order(String id) {
        return get("/api/orders/" + enc(id));
    }

    /** {@code GET /api/settlements/{id}}, with the transaction and block that recorded it. */
    public Answer settlement(String id) {
        return read("/api/settlements/" + enc(id));
    }

    /** {@code GET /api/settlements/{id}/details}: a settlement's private per-slot lines. */
    public Answer settlementDetails(String id) {
        return read("/api/settlements/" + enc(id) + "/details");
    }

    /** {@code GET /api/disputes/{id}}: a dispute with its versions, or empty. */
    public Optional<JsonNode> dispute(String id) {
        return find("/api/disputes/" + enc(id)).map(Answer::body);
    }

    /** {@code GET /api/baselines/{day}/{assetId}}: the public baseline commitment of a home's day. */
    public Answer baseline(LocalDate day, String assetId) {
        return read("/api/baselines/" + day + "/" + enc(assetId));
    }

    /** {@code GET /api/baselines/{day}/{assetId}/values}: the revealed baseline values. */
    public JsonNode baselineValues(LocalDate day, String assetId) {
        return get("/api/baselines/" + day + "/" + enc(assetId) + "/values");
    }

    /** {@code GET /api/anchors/{day}/{aggregatorMsp}}: the reading anchor of a day, or empty if none. */
    public Optional<Answer> anchor(LocalDate day, String aggregatorMsp) {
        return find("/api/anchors/" + day + "/" + enc(aggregatorMsp));
    }

    /**
     * {@code POST /api/anchors}: records a day's reading anchor under {@code idempotencyKey}.
     *
     * @param wait how long one try may wait for its answer
     */
    public Answer createAnchor(ReadingAnchor anchor, String idempotencyKey, Duration wait) {
        ObjectNode body = object();
        body.put("day", anchor.day().toString());
        body.put("aggregatorMsp", anchor.aggregatorMsp());
        body.put("rootHex", anchor.rootHex());
        body.put("leafCount", anchor.leafCount());
        return post("/api/anchors", body, idempotencyKey, wait);
    }

    /** {@code GET /api/assets/{id}}: a registered home, or empty. */
    public Optional<JsonNode> asset(String id) {
        return find("/api/assets/" + enc(id)).map(Answer::body);
    }

    /** {@code GET /api/devices/{id}}: a registered device's record, or empty. */
    public Optional<JsonNode> device(String id) {
        return find("/api/devices/" + enc(id)).map(Answer::body);
    }

    /** {@code GET /api/assets/{assetId}/devices}: the devices of a home, each with its state and keys. */
    public List<DeviceRegistration> assetDevices(String assetId) {
        JsonNode page = get("/api/assets/" + enc(assetId) + "/devices");
        JsonNode records = page.has("records") ? page.path("records") : page;
        List<DeviceRegistration> out = new ArrayList<>();
        records.forEach(r -> out.add(DeviceJson.registration(r)));
        return out;
    }

    /** {@code POST /api/congestion-points}. */
    public Answer createCongestionPoint(JsonNode body) {
        return post("/api/congestion-points", body);
    }

    /** {@code POST /api/assets}. */
    public Answer createAsset(JsonNode body) {
        return post("/api/assets", body);
    }

    /** {@code POST /api/devices}. */
    public Answer createDevice(JsonNode body) {
        return post("/api/devices", body);
    }

    /** {@code POST /api/devices/{id}/approval}. */
    public Answer approveDevice(String id, JsonNode body) {
        return post("/api/devices/" + enc(id) + "/approval", body);
    }

    /** {@code POST /api/requests} under {@code idempotencyKey}. */
    public Answer createRequest(JsonNode body, String idempotencyKey, Duration wait) {
        return post("/api/requests", body, idempotencyKey, wait);
    }

    /** {@code POST /api/offers} under {@code idempotencyKey}. */
    public Answer createOffer(JsonNode body, String idempotencyKey, Duration wait) {
        return post("/api/offers", body, idempotencyKey, wait);
    }

    /** {@code POST /api/offers/{id}/revocation} under {@code idempotencyKey}. */
    public Answer revokeOffer(String id, JsonNode body, String idempotencyKey, Duration wait) {
        return post("/api/offers/" + enc(id) + "/revocation", body, idempotencyKey, wait);
    }

    /**
     * {@code POST /api/settlements} under {@code idempotencyKey}: settles order {@code orderId} with the
     * home's signed readings and their proofs, one per ordered slot (the body written by the ledger
     * contract's codec); the answer's body is the settlement's public record.
     */
    public Answer settleOrder(
            String orderId, List<SettlementRecords.ProvenReading> readings, String idempotencyKey, Duration wait) {
        return post(
                "/api/settlements",
                JSON.valueToTree(SettlementRecords.settleInput(orderId, readings)),
                idempotencyKey,
                wait);
    }

    /** The community market (UC2) endpoints of this instance. */
    public CommunityClient community() {
        return new CommunityClient(this);
    }

    /** {@code GET /api/clearing/{day}}: the provisional clearing of a day. */
    public Answer clearing(LocalDate day) {
        return read("/api/clearing/" + day);
    }

    /** {@code POST /api/clearing/{day}}: the DSO clears a day now, under {@code idempotencyKey}. */
    public Answer clear(LocalDate day, String idempotencyKey, Duration wait) {
        return post("/api/clearing/" + day, object(), idempotencyKey, wait);
    }

    /**
     * {@code GET /api/events}: the chaincode events of the organisation as server-sent events, opened
     * with a bearer token and read as they come (no time-out, no retry: the caller closes the body).
     */
    public HttpResponse<InputStream> events() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + tokens.token())
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** {@code GET /api/ledger/blocks/{number}}: a block as the instance's peer stores it. */
    public byte[] block(long number) {
        return getBytes("/api/ledger/blocks/" + number);
    }

    /** {@code GET /api/ledger/transactions/{txId}}: where a transaction was committed, or empty. */
    public Optional<JsonNode> transaction(String txId) {
        return find("/api/ledger/transactions/" + enc(txId)).map(Answer::body);
    }

    /** {@code GET /api/ledger/info}: the instance's peer's chain height and hashes. */
    public JsonNode chainInfo() {
        return get("/api/ledger/info");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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

    /**
     * Sends with a bearer token, and once more with a new token if the API refuses the cached one and
     * the token source can renew it.
     */
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
                throw new ApiProblemException(what, 503, null, e.getMessage(), List.of(), null, e);
            }
            // a caller's own token is not renewed: its refusal is the answer
            if (response.statusCode() != 401 || !tokens.renews()) {
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
            return new ApiProblemException(what, status, null, detail, List.of(), text, null);
        }
        List<ApiProblemException.FieldViolation> fields = new ArrayList<>();
        for (JsonNode v : p.path("violations")) {
            fields.add(new ApiProblemException.FieldViolation(
                    v.path("field").asText(), v.path("reason").asText()));
        }
        String detail = p.path("detail").asText(p.path("title").asText(""));
        return new ApiProblemException(what, status, p.path("code").asText(null), detail, fields, text, null);
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
