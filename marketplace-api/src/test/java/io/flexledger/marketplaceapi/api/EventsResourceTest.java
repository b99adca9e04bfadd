package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The live event stream over real HTTP: a client follows {@code GET /api/events}, an event is handed
 * to the instance's relay as the ledger would hand it (the test ledger does not answer), and the
 * client receives it as a server-sent event with its name, transaction, block and JSON payload.
 */
@QuarkusTest
@TestSecurity(
        user = "agg1-prosumer",
        roles = "prosumer",
        attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
class EventsResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LedgerEvents events;

    @TestHTTPResource("/api/events")
    URI eventsUri;

    @Test
    void aCommittedEventReachesAFollowingClient() throws Exception {
        int before = events.listenerCount();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(
                HttpRequest.newBuilder(eventsUri)
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        // The stream is open once the client is one of the relay's listeners.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (events.listenerCount() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events.listenerCount()).as("the client follows the relay").isGreaterThan(before);

        events.deliver(new LedgerEvent(
                "OrderSettled", "tx-42", 17, JSON.readTree("{\"id\":\"stl-ord-1\",\"netEur\":\"3.1200\"}")));

        HttpResponse<Stream<String>> r = response.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        JsonNode data = null;
        try (Stream<String> lines = r.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    data = JSON.readTree(line.substring("data:".length()).strip());
                    break;
                }
            }
        }
        assertThat(data).isNotNull();
        assertThat(data.path("name").asText()).isEqualTo("OrderSettled");
        assertThat(data.path("txId").asText()).isEqualTo("tx-42");
        assertThat(data.path("blockNumber").asLong()).isEqualTo(17);
        assertThat(data.path("payload").path("netEur").asText()).isEqualTo("3.1200");
    }
}
