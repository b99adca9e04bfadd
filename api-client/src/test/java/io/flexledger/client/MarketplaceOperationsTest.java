package io.flexledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.metering.ReadingAnchor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed operations of marketplace-api: each one's route, and what an absent record or a refusal is. */
class MarketplaceOperationsTest {
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    private FakeServer server;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MarketplaceClient client(String token) {
        return new MarketplaceClient(server.uri(), TokenSource.fixed(token), http, ONCE, Duration.ofSeconds(5));
    }

    @Test
    void readsGoToTheirRoutesAndAnAbsentRecordIsEmpty() {
        server.on("/api/assets/home-1", FakeServer.Canned.json(200, "{\"id\":\"home-1\"}"));
        server.on("/api/devices/meter-1", FakeServer.Canned.json(200, "{\"id\":\"meter-1\"}"));
        server.on(
                "/api/anchors/2026-11-28/Aggregator1MSP",
                FakeServer.Canned.json(200, "{\"rootHex\":\"ab\",\"leafCount\":3}"));
        server.on("/api/settlements/stl-1/details", FakeServer.Canned.json(200, "{\"lines\":[]}"));
        server.on("/api/clearing/2026-11-28", FakeServer.Canned.json(200, "{\"orders\":[]}"));
        MarketplaceClient c = client("t");

        assertThat(c.asset("home-1"))
                .hasValueSatisfying(a -> assertThat(a.path("id").asText()).isEqualTo("home-1"));
        assertThat(c.device("meter-1")).isPresent();
        assertThat(c.anchor(DAY, "Aggregator1MSP"))
                .hasValueSatisfying(
                        a -> assertThat(a.body().path("leafCount").asInt()).isEqualTo(3));
        assertThat(c.settlementDetails("stl-1").body().has("lines")).isTrue();
        assertThat(c.clearing(DAY).body().has("orders")).isTrue();
        assertThat(c.record("offers", "o-none")).isEmpty();
        assertThat(c.asset("home-none")).isEmpty();
        assertThat(c.dispute("d-none")).isEmpty();
        assertThat(c.anchor(DAY, "Aggregator2MSP")).isEmpty();
        assertThat(server.received("/api/assets/home-1"))
                .singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer t"));
    }

    @Test
    void writesCarryTheirKeyAndBody() {
        server.on("/api/anchors", FakeServer.Canned.json(201, "{}"));
        server.on("/api/offers/o-1/revocation", FakeServer.Canned.json(200, "{}"));
        MarketplaceClient c = client("t");

        c.createAnchor(new ReadingAnchor(DAY, "Aggregator1MSP", "ab".repeat(32), 96), "k-1", Duration.ofSeconds(5));
        c.revokeOffer("o-1", MarketplaceClient.object().put("reason", "r"), "k-2", Duration.ofSeconds(5));

        FakeServer.Received anchor = server.received("/api/anchors").get(0);
        assertThat(anchor.method()).isEqualTo("POST");
        assertThat(anchor.header("Idempotency-Key")).isEqualTo("k-1");
        assertThat(anchor.body())
                .contains("\"day\":\"2026-11-28\"", "\"aggregatorMsp\":\"Aggregator1MSP\"", "\"leafCount\":96");
        assertThat(server.received("/api/offers/o-1/revocation").get(0).header("Idempotency-Key"))
                .isEqualTo("k-2");
    }

    @Test
    void aCallersOwnTokenIsNotSentAgainOnceRefused() {
        server.on(
                "/api/offers/o-1",
                FakeServer.Canned.problem(401, "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"expired\"}"));
        assertThatThrownBy(() -> client("someone").offer("o-1"))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body()).contains("expired");
                    assertThat(e.unanswered()).isFalse();
                });
        assertThat(server.received("/api/offers/o-1")).hasSize(1);
    }

    @Test
    void aServerThatIsNotThereIsUnanswered() throws IOException {
        int port = FakeServer.closedPort();
        MarketplaceClient c = new MarketplaceClient(
                URI.create("http://127.0.0.1:" + port), TokenSource.fixed("t"), http, ONCE, Duration.ofSeconds(2));
        assertThatThrownBy(() -> c.asset("home-1")).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.unanswered()).isTrue();
            assertThat(e.body()).isNull();
            assertThat(e.status()).isEqualTo(503);
        });
    }
}
