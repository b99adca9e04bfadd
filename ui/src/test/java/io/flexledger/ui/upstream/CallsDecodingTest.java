package io.flexledger.ui.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.flexledger.ui.UiConfig;
import io.flexledger.ui.Viewer;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls decode what marketplace-api answers through the ledger contract's codec: a record that does
 * not decode leaves an outage naming the field, and the page gets nothing of that answer.
 */
class CallsDecodingTest {
    private static final String OFFER = "{\"id\":\"offer-1\",\"aggregatorMsp\":\"Aggregator1MSP\","
            + "\"congestionPointId\":\"feeder-1\",\"assetId\":\"home-1\",\"day\":\"2026-11-28\",\"requestId\":null,"
            + "\"kwBySlot\":{\"68\":\"%s\"},\"price\":\"0.30000\",\"minActivation\":\"0.5\",\"state\":\"OFFERED\","
            + "\"updatedAt\":\"2026-11-27T10:00:00Z\",\"txId\":\"tx-1\"}";

    private final AtomicReference<String> answer = new AtomicReference<>();
    private HttpServer server;
    private Calls calls;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        UiConfig config = (UiConfig) Proxy.newProxyInstance(
                UiConfig.class.getClassLoader(), new Class<?>[] {UiConfig.class}, (p, m, a) -> switch (m.getName()) {
                    case "api" -> Map.of("DsoMSP", url);
                    case "readerMsp" -> "DsoMSP";
                    case "callTimeout", "auditTimeout" -> Duration.ofSeconds(5);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        calls = new Services(config).calls(new Viewer("dso-operator", Set.of("dso"), Optional.of("DsoMSP"), "a.b.c"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aValidPageIsReadAsDomainOffers() {
        answer.set("{\"records\":[" + OFFER.formatted("2.000") + "],\"bookmark\":\"\"}");
        assertThat(calls.offers("2026-11-28"))
                .hasValueSatisfying(o -> assertThat(o)
                        .singleElement()
                        .satisfies(offer ->
                                assertThat(offer.kwBySlot().get(68).toString()).isEqualTo("2.000")));
        assertThat(calls.outages()).isEmpty();
    }

    @Test
    void aCorruptedRecordIsAnOutageNamingTheFieldNotAValue() {
        answer.set(
                "{\"records\":[" + OFFER.formatted("2.000") + "," + OFFER.formatted("-2.000") + "],\"bookmark\":\"\"}");
        assertThat(calls.offers("2026-11-28")).isEmpty();
        assertThat(calls.outages()).singleElement().satisfies(o -> {
            assertThat(o.what()).isEqualTo("the day's offers");
            assertThat(o.service()).startsWith("marketplace-api (DsoMSP");
            assertThat(o.reason()).startsWith("gave an unreadable answer").contains("$.records[1].kwBySlot.68");
        });
    }
}
