package io.flexledger.devicebridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.client.KeycloakTokens;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.devicebridge.anchor.AnchorLedgerException;
import io.flexledger.devicebridge.directory.DirectoryUnavailableException;
import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two HTTP adapters against a stand-in of the DSO's marketplace-api and Keycloak on loopback:
 * the paths, headers and bodies they send, and what they make of each answer.
 */
class HttpAdaptersTest {
    private static final String HASH = "ab".repeat(32);

    private HttpServer server;
    private final Map<String, String> getBodies = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> anchorBodies = new CopyOnWriteArrayList<>();
    private volatile int anchorStatus = 201;
    private volatile int tokenRequests;
    private HttpDeviceDirectory directory;
    private HttpAnchorLedger ledger;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/flexledger/protocol/openid-connect/token", ex -> {
            tokenRequests++;
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = form.contains("client_id=dso-agent") && form.contains("client_secret=dso-agent-demo-secret");
            reply(ex, ok ? 200 : 401, "{\"access_token\":\"token-" + tokenRequests + "\",\"expires_in\":300}");
        });
        server.createContext("/api", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + auth + " "
                    + ex.getRequestHeaders().getFirst("Idempotency-Key"));
            if (auth == null || !auth.startsWith("Bearer token-")) {
                reply(ex, 401, "{}");
            } else if (ex.getRequestMethod().equals("POST")) {
                anchorBodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                reply(ex, anchorStatus, "{}");
            } else {
                String body = getBodies.get(ex.getRequestURI().getPath());
                reply(ex, body == null ? 404 : body.equals("503") ? 503 : 200, body == null ? "{}" : body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        HttpClient http = HttpClient.newHttpClient();
        TokenSource tokens = new KeycloakTokens(
                URI.create(base + "/realms/flexledger/protocol/openid-connect/token"),
                "dso-agent",
                "dso-agent-demo-secret",
                http,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                Clock.systemUTC());
        MarketplaceClient api = new MarketplaceClient(
                URI.create(base),
                tokens,
                http,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                Duration.ofSeconds(10));
        directory = new HttpDeviceDirectory(api);
        ledger = new HttpAnchorLedger(api);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void aRegisteredDeviceComesWithItsHomesAggregator() {
        TestDevice meter = TestDevice.create("meter-7", "home-7");
        getBodies.put(
                "/api/devices/meter-7",
                "{\"id\":\"meter-7\",\"assetId\":\"home-7\",\"kind\":\"METER\","
                        + "\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\""
                        + meter.device().publicKeyBase64() + "\"}");
        getBodies.put(
                "/api/assets/home-7",
                "{\"id\":\"home-7\",\"aggregatorMsp\":\"Aggregator2MSP\",\"congestionPointId\":\"feeder-1\"}");

        Optional<RegisteredDevice> found = directory.find("meter-7");

        assertThat(found).isPresent();
        assertThat(found.get().device()).isEqualTo(meter.device());
        assertThat(found.get().aggregatorMsp()).isEqualTo("Aggregator2MSP");
        assertThat(found.get().signature().verifies(meter.sign(LocalDate.of(2026, 11, 28), 1, "0.1", 1)))
                .isTrue();
        assertThat(requests).allMatch(r -> r.contains("Bearer token-1"));
        assertThat(tokenRequests).isEqualTo(1);
    }

    @Test
    void aDevicesStateAndEveryKeyWithItsPeriodComeFromItsRecord() {
        TestDevice old = TestDevice.create("meter-8", "home-8");
        TestDevice next = TestDevice.create("meter-8", "home-8");
        getBodies.put(
                "/api/devices/meter-8",
                "{\"id\":\"meter-8\",\"assetId\":\"home-8\",\"kind\":\"METER\",\"state\":\"ACTIVE\","
                        + "\"aggregatorMsp\":\"Aggregator1MSP\",\"keyVersion\":2,"
                        + "\"keyValidFrom\":\"2026-11-27T17:05:00Z\",\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\""
                        + next.device().publicKeyBase64() + "\",\"previousKeys\":[{\"keyAlgorithm\":\"EC\","
                        + "\"keyVersion\":1,\"publicKeyBase64\":\""
                        + old.device().publicKeyBase64()
                        + "\",\"validUntil\":\"2026-11-27T17:05:00Z\"}]}");
        getBodies.put(
                "/api/assets/home-8",
                "{\"id\":\"home-8\",\"aggregatorMsp\":\"Aggregator1MSP\",\"congestionPointId\":\"feeder-1\"}");
        RegisteredDevice d = directory.find("meter-8").orElseThrow();
        assertThat(d.state()).isEqualTo(DeviceState.ACTIVE);
        assertThat(d.keys()).extracting(k -> k.key().version()).containsExactly(1, 2);
        LocalDate day = LocalDate.of(2026, 11, 27);
        assertThat(d.verifies(old.sign(day, 67, "0.1", 1))).isTrue();
        assertThat(d.verifies(old.sign(day, 69, "0.1", 2))).isFalse();
        assertThat(d.verifies(next.sign(day, 69, "0.1", 2))).isTrue();

        // A meter awaiting the DSO's approval, and one recorded before devices had a state (never approved).
        getBodies.put(
                "/api/devices/meter-9",
                "{\"id\":\"meter-9\",\"assetId\":\"home-8\",\"kind\":\"METER\",\"state\":\"PROPOSED\","
                        + "\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\""
                        + old.device().publicKeyBase64() + "\"}");
        getBodies.put(
                "/api/devices/meter-10",
                "{\"id\":\"meter-10\",\"assetId\":\"home-8\",\"kind\":\"METER\","
                        + "\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\""
                        + old.device().publicKeyBase64() + "\"}");
        assertThat(directory.find("meter-9").orElseThrow().approved()).isFalse();
        assertThat(directory.find("meter-10").orElseThrow().state()).isEqualTo(DeviceState.PROPOSED);
        // A record the bridge cannot read is no answer.
        getBodies.put(
                "/api/devices/meter-11",
                "{\"id\":\"meter-11\",\"assetId\":\"home-8\",\"kind\":\"METER\",\"state\":\"MAYBE\","
                        + "\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\""
                        + old.device().publicKeyBase64() + "\"}");
        assertThatThrownBy(() -> directory.find("meter-11")).isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void anUnknownDeviceIsEmptyAndARegistryThatFailsIsUnavailable() {
        assertThat(directory.find("meter-none")).isEmpty();
        getBodies.put("/api/devices/meter-x", "503");
        assertThatThrownBy(() -> directory.find("meter-x")).isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void aHomesAggregatorIsTheOneThatRegisteredItOnTheLedger() {
        getBodies.put(
                "/api/assets/home-7",
                "{\"id\":\"home-7\",\"aggregatorMsp\":\"Aggregator2MSP\",\"congestionPointId\":\"feeder-1\"}");
        assertThat(directory.aggregatorOf("home-7")).contains("Aggregator2MSP");
        assertThat(requests).singleElement().asString().startsWith("GET /api/assets/home-7 Bearer token-");
        assertThat(directory.aggregatorOf("home-none")).isEmpty();
        // A record that names no aggregator is no answer: nobody's portfolio is guessed.
        getBodies.put("/api/assets/home-8", "{\"id\":\"home-8\"}");
        assertThatThrownBy(() -> directory.aggregatorOf("home-8")).isInstanceOf(DirectoryUnavailableException.class);
        getBodies.put("/api/assets/home-9", "503");
        assertThatThrownBy(() -> directory.aggregatorOf("home-9")).isInstanceOf(DirectoryUnavailableException.class);
    }

    @Test
    void anAnchorIsPostedWithAKeyOfItsDayAndAggregator() throws Exception {
        ReadingAnchor anchor = new ReadingAnchor(LocalDate.of(2026, 11, 28), "Aggregator1MSP", HASH, 96);

        ledger.anchor(anchor);

        assertThat(requests)
                .singleElement()
                .asString()
                .startsWith("POST /api/anchors Bearer token-")
                .endsWith("reading-anchor:2026-11-28:Aggregator1MSP");
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(anchorBodies.get(0));
        assertThat(body.path("day").asText()).isEqualTo("2026-11-28");
        assertThat(body.path("aggregatorMsp").asText()).isEqualTo("Aggregator1MSP");
        assertThat(body.path("rootHex").asText()).isEqualTo(HASH);
        assertThat(body.path("leafCount").asInt()).isEqualTo(96);
    }

    @Test
    void anAnchorAlreadyOnTheLedgerIsFineOnlyWithTheSameRoot() {
        ReadingAnchor anchor = new ReadingAnchor(LocalDate.of(2026, 11, 28), "Aggregator1MSP", HASH, 96);
        anchorStatus = 409;
        getBodies.put("/api/anchors/2026-11-28/Aggregator1MSP", "{\"rootHex\":\"" + HASH + "\",\"leafCount\":96}");
        ledger.anchor(anchor);

        getBodies.put(
                "/api/anchors/2026-11-28/Aggregator1MSP", "{\"rootHex\":\"" + "cd".repeat(32) + "\",\"leafCount\":96}");
        assertThatThrownBy(() -> ledger.anchor(anchor)).isInstanceOf(AnchorLedgerException.class);

        anchorStatus = 502;
        assertThatThrownBy(() -> ledger.anchor(anchor))
                .isInstanceOf(AnchorLedgerException.class)
                .hasMessageContaining("502");
    }
}
