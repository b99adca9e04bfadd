package io.flexledger.marketplaceapi.uftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UftpOutboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Cs1KeyPair EDGE_KEY = Cs1.generate();

    HttpServer participant;
    final List<byte[]> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    /** Aggregator1's ledger: its participant's endpoint is the test's server. */
    final class Ledger extends UftpLedger {
        Ledger() {
            super(null);
        }

        @Override
        public String mspId() {
            return "Aggregator1MSP";
        }

        @Override
        public Optional<JsonNode> participant(String domain) {
            return domain.equals("agr1.flexledger.test")
                    ? Optional.of(JSON.createObjectNode()
                            .put(
                                    "endpoint",
                                    "http://127.0.0.1:"
                                            + participant.getAddress().getPort() + "/uftp"))
                    : Optional.empty();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @BeforeEach
    void listen() throws IOException {
        participant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        participant.createContext("/uftp", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 200, -1);
            }
        });
        participant.start();
    }

    @AfterEach
    void stop() {
        participant.stop(0);
    }

    UftpOutbox outbox(Duration giveUpAfter) {
        return new UftpOutbox(
                new Ledger(),
                null,
                Optional.of(new UftpOutbox.Settings(
                        "edge.aggregator1.flexledger.test",
                        EDGE_KEY.signingKey(),
                        "agr1.flexledger.test",
                        "ea1.2026-11.flexledger.local",
                        Duration.ofMillis(20),
                        Duration.ofMillis(80),
                        giveUpAfter)));
    }

    static LedgerEvent orderCreated(String aggregator) {
        ObjectNode order = JSON.createObjectNode()
                .put("id", "ord-1")
                .put("offerId", "6f1c1e62-1a5b-4c8e-9d3e-000000000002")
                .put("activation", "1")
                .put("aggregatorMsp", aggregator)
                .put("assetId", "home-1")
                .put("congestionPointId", "F1")
                .put("day", "2026-11-27")
                .put("cost", "0.63")
                .put("state", "ACCEPTED");
        order.putObject("kwBySlot").put("68", "2").put("69", "2.5");
        return new LedgerEvent("OrderCreated", "tx-7", 12, order);
    }

    @Test
    void anOrderOnOurOfferIsSentAsASignedFlexOrderRetriedUntilItArrivesOnce() throws Exception {
        failuresLeft.set(2);
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        LedgerEvent event = orderCreated("Aggregator1MSP");
        outbox.onEvent(event);
        // The same record again (a replayed event stream) is not a second message.
        outbox.onEvent(event);
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1", "tx-7");
        waitFor(() -> outbox.outcome(id).isPresent());
        assertThat(outbox.outcome(id)).contains("sent");
        assertThat(received).hasSize(3);
        // Every try carries the same signed bytes.
        assertThat(received.get(0)).isEqualTo(received.get(2));
        SignedMessage signed = UftpXml.standard().read(received.get(2), SignedMessage.class);
        FlexOrder order = UftpXml.standard().read(Cs1.open(signed, EDGE_KEY.verifyKey()), FlexOrder.class);
        assertThat(order.getMessageId()).isEqualTo(id);
        assertThat(order.getRecipientDomain()).isEqualTo("agr1.flexledger.test");
        assertThat(order.getOrderReference()).isEqualTo("ord-1");
        assertThat(order.getCongestionPoint()).isEqualTo("ea1.2026-11.flexledger.local:F1");
        assertThat(order.getIsps())
                .extracting(i -> i.getStart() + ":" + i.getPower())
                .containsExactly("69:-2000", "70:-2500");
        // It also validates as UFTP writes it (the writer checks required fields).
        assertThat(UftpXml.standard().write(order)).isNotEmpty();
    }

    @Test
    void anotherAggregatorsOrderIsNotOursToSend() throws Exception {
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        outbox.onEvent(orderCreated("Aggregator2MSP"));
        Thread.sleep(200);
        assertThat(received).isEmpty();
        assertThat(outbox.outcome(UftpOutbox.messageId("FlexOrder", "ord-1", "tx-7")))
                .isEmpty();
    }

    @Test
    void itGivesUpOnceTheDeadlineIsPassed() throws Exception {
        failuresLeft.set(1_000);
        UftpOutbox outbox = outbox(Duration.ofMillis(300));
        outbox.onEvent(orderCreated("Aggregator1MSP"));
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1", "tx-7");
        waitFor(() -> outbox.outcome(id).isPresent());
        assertThat(outbox.outcome(id).orElseThrow()).startsWith("gave up: HTTP 503");
        assertThat(received.size()).isGreaterThan(2);
    }

    @Test
    void settingsFromAFolderTurnTheOutboxOnWhenTheFileAppears(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var settings = UftpOutbox.fromDirectory(
                dir,
                "ea1.2026-11.flexledger.local",
                Duration.ofMillis(20),
                Duration.ofMillis(80),
                Duration.ofMinutes(65));
        assertThat(settings.get()).isEmpty();
        java.nio.file.Files.writeString(
                dir.resolve("settings.properties"),
                "sender-domain=edge.agr1.flexledger.test\nsigning-key=" + EDGE_KEY.signingKeyString()
                        + "\nparticipant-domain=agr1.flexledger.test\n");
        UftpOutbox.Settings s = settings.get().orElseThrow();
        assertThat(s.senderDomain()).isEqualTo("edge.agr1.flexledger.test");
        assertThat(s.participantDomain()).isEqualTo("agr1.flexledger.test");
        java.nio.file.Files.writeString(dir.resolve("settings.properties"), "sender-domain=x\n");
        assertThat(settings.get()).isEmpty();
    }

    @Test
    void theMessageIdDependsOnTheRecordAndItsTransactionOnly() {
        assertThat(UftpOutbox.messageId("FlexOrder", "ord-1", "tx-7"))
                .isEqualTo(UftpOutbox.messageId("FlexOrder", "ord-1", "tx-7"))
                .isNotEqualTo(UftpOutbox.messageId("FlexOrder", "ord-2", "tx-7"));
    }
}
