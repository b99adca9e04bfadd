package io.flexledger.ui.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay of marketplace-api's event stream, against a small server speaking server-sent events. */
class LedgerEventsTest {
    private HttpServer server;

    private String serve(int status, String body) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/events", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            byte[] bytes = ("Bearer t-1".equals(auth) ? body : "").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders("Bearer t-1".equals(auth) ? status : 401, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void eachEventOfTheLedgerComesThroughByName() throws Exception {
        String base = serve(200, """
                data:{"name":"OfferCreated","txId":"a1","blockNumber":7,"payload":{}}

                data:{"name":"OrderSettled","txId":"b2","blockNumber":8,"payload":{"id":"stl-1"}}

                """);
        AssertSubscriber<String> sub =
                new LedgerEvents(null).stream(base, "t-1").subscribe().withSubscriber(AssertSubscriber.create(10));
        sub.awaitCompletion(Duration.ofSeconds(10));
        assertThat(sub.getItems()).isEqualTo(List.of("OfferCreated", "OrderSettled"));
    }

    @Test
    void aRefusedStreamFailsSoThePageFallsBackToItsTicks() throws Exception {
        String base = serve(200, "data:{\"name\":\"x\"}\n\n");
        AssertSubscriber<String> sub = new LedgerEvents(null)
                .stream(base, "someone-else").subscribe().withSubscriber(AssertSubscriber.create(10));
        sub.awaitFailure(Duration.ofSeconds(10));
        assertThat(sub.getFailure()).hasMessageContaining("HTTP 401");
    }

    @Test
    void theNameIsReadFromTheRelayedJson() {
        assertThat(LedgerEvents.nameOf("{\"name\":\"DisputeOpened\",\"txId\":\"x\"}"))
                .isEqualTo("DisputeOpened");
        assertThat(LedgerEvents.nameOf("not json")).isEqualTo("not json");
    }
}
