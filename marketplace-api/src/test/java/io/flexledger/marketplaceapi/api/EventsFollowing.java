package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.quarkus.test.common.http.TestHTTPResource;
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

/**
 * Base of the tests that follow {@code GET /api/events} over real HTTP with the test's identity.
 * Events are handed to the instance's relay as the ledger would hand them (the test ledger does not
 * answer). That an event does not arrive is shown by order: the relay delivers in order, so when an
 * event handed over after it is the first to arrive, it was not sent.
 */
abstract class EventsFollowing {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LedgerEvents events;

    @TestHTTPResource("/api/events")
    URI eventsUri;

    /**
     * Follows the stream, hands {@code emitted} to the relay one after the other once the client
     * listens, and returns the data of the first event the client receives.
     */
    JsonNode firstReceivedOf(LedgerEvent... emitted) throws Exception {
        long before = events.listenersAdded();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(eventsUri)
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        // The stream is open once the client's listener is added (an earlier test's may still be leaving).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (events.listenersAdded() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events.listenersAdded()).as("the client follows the relay").isGreaterThan(before);
        for (LedgerEvent e : emitted) {
            events.deliver(e);
        }
        HttpResponse<Stream<String>> r = response.get(20, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (Stream<String> lines = r.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    return JSON.readTree(line.substring("data:".length()).strip());
                }
            }
        }
        throw new AssertionError("the stream ended without an event");
    }

    /** The transaction of the first event the client receives. */
    String firstTxOf(LedgerEvent... emitted) throws Exception {
        return firstReceivedOf(emitted).path("txId").asText();
    }

    /** A settlement of {@code aggregatorMsp} as the chaincode emits it. */
    static LedgerEvent settled(String aggregatorMsp, String txId) {
        return new LedgerEvent("OrderSettled", txId, 17, owned(aggregatorMsp).put("netEur", "3.1200"));
    }

    /** A dispute of a settlement of {@code aggregatorMsp}. */
    static LedgerEvent disputed(String aggregatorMsp, String txId) {
        return new LedgerEvent("DisputeOpened", txId, 18, owned(aggregatorMsp));
    }

    /** An anchor of a day's readings of {@code aggregatorMsp}'s portfolio. */
    static LedgerEvent anchored(String aggregatorMsp, String txId) {
        return new LedgerEvent("ReadingsAnchored", txId, 16, owned(aggregatorMsp));
    }

    /** An offer: market state every role of the organisation reads. */
    static LedgerEvent offered(String txId) {
        return new LedgerEvent("OfferCreated", txId, 19, owned("Aggregator1MSP"));
    }

    private static ObjectNode owned(String aggregatorMsp) {
        return JSON.createObjectNode().put("aggregatorMsp", aggregatorMsp).put("dsoMsp", "DsoMSP");
    }
}
