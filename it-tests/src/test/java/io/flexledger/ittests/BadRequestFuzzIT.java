package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.IdempotencyRecords;
import io.flexledger.ittests.BadInput.Bad;
import io.flexledger.ittests.BadInput.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * At least 10,000 generated bad requests (jqwik generators, {@link BadInput}) across every operation,
 * GET and POST, of Aggregator1's marketplace-api, with real tokens of its users and agent and of the
 * auditor: broken percent-encodings and bytes that are not UTF-8 in paths and queries, control and
 * invisible characters in every path and query parameter, query values of the wrong form, Accept and
 * Content-Type headers the API does not speak, bad idempotency keys, bodies nested up to 20,000 deep,
 * larger than 1 MiB, with numbers beyond a double or control characters, not UTF-8 or not JSON. No
 * answer is a 5xx; every one is a 4xx {@code application/problem+json} with title, status and detail
 * (naming the part at fault where the request target is); and the ledger does not change: no block
 * committed during the run holds a transaction of Aggregator1, the fixtures keep their last
 * transaction, nothing exists under the run's fresh id, and no idempotency key was used.
 */
@ExtendWith(FlexStack.class)
class BadRequestFuzzIT {
    /** Requests sent in all (at least; rounded up to a whole number per operation). */
    static final int REQUESTS = 10_000;
    /** Requests in flight at once. */
    static final int THREADS = 4;

    static final String MSP = "Aggregator1MSP";
    static final int PORT = FlexStack.port(8082);

    /** Aggregator1's callers, the agent most often: each sends part of the requests with its own token. */
    static final List<String> CALLERS = List.of(
            "aggregator1-agent",
            "aggregator1-agent",
            "aggregator1-agent",
            "agg1-trader",
            "agg1-admin",
            "agg1-prosumer",
            "market-auditor");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An idempotency key the API accepts: only those could have reached the ledger. */
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    static String home;
    static String offer;
    static String offerTx;

    @BeforeAll
    static void fixtures() {
        Market.congestionPoints();
        home = Market.home(MSP);
        offer = AccessMatrixIT.liveOffer(MSP, home);
        offerTx = Api.as(MSP)
                .get("/api/offers/" + offer)
                .then()
                .statusCode(200)
                .extract()
                .header("Ledger-Transaction-Id");
    }

    /** What one answer was, for the counts and the failures. */
    record Outcome(Bad bad, int status, String failure) {}

    @Test
    void tenThousandBadRequestsAcrossEveryOperationGetNo5xxOnlyProblemsAndChangeNothing() throws Exception {
        assertThat(operationsOfTheApi())
                .as("every operation of the OpenAPI document is fuzzed")
                .isEqualTo(known());

        String fresh = Market.uniqueId("fz");
        BadInput input = new BadInput(new BadInput.Fixtures(offer, home, Market.DAY.toString(), fresh, offerTx, MSP));
        List<Operation> ops = BadInput.OPERATIONS;
        int perOperation = (REQUESTS + ops.size() - 1) / ops.size();
        List<Iterator<Bad>> generators = new ArrayList<>();
        for (Operation op : ops) {
            generators.add(input.to(op).sampleStream().iterator());
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String caller : new TreeSet<>(CALLERS)) {
            tokens.put(caller, Tokens.of(caller));
        }

        long height = height();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<String> usedKeys = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        LongAdder bytesSent = new LongAdder();
        int total = perOperation * ops.size();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        Iterator<Bad> generator = generators.get(i % ops.size());
                        Bad bad;
                        synchronized (generator) {
                            bad = generator.next();
                        }
                        Map<String, String> headers = new LinkedHashMap<>(bad.headers());
                        headers.put("Authorization", "Bearer " + tokens.get(CALLERS.get(i % CALLERS.size())));
                        String key = bad.headers().get("Idempotency-Key");
                        if (key != null && KEY.matcher(key).matches()) {
                            usedKeys.add(key);
                        }
                        bytesSent.add(bad.body() == null ? 0 : bad.body().length);
                        outcomes.add(send(bad, headers));
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heightAfter = height();

        report(outcomes, ops, seconds, bytesSent.sum(), height, heightAfter);

        List<String> failures = outcomes.stream()
                .filter(o -> o.failure() != null)
                .map(o -> o.bad() + " -> " + o.failure())
                .limit(40)
                .toList();
        assertThat(failures)
                .as("answers that are a 5xx, not a 4xx or not problem+json")
                .isEmpty();
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(REQUESTS);

        // The ledger did not change: no transaction of this organisation in the blocks of the run, ...
        for (long n = height; n < heightAfter; n++) {
            JsonNode block = Api.as(MSP)
                    .get("/api/ledger/blocks/" + n + "?format=json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(JsonNode.class);
            for (JsonNode tx : block.path("transactions")) {
                assertThat(tx.path("creatorMsp").asText())
                        .as("block %d transaction %s", n, tx.path("txId").asText())
                        .isNotEqualTo(MSP);
            }
        }
        // ... the fixtures keep their last transaction (the offer is not revoked), ...
        assertThat(Api.as(MSP)
                        .get("/api/offers/" + offer)
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("Ledger-Transaction-Id"))
                .isEqualTo(offerTx);
        Api.as(MSP).get("/api/offers/" + offer + "/revocation").then().statusCode(404);
        // ... nothing exists under the run's fresh id, ...
        for (String path : List.of(
                "/api/offers/",
                "/api/assets/",
                "/api/devices/",
                "/api/requests/",
                "/api/orders/",
                "/api/congestion-points/",
                "/api/disputes/")) {
            int status = Api.as("DsoMSP").get(path + fresh).statusCode();
            assertThat(status).as(path + fresh).isEqualTo(404);
        }
        // ... and no well-formed idempotency key of the run was used (a sample: the blocks above cover every write).
        List<String> sample = new ArrayList<>(usedKeys);
        Collections.shuffle(sample);
        assertNoIdempotencyRecords(sample.subList(0, Math.min(100, sample.size())));
    }

    /**
     * The bookmarks the API hands out (base64url of the ledger's keys) page through a day's offers one
     * at a time, each offer once; a bookmark of another day, or one made up, is 400 naming it.
     */
    @Test
    void theApisBookmarksPageThroughTheLedgerAndNoOtherBookmarkIsTaken() {
        Set<String> mine = new TreeSet<>(
                List.of(offer, AccessMatrixIT.liveOffer(MSP, home), AccessMatrixIT.liveOffer(MSP, Market.home(MSP))));
        List<String> seen = new ArrayList<>();
        String bookmark = "";
        String first = null;
        for (int page = 0; page < 1000; page++) {
            JsonNode p = Api.as(MSP)
                    .queryParam("day", Market.DAY.toString())
                    .queryParam("pageSize", 1)
                    .queryParam("bookmark", bookmark)
                    .get("/api/offers")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(JsonNode.class);
            p.path("records").forEach(r -> seen.add(r.path("id").asText()));
            String next = p.path("bookmark").asText("");
            if (next.isEmpty()) {
                break;
            }
            assertThat(next).matches("[A-Za-z0-9_-]+");
            first = first == null ? next : first;
            bookmark = next;
        }
        assertThat(seen).containsAll(mine).doesNotHaveDuplicates();
        assertThat(first).as("more than one page").isNotNull();
        // the bookmark of one day's list does not start another day's
        Api.as(MSP)
                .queryParam("day", Market.DAY.plusDays(1).toString())
                .queryParam("bookmark", first)
                .get("/api/offers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("$.bookmark"));
    }

    private static Outcome send(Bad bad, Map<String, String> headers) {
        RawHttp.Answer a;
        try {
            a = RawHttp.send(PORT, bad.operation().method(), bad.target(), headers, bad.body());
        } catch (IOException | RuntimeException e) {
            return new Outcome(bad, -1, "no answer: " + e);
        }
        return new Outcome(bad, a.status(), failure(bad, a));
    }

    /** Why the answer is wrong for this bad request, or null. */
    static String failure(Bad bad, RawHttp.Answer a) {
        String got = a.status() + " " + a.contentType() + " " + abbreviate(a.body());
        if (a.status() >= 500) {
            return "a 5xx: " + got;
        }
        if (a.status() < 400) {
            return "not refused: " + got;
        }
        if (bad.status() != 0 && a.status() != bad.status()) {
            return "expected " + bad.status() + ": " + got;
        }
        if (!a.contentType().startsWith("application/problem+json")) {
            return "not problem+json: " + got;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(a.body());
        } catch (IOException e) {
            return "unreadable problem: " + got;
        }
        if (problem.path("title").asText().isBlank()
                || problem.path("detail").asText().isBlank()
                || problem.path("status").asInt() != a.status()) {
            return "a problem without title, detail or its status: " + got;
        }
        if (bad.field() != null) {
            Set<String> fields = new TreeSet<>();
            problem.path("violations").forEach(v -> fields.add(v.path("field").asText()));
            if (!fields.contains(bad.field())) {
                return "does not name " + bad.field() + ": " + got;
            }
        }
        return null;
    }

    private static void report(
            ConcurrentLinkedQueue<Outcome> outcomes,
            List<Operation> ops,
            double seconds,
            long bytes,
            long h0,
            long h1) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Map<String, Integer>> byOperation = new LinkedHashMap<>();
        ops.forEach(op -> byOperation.put(op.toString(), new TreeMap<>()));
        for (Outcome o : outcomes) {
            String status = Integer.toString(o.status());
            byStatus.merge(status, 1, Integer::sum);
            byKind.merge(o.bad().kind(), 1, Integer::sum);
            byOperation.get(o.bad().operation().toString()).merge(status, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "[it-tests] %d generated bad requests to %s's API in %.1f s (%.0f/s, %d threads, %.1f MB of bodies)%n",
                outcomes.size(), MSP, seconds, outcomes.size() / seconds, THREADS, bytes / 1e6));
        out.append("[it-tests] status histogram: ").append(byStatus).append('\n');
        out.append("[it-tests] by kind: ").append(byKind).append('\n');
        byOperation.forEach((op, statuses) -> out.append(String.format(
                "[it-tests]   %-48s %5d  %s%n",
                op, statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses)));
        out.append(String.format("[it-tests] channel height before %d, after %d%n", h0, h1));
        System.err.print(out);
    }

    /** Every operation (method and path) of the API's OpenAPI document. */
    private static Set<String> operationsOfTheApi() {
        JsonNode paths = Api.as(MSP)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class)
                .path("paths");
        Set<String> documented = new TreeSet<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        return documented;
    }

    /**
     * Operations that do not take JSON, with their own bad-input tests: the UFTP endpoint reads signed
     * XML (malformed XML, entity expansion, bad signatures, replays: UftpResourceTest, UftpDayIT).
     */
    private static final Set<String> NOT_JSON = Set.of("POST /shapeshifter/api/v3/message");

    private static Set<String> known() {
        Set<String> known = new TreeSet<>(NOT_JSON);
        BadInput.OPERATIONS.forEach(op -> known.add(op.toString()));
        return known;
    }

    private static long height() {
        return Api.as(MSP)
                .get("/api/ledger/info")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("height");
    }

    private static void assertNoIdempotencyRecords(List<String> keys) throws Exception {
        try (Gateways g = Gateways.connect("aggregator1", MSP, FlexStack.port(8051))) {
            Contract contract = g.contract();
            for (String key : keys) {
                try {
                    contract.evaluateTransaction(IdempotencyRecords.READ_RECORD.fullName(), key);
                    throw new AssertionError("an idempotency record exists for key " + key);
                } catch (GatewayException e) {
                    assertThat(e.getDetails().toString() + e.getMessage()).contains("IDEMPOTENCY_RECORD_NOT_FOUND");
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
