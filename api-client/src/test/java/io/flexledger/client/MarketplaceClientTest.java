package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The marketplace-api client over real HTTP against a canned server on 127.0.0.1. */
class MarketplaceClientTest {

    private static final String TOKEN_PATH = "/realms/flexledger/protocol/openid-connect/token";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    private FakeServer server;
    private MutableClock clock;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server.on(TOKEN_PATH, FakeServer.Canned.json(200, "{\"access_token\":\"t1\",\"expires_in\":300}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private KeycloakTokens tokens() {
        return new KeycloakTokens(
                KeycloakTokens.endpoint(server.uri(), "flexledger"), "aggregator1-agent", "s3cret", http, FAST, clock);
    }

    private MarketplaceClient client() {
        return new MarketplaceClient(server.uri(), tokens(), http, FAST, Duration.ofSeconds(5));
    }

    private static ObjectNode offer() {
        ObjectNode o = MarketplaceClient.object();
        o.put("id", "o-1");
        o.put("price", new java.math.BigDecimal("0.12000"));
        return o;
    }

    @Test
    void aRetryAfter503SendsTheSameIdempotencyKeyAndGetsTheRecord() {
        server.on(
                "/api/offers",
                FakeServer.Canned.problem(503, "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"x\"}"),
                new FakeServer.Canned(
                        201,
                        "application/json",
                        "{\"id\":\"o-1\",\"state\":\"OFFERED\"}",
                        Map.of("Ledger-Transaction-Id", "tx9", "Ledger-Block-Number", "42"),
                        0));

        MarketplaceClient.Answer a = client().post("/api/offers", offer());

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.body().path("state").asText()).isEqualTo("OFFERED");
        assertThat(a.transactionId()).isEqualTo("tx9");
        assertThat(a.blockNumber()).isEqualTo(42);
        List<FakeServer.Received> tries = server.received("/api/offers");
        assertThat(tries).hasSize(2);
        String key = tries.get(0).header("Idempotency-Key");
        assertThat(key).isNotBlank().isEqualTo(tries.get(1).header("Idempotency-Key"));
        assertThat(tries.get(0).header("Authorization")).isEqualTo("Bearer t1");
        assertThat(tries.get(0).header("Content-Type")).startsWith("application/json");
        // decimals travel as plain numbers, not strings and not in exponent form
        assertThat(tries.get(0).body()).contains("\"price\":0.12000");
    }

    @Test
    void twoLogicalPostsGetTwoKeys() {
        server.on("/api/offers", FakeServer.Canned.json(201, "{}"));
        MarketplaceClient c = client();
        c.post("/api/offers", offer());
        c.post("/api/offers", offer());
        List<FakeServer.Received> got = server.received("/api/offers");
        assertThat(got.get(0).header("Idempotency-Key")).isNotEqualTo(got.get(1).header("Idempotency-Key"));
    }

    @Test
    void aReplayedAnswerIsMarked() {
        server.on(
                "/api/offers",
                new FakeServer.Canned(201, "application/json", "{}", Map.of("Idempotent-Replayed", "true"), 0));
        assertThat(client().post("/api/offers", offer(), "k-1", Duration.ofSeconds(5))
                        .replayed())
                .isTrue();
        assertThat(server.received("/api/offers").get(0).header("Idempotency-Key"))
                .isEqualTo("k-1");
    }

    @Test
    void aTimedOutTryIsSentAgainUnderTheSameKey() {
        server.on(
                "/api/offers",
                new FakeServer.Canned(201, "application/json", "{\"id\":\"late\"}", Map.of(), 1500),
                FakeServer.Canned.json(201, "{\"id\":\"o-1\"}"));
        MarketplaceClient c = new MarketplaceClient(server.uri(), tokens(), http, FAST, Duration.ofMillis(300));

        MarketplaceClient.Answer a = c.post("/api/offers", offer());

        assertThat(a.body().path("id").asText()).isEqualTo("o-1");
        List<FakeServer.Received> tries = server.received("/api/offers");
        assertThat(tries).hasSize(2);
        assertThat(tries.get(1).header("Idempotency-Key"))
                .isEqualTo(tries.get(0).header("Idempotency-Key"));
    }

    @Test
    void every503IsABoundedNumberOfTriesThenTheProblem() {
        server.on(
                "/api/requests",
                FakeServer.Canned.problem(
                        503,
                        "{\"type\":\"urn:flexledger:problem:ledger-unavailable\",\"title\":\"Service Unavailable\","
                                + "\"status\":503,\"detail\":\"the ledger did not answer within 30 s\"}"));

        assertThatThrownBy(() -> client().post("/api/requests", offer()))
                .isInstanceOf(ApiProblemException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("the ledger did not answer within 30 s");
        assertThat(server.received("/api/requests")).hasSize(FAST.attempts());
    }

    @Test
    void aProblemIsThrownWithItsCodeAndFieldsAndNotRetried() {
        server.on(
                "/api/offers",
                FakeServer.Canned.problem(
                        400,
                        "{\"type\":\"urn:flexledger:problem:invalid\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"invalid offer\",\"violations\":[{\"field\":\"$.kwBySlot.69\","
                                + "\"reason\":\"must be >= 0\"}]}"));
        server.on(
                "/api/orders",
                FakeServer.Canned.problem(
                        409,
                        "{\"status\":409,\"title\":\"Conflict\",\"code\":\"ORDER_DOUBLE_SALE\","
                                + "\"detail\":\"ORDER_DOUBLE_SALE: asset h-1 is already sold in slot 70\"}"));

        assertThatThrownBy(() -> client().post("/api/offers", offer()))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.violations())
                            .containsExactly(new ApiProblemException.FieldViolation("$.kwBySlot.69", "must be >= 0"));
                    assertThat(e.getMessage()).contains("$.kwBySlot.69 must be >= 0");
                });
        assertThatThrownBy(() -> client().post("/api/orders", offer()))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("ORDER_DOUBLE_SALE");
                    assertThat(e.alreadyExists()).isFalse();
                    assertThat(e.getMessage()).contains("already sold in slot 70");
                });
        assertThat(server.received("/api/offers")).hasSize(1);
        assertThat(server.received("/api/orders")).hasSize(1);
    }

    @Test
    void aDuplicateIsRecognisedAsAlreadyThere() {
        server.on(
                "/api/assets",
                FakeServer.Canned.problem(
                        409,
                        "{\"status\":409,\"title\":\"Conflict\",\"code\":\"ASSET_EXISTS\",\"detail\":\"asset h-1"
                                + " already exists\"}"));
        assertThatThrownBy(() -> client().post("/api/assets", offer()))
                .isInstanceOfSatisfying(
                        ApiProblemException.class,
                        e -> assertThat(e.alreadyExists()).isTrue());
    }

    @Test
    void bytesArriveUnchangedWithATokenAndARefusalIsTheProblem() {
        // Bytes that are not UTF-8: read as text they would not survive.
        byte[] block = {0x0a, (byte) 0xff, 0x00, (byte) 0xc3, 0x28, 0x7f};
        server.onBytes("/api/ledger/blocks/3", "application/octet-stream", block);
        server.on(
                "/api/ledger/blocks/99",
                FakeServer.Canned.problem(
                        404,
                        "{\"status\":404,\"title\":\"Not Found\",\"code\":\"BLOCK_NOT_FOUND\","
                                + "\"detail\":\"BLOCK_NOT_FOUND: the ledger has blocks 0 to 4\"}"));

        assertThat(client().getBytes("/api/ledger/blocks/3")).containsExactly(block);
        FakeServer.Received r = server.received("/api/ledger/blocks/3").get(0);
        assertThat(r.header("Authorization")).isEqualTo("Bearer t1");
        assertThat(r.header("Accept")).contains("application/octet-stream");
        assertThatThrownBy(() -> client().getBytes("/api/ledger/blocks/99"))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("BLOCK_NOT_FOUND");
                    assertThat(e.detail()).contains("blocks 0 to 4");
                });
    }

    @Test
    void anErrorThatIsNotProblemJsonKeepsItsText() {
        server.on("/api/offers", new FakeServer.Canned(502, "text/plain", "bad gateway upstream", Map.of(), 0));
        assertThatThrownBy(() -> client().post("/api/offers", offer()))
                .isInstanceOf(ApiProblemException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("bad gateway upstream");
    }

    @Test
    void theTokenIsCachedUntilShortlyBeforeItExpires() {
        server.on("/api/offers/o-1", FakeServer.Canned.json(200, "{\"id\":\"o-1\"}"));
        server.on(
                TOKEN_PATH,
                FakeServer.Canned.json(200, "{\"access_token\":\"t1\",\"expires_in\":300}"),
                FakeServer.Canned.json(200, "{\"access_token\":\"t2\",\"expires_in\":300}"));
        MarketplaceClient c = client();

        c.get("/api/offers/o-1");
        clock.advance(Duration.ofSeconds(269));
        c.get("/api/offers/o-1");
        // 300 s tokens are renewed 30 s before they expire
        clock.advance(Duration.ofSeconds(2));
        c.get("/api/offers/o-1");

        assertThat(((KeycloakTokens) c.tokens()).fetched()).isEqualTo(2);
        List<FakeServer.Received> gets = server.received("/api/offers/o-1");
        assertThat(gets)
                .extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
        FakeServer.Received grant = server.received(TOKEN_PATH).get(0);
        assertThat(grant.body())
                .contains("grant_type=client_credentials")
                .contains("client_id=aggregator1-agent")
                .contains("client_secret=s3cret");
    }

    @Test
    void a401GetsANewTokenOnce() {
        server.on(
                TOKEN_PATH,
                FakeServer.Canned.json(200, "{\"access_token\":\"old\",\"expires_in\":900}"),
                FakeServer.Canned.json(200, "{\"access_token\":\"new\",\"expires_in\":900}"));
        server.on(
                "/api/offers/o-1",
                FakeServer.Canned.problem(401, "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"expired\"}"),
                FakeServer.Canned.json(200, "{\"id\":\"o-1\"}"));

        assertThat(client().get("/api/offers/o-1").path("id").asText()).isEqualTo("o-1");
        assertThat(server.received("/api/offers/o-1"))
                .extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer old", "Bearer new");
    }

    @Test
    void keycloakRefusingTheClientIsAClearError() {
        server.on(
                TOKEN_PATH,
                FakeServer.Canned.json(
                        401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client secret\"}"));
        assertThatThrownBy(() -> client().get("/api/offers/o-1"))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("unauthorized_client");
                    assertThat(e.getMessage()).contains("aggregator1-agent").contains("Invalid client secret");
                });
        assertThat(server.received("/api/offers/o-1")).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIs503AfterTheTries() throws IOException {
        int port = FakeServer.closedPort();
        MarketplaceClient c = new MarketplaceClient(
                URI.create("http://127.0.0.1:" + port), tokens(), http, FAST, Duration.ofSeconds(2));
        assertThatThrownBy(() -> c.get("/api/offers/o-1")).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("no answer after 3 tries");
        });
    }

    @Test
    void aDayIsListedPageByPage() {
        StringBuilder full = new StringBuilder("{\"records\":[");
        for (int i = 0; i < MarketplaceClient.PAGE_SIZE; i++) {
            full.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i).append("\"}");
        }
        full.append("],\"bookmark\":\"b1\"}");
        server.on(
                "/api/offers",
                FakeServer.Canned.json(200, full.toString()),
                FakeServer.Canned.json(200, "{\"records\":[{\"id\":\"last\"}],\"bookmark\":\"\"}"));

        List<com.fasterxml.jackson.databind.JsonNode> all = client().listDay("offers", LocalDate.of(2026, 5, 3));

        assertThat(all).hasSize(MarketplaceClient.PAGE_SIZE + 1);
        assertThat(all.get(all.size() - 1).path("id").asText()).isEqualTo("last");
        List<FakeServer.Received> pages = server.received("/api/offers");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).query())
                .contains("day=2026-05-03")
                .contains("pageSize=100")
                .endsWith("bookmark=")
                .doesNotContain("bookmark=b1");
        assertThat(pages.get(1).query()).contains("bookmark=b1");
    }

    @Test
    void aShortPageWithABookmarkIsNotTheEnd() {
        // An aggregator's instance drops other aggregators' records from each page of the ledger's:
        // its pages are short, even empty, while the list goes on.
        server.on(
                "/api/settlements",
                FakeServer.Canned.json(200, "{\"records\":[{\"id\":\"s1\"}],\"bookmark\":\"b1\"}"),
                FakeServer.Canned.json(200, "{\"records\":[],\"bookmark\":\"b2\"}"),
                FakeServer.Canned.json(200, "{\"records\":[{\"id\":\"s2\"}],\"bookmark\":\"\"}"));

        List<com.fasterxml.jackson.databind.JsonNode> all = client().listDay("settlements", LocalDate.of(2026, 5, 3));

        assertThat(all).extracting(n -> n.path("id").asText()).containsExactly("s1", "s2");
        assertThat(server.received("/api/settlements")).hasSize(3);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
