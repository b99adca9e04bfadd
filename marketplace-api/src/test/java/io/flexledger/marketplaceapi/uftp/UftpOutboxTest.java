package io.flexledger.marketplaceapi.uftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.contract.ErrorCode;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UsefRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Aggregator1's ledger: its participant's endpoint is the test's server; the message log refuses a
     * MessageID recorded before (as {@code UftpMessages.before} does) and checks the record's signature
     * with the edge's key. One ledger is shared by every outbox of a test (instances, restarts).
     */
    class Ledger extends UftpLedger {
        final Map<String, String> log = new ConcurrentHashMap<>();
        final List<JsonNode> orders = new CopyOnWriteArrayList<>();
        final AtomicInteger lostAnswers = new AtomicInteger();

        Ledger() {
            super(null, null, null, null);
        }

        /** Messages of other senders as the log records them (sender|MessageID → record). */
        final Map<String, JsonNode> others = new ConcurrentHashMap<>();

        @Override
        public Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> message(
                String senderDomain, String messageId) {
            return recorded(senderDomain, messageId).map(UftpMessages::storedMessage);
        }

        /** The log's record of {@code messageId} of {@code senderDomain}, as much as this stand-in keeps. */
        private Optional<JsonNode> recorded(String senderDomain, String messageId) {
            if (others.containsKey(senderDomain + "|" + messageId)) {
                return Optional.of(others.get(senderDomain + "|" + messageId));
            }
            return Optional.ofNullable(log.get(senderDomain + "|" + messageId)).map(sha -> {
                ObjectNode r =
                        JSON.createObjectNode().put("messageId", messageId).put("sha256", sha);
                JsonNode e = envelopes.get(senderDomain + "|" + messageId);
                if (e != null) {
                    r.put("recipientDomain", e.path("recipientDomain").asText())
                            .put("conversationId", e.path("conversationId").asText())
                            .put("messageType", e.path("messageType").asText());
                }
                return r;
            });
        }

        /** The envelopes recorded (sender|MessageID → envelope). */
        final Map<String, JsonNode> envelopes = new ConcurrentHashMap<>();

        @Override
        public void record(String envelope) {
            try {
                JsonNode e = JSON.readTree(envelope);
                byte[] signed = Base64.getDecoder().decode(e.path("signedBody").asText());
                SignedMessage m = new SignedMessage(e.path("senderDomain").asText(), UsefRole.AGR, signed);
                byte[] xml = Cs1.open(m, EDGE_KEY.verifyKey());
                String key = e.path("senderDomain").asText() + "|"
                        + e.path("messageId").asText();
                if (log.putIfAbsent(key, UftpResource.sha256Hex(xml)) != null) {
                    throw ChaincodeRejection.of(ErrorCode.UFTP_MESSAGE_REPLAYED, key + " was recorded");
                }
                envelopes.put(key, e);
                if (lostAnswers.getAndDecrement() > 0) {
                    throw new LedgerUnavailableException("the answer of the commit was lost", null);
                }
            } catch (IOException | io.flexledger.uftp.UftpException e) {
                throw new IllegalStateException(e);
            }
        }

        /** FlexOffers of several options, the offers' states, and the revocations submitted. */
        final Map<String, List<String>> options = new ConcurrentHashMap<>();

        final Map<String, String> states = new ConcurrentHashMap<>();
        final List<String> revoked = new CopyOnWriteArrayList<>();

        @Override
        public Optional<List<String>> offerOptions(String messageId) {
            return Optional.ofNullable(options.get(messageId));
        }

        /** Whole offer records by id (their state, if given, from {@link #states}). */
        final Map<String, ObjectNode> records = new ConcurrentHashMap<>();

        /** The DSO participants' recorded messages (domain → records), and the ledger's requests. */
        final Map<String, List<JsonNode>> logs = new ConcurrentHashMap<>();

        final Map<String, JsonNode> requests = new ConcurrentHashMap<>();

        @Override
        public List<io.flexledger.contract.codec.UftpRecords.StoredMessage> messagesOf(String senderDomain) {
            return logs.getOrDefault(senderDomain, List.of()).stream()
                    .map(UftpMessages::storedMessage)
                    .toList();
        }

        @Override
        public Optional<JsonNode> request(String requestId) {
            return Optional.ofNullable(requests.get(requestId));
        }

        @Override
        public Optional<JsonNode> offer(String offerId) {
            ObjectNode whole = records.get(offerId);
            if (whole != null) {
                ObjectNode copy = whole.deepCopy();
                if (states.containsKey(offerId)) {
                    copy.put("state", states.get(offerId));
                }
                return Optional.of(copy);
            }
            return Optional.ofNullable(states.get(offerId))
                    .map(state -> JSON.createObjectNode().put("id", offerId).put("state", state));
        }

        @Override
        public void revokeOffer(String offerId, String reason) {
            revoked.add(offerId + ": " + reason);
            states.put(offerId, "REVOKED");
        }

        @Override
        public List<JsonNode> ordersOf(LocalDate day) {
            return orders.stream()
                    .filter(o -> o.path("day").asText().equals(day.toString()))
                    .toList();
        }

        @Override
        public String mspId() {
            return "Aggregator1MSP";
        }

        /** The offers of the days, and the DSO's participants (each at the test's server). */
        final List<JsonNode> offers = new CopyOnWriteArrayList<>();

        final List<String> dsoDomains = new CopyOnWriteArrayList<>();

        @Override
        public List<JsonNode> offersOf(LocalDate day) {
            return offers.stream()
                    .filter(o -> o.path("day").asText().equals(day.toString()))
                    .toList();
        }

        @Override
        public List<io.flexledger.contract.codec.UftpRecords.StoredParticipant> participants() {
            List<JsonNode> all = new java.util.ArrayList<>();
            all.add(JSON.createObjectNode()
                    .put("domain", "agr1.flexledger.test")
                    .put("role", "AGR")
                    .put("msp", "Aggregator1MSP"));
            dsoDomains.forEach(d -> all.add(
                    JSON.createObjectNode().put("domain", d).put("role", "DSO").put("msp", "DsoMSP")));
            return all.stream().map(UftpMessages::stored).toList();
        }

        @Override
        public Optional<io.flexledger.contract.codec.UftpRecords.StoredParticipant> participant(String domain) {
            return domain.equals("agr1.flexledger.test") || dsoDomains.contains(domain)
                    ? Optional.of(JSON.createObjectNode()
                                    .put(
                                            "endpoint",
                                            "http://127.0.0.1:"
                                                    + participant.getAddress().getPort() + "/uftp"))
                            .map(UftpMessages::stored)
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

    final Ledger ledger = new Ledger();

    UftpOutbox outbox(Duration giveUpAfter) {
        return new UftpOutbox(ledger, null, settings(giveUpAfter));
    }

    static Optional<UftpOutbox.Settings> settings(Duration giveUpAfter) {
        return Optional.of(new UftpOutbox.Settings(
                "edge.aggregator1.flexledger.test",
                EDGE_KEY.signingKey(),
                "agr1.flexledger.test",
                "ea1.2026-11.flexledger.local",
                Duration.ofMillis(20),
                Duration.ofMillis(80),
                giveUpAfter));
    }

    static LedgerEvent orderCreated(String aggregator) {
        return new LedgerEvent("OrderCreated", "tx-7", 12, order("ord-1", aggregator, "2026-11-27"));
    }

    static ObjectNode order(String id, String aggregator, String day) {
        ObjectNode order = JSON.createObjectNode()
                .put("id", id)
                .put("offerId", "6f1c1e62-1a5b-4c8e-9d3e-000000000002")
                .put("activation", "1")
                .put("aggregatorMsp", aggregator)
                .put("assetId", "home-1")
                .put("congestionPointId", "F1")
                .put("day", day)
                .put("cost", "0.63")
                .put("state", "ACCEPTED");
        order.putObject("kwBySlot").put("68", "2").put("69", "2.5");
        return order;
    }

    @Test
    void anOrderOnOurOfferIsSentAsASignedFlexOrderRetriedUntilItArrivesOnce() throws Exception {
        failuresLeft.set(2);
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        LedgerEvent event = orderCreated("Aggregator1MSP");
        outbox.onEvent(event);
        // The same record again (a replayed event stream) is not a second message.
        outbox.onEvent(event);
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
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
    void anOrderOfOneOptionNamesItsFlexOfferAndOptionAndTheOtherOptionsAreRevoked() throws Exception {
        String flexOffer = "6f1c1e62-1a5b-4c8e-9d3e-000000000009";
        String a = flexOffer + ".home-1";
        String b = flexOffer + ".home-3";
        String c = flexOffer + ".home-4";
        ledger.options.put(flexOffer, List.of(a, b, c));
        ledger.states.put(a, "ORDERED");
        ledger.states.put(b, "OFFERED");
        ledger.states.put(c, "REVOKED");
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        ObjectNode order = order("ord-1", "Aggregator1MSP", "2026-11-27").put("offerId", a);
        outbox.onEvent(new LedgerEvent("OrderCreated", "tx-7", 12, order));
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
        waitFor(() -> outbox.outcome(id).isPresent());
        SignedMessage signed = UftpXml.standard().read(received.get(0), SignedMessage.class);
        FlexOrder sent = UftpXml.standard().read(Cs1.open(signed, EDGE_KEY.verifyKey()), FlexOrder.class);
        assertThat(sent.getFlexOfferMessageId()).hasToString(flexOffer);
        assertThat(sent.getOptionReference()).isEqualTo("home-1");
        // UFTP orders one option of a FlexOffer: the open one is revoked, the revoked one left alone.
        assertThat(ledger.revoked).hasSize(1);
        assertThat(ledger.revoked.get(0)).startsWith(b + ": option home-1 of FlexOffer " + flexOffer + " is ordered");
    }

    static final String DSO = "dso.flexledger.test";
    static final String REQUEST = "6f1c1e62-1a5b-4c8e-9d3e-000000000001";
    static final String CONVERSATION = "0b7e2a10-3c4d-4e5f-8a9b-0c1d2e3f4a50";

    /** An open offer of {@code aggregator}'s two days from now: 2 kW in slots 68 and 69 at 0.21 EUR/kWh. */
    static ObjectNode openOffer(String id, String aggregator) {
        ObjectNode offer = JSON.createObjectNode()
                .put("id", id)
                .put("aggregatorMsp", aggregator)
                .put("assetId", "home-1")
                .put("congestionPointId", "F1")
                .put("day", LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString())
                .put("requestId", REQUEST)
                .put("price", "0.21")
                .put("minActivation", "0.5")
                .put("state", "OFFERED");
        offer.putObject("kwBySlot").put("68", "2").put("69", "2.5");
        return offer;
    }

    /** The DSO participant's FlexRequest, as the message log holds it. */
    void requestFromTheDso() {
        ledger.dsoDomains.add(DSO);
        ledger.others.put(
                DSO + "|" + REQUEST,
                JSON.createObjectNode()
                        .put("messageId", REQUEST)
                        .put("conversationId", CONVERSATION)
                        .put("messageType", "FlexRequest"));
    }

    @Test
    void anOfferIsAnnouncedToTheDsosParticipantWhoseRequestItAnswersOnce() throws Exception {
        requestFromTheDso();
        // The DSO's own edge is a DSO participant too: the request says which one is asking.
        ledger.dsoDomains.add("edge.dso.flexledger.test");
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        LedgerEvent created = new LedgerEvent("OfferCreated", "tx-3", 9, openOffer("off-1", "Aggregator1MSP"));
        outbox.onEvent(created);
        outbox.onEvent(created);
        UUID id = UftpOutbox.messageId("FlexOffer", "off-1");
        waitFor(() -> outbox.outcome(id).isPresent());
        assertThat(outbox.outcome(id)).contains("sent");
        // A scan after the event is not a second message either.
        ledger.offers.add(openOffer("off-1", "Aggregator1MSP"));
        outbox.scan(LocalDate.now(java.time.ZoneOffset.UTC));
        Thread.sleep(100);
        assertThat(received).hasSize(1);
        SignedMessage signed = UftpXml.standard().read(received.get(0), SignedMessage.class);
        assertThat(signed.getSenderRole()).isEqualTo(UsefRole.AGR);
        byte[] xml = Cs1.open(signed, EDGE_KEY.verifyKey());
        UftpOutboxSettlementTest.validate(xml);
        io.flexledger.uftp.FlexOffer sent = UftpXml.standard().read(xml, io.flexledger.uftp.FlexOffer.class);
        assertThat(sent.getMessageId()).isEqualTo(id);
        assertThat(sent.getSenderDomain()).isEqualTo("edge.aggregator1.flexledger.test");
        assertThat(sent.getRecipientDomain()).isEqualTo(DSO);
        assertThat(sent.getFlexRequestMessageId()).hasToString(REQUEST);
        assertThat(sent.getConversationId()).hasToString(CONVERSATION);
        assertThat(sent.getCongestionPoint()).isEqualTo("ea1.2026-11.flexledger.local:F1");
        io.flexledger.uftp.FlexOfferOption option = sent.getOfferOptions().get(0);
        assertThat(option.getOptionReference()).isEqualTo("off-1");
        // 4.5 kW over a quarter hour is 1.125 kWh, at 0.21 EUR/kWh 0.23625 EUR: 4 decimals, half-even.
        assertThat(option.getPrice()).isEqualByComparingTo("0.2362");
        assertThat(option.getIsps())
                .extracting(i -> i.getStart() + ":" + i.getPower())
                .containsExactly("69:-2000", "70:-2500");
        // The first slot, 68, starts at 17:00 in London.
        assertThat(sent.getExpirationDateTime().toInstant())
                .isEqualTo(java.time.ZonedDateTime.of(
                                sent.getPeriod(), java.time.LocalTime.of(17, 0), java.time.ZoneId.of("Europe/London"))
                        .toInstant());
        // The checkpoint: the message is on the ledger under the edge's domain.
        assertThat(ledger.message("edge.aggregator1.flexledger.test", id.toString()))
                .isPresent();
    }

    @Test
    void aFlexOrderOfTheDsosParticipantNamingTheAnnouncedOfferOrdersIt() throws Exception {
        io.flexledger.uftp.FlexOrder order = UftpMessages.order(5, 2);
        order.setFlexOfferMessageId(UftpOutbox.messageId("FlexOffer", "off-1")).setOptionReference("off-1");
        UftpMapping.Lookup ledgerWithOffer = new UftpMapping.Lookup() {
            @Override
            public Optional<List<String>> offerOptions(String messageId) {
                return Optional.empty();
            }

            @Override
            public Optional<JsonNode> offer(String offerId) {
                return offerId.equals("off-1")
                        ? Optional.of(JSON.createObjectNode().put("id", "off-1").put("state", "OFFERED"))
                        : Optional.empty();
            }
        };
        UftpMapping.LedgerCall call =
                UftpMapping.map(order, UsefRole.DSO, "DsoMSP", "2", "ab".repeat(32), ledgerWithOffer);
        assertThat(JSON.readTree(UftpMessages.input(call)).path("offerId").asText())
                .isEqualTo("off-1");
        // The same OptionReference under another FlexOffer's MessageID names nothing announced.
        order.setFlexOfferMessageId(UftpMessages.id(77));
        assertThat(JSON.readTree(UftpMessages.input(
                                UftpMapping.map(order, UsefRole.DSO, "DsoMSP", "2", "ab".repeat(32), ledgerWithOffer)))
                        .path("offerId")
                        .asText())
                .isEqualTo(UftpMessages.id(77).toString());
    }

    @Test
    void anOfferWithoutAClearRecipientOrNotOpenOrNotOursIsNotAnnounced() throws Exception {
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        // No DSO participant at all.
        outbox.onEvent(new LedgerEvent("OfferCreated", "tx-3", 9, openOffer("off-1", "Aggregator1MSP")));
        UUID first = UftpOutbox.messageId("FlexOffer", "off-1");
        waitFor(() -> outbox.outcome(first).isPresent());
        assertThat(outbox.outcome(first)).contains("no recipient");
        // Two DSO participants and a request that neither sent: nobody is guessed.
        ledger.dsoDomains.add(DSO);
        ledger.dsoDomains.add("edge.dso.flexledger.test");
        outbox.onEvent(new LedgerEvent("OfferCreated", "tx-4", 9, openOffer("off-2", "Aggregator1MSP")));
        UUID second = UftpOutbox.messageId("FlexOffer", "off-2");
        waitFor(() -> outbox.outcome(second).isPresent());
        assertThat(outbox.outcome(second)).contains("no recipient");
        // Another aggregator's offer, a revoked one, one whose first slot has begun.
        outbox.onEvent(new LedgerEvent("OfferCreated", "tx-5", 9, openOffer("off-3", "Aggregator2MSP")));
        outbox.onEvent(new LedgerEvent(
                "OfferCreated", "tx-6", 9, openOffer("off-4", "Aggregator1MSP").put("state", "REVOKED")));
        outbox.onEvent(new LedgerEvent(
                "OfferCreated", "tx-7", 9, openOffer("off-5", "Aggregator1MSP").put("day", "2026-01-01")));
        Thread.sleep(200);
        for (String id : List.of("off-3", "off-4", "off-5")) {
            assertThat(outbox.outcome(UftpOutbox.messageId("FlexOffer", id)))
                    .as(id)
                    .isEmpty();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void anotherAggregatorsOrderIsNotOursToSend() throws Exception {
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        outbox.onEvent(orderCreated("Aggregator2MSP"));
        Thread.sleep(200);
        assertThat(received).isEmpty();
        assertThat(outbox.outcome(UftpOutbox.messageId("FlexOrder", "ord-1"))).isEmpty();
    }

    @Test
    void itGivesUpOnceTheDeadlineIsPassed() throws Exception {
        failuresLeft.set(1_000);
        UftpOutbox outbox = outbox(Duration.ofMillis(300));
        outbox.onEvent(orderCreated("Aggregator1MSP"));
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
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
    void theMessageIdDependsOnTheOrderOnly() {
        assertThat(UftpOutbox.messageId("FlexOrder", "ord-1"))
                .isEqualTo(UftpOutbox.messageId("FlexOrder", "ord-1"))
                .isNotEqualTo(UftpOutbox.messageId("FlexOrder", "ord-2"))
                .isNotEqualTo(UftpOutbox.messageId("FlexSettlement", "ord-1"));
    }

    @Test
    void theSentMessageIsOnTheLedgerWithTheHashOfWhatWasSent() throws Exception {
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        outbox.onEvent(orderCreated("Aggregator1MSP"));
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
        waitFor(() -> outbox.outcome(id).isPresent());
        SignedMessage signed = UftpXml.standard().read(received.get(0), SignedMessage.class);
        byte[] xml = Cs1.open(signed, EDGE_KEY.verifyKey());
        assertThat(ledger.message("edge.aggregator1.flexledger.test", id.toString()))
                .map(io.flexledger.contract.codec.UftpRecords.StoredMessage::sha256)
                .contains(UftpResource.sha256Hex(xml));
    }

    @Test
    void ordersCommittedWhileNoInstanceRanAreSentAtStartUpAndNotAgainAfterARestart() throws Exception {
        LocalDate today = LocalDate.of(2026, 11, 27);
        ledger.orders.add(order("ord-yesterday", "Aggregator1MSP", "2026-11-26"));
        ledger.orders.add(order("ord-tomorrow", "Aggregator1MSP", "2026-11-28"));
        ledger.orders.add(order("ord-old", "Aggregator1MSP", "2026-11-20"));
        ledger.orders.add(order("ord-other", "Aggregator2MSP", "2026-11-27"));
        ledger.orders.add(order("ord-cancelled", "Aggregator1MSP", "2026-11-27").put("state", "CANCELLED"));
        UftpOutbox first = outbox(Duration.ofMinutes(65));
        assertThat(first.scan(today)).isEqualTo(4);
        UUID yesterday = UftpOutbox.messageId("FlexOrder", "ord-yesterday");
        UUID tomorrow = UftpOutbox.messageId("FlexOrder", "ord-tomorrow");
        waitFor(() ->
                first.outcome(yesterday).isPresent() && first.outcome(tomorrow).isPresent());
        assertThat(first.outcome(yesterday)).contains("sent");
        assertThat(first.outcome(tomorrow)).contains("sent");
        assertThat(orderReferences()).containsExactlyInAnyOrder("ord-yesterday", "ord-tomorrow");
        // A restart: the new process remembers nothing, the ledger everything.
        UftpOutbox restarted = outbox(Duration.ofMinutes(65));
        restarted.scan(today);
        restarted.onEvent(new LedgerEvent("OrderCreated", "tx-9", 13, ledger.orders.get(0)));
        waitFor(() -> restarted.outcome(yesterday).isPresent()
                && restarted.outcome(tomorrow).isPresent());
        assertThat(restarted.outcome(yesterday)).contains("recorded before");
        assertThat(restarted.outcome(tomorrow)).contains("recorded before");
        Thread.sleep(200);
        assertThat(received).hasSize(2);
    }

    @Test
    void twoInstancesRacingForOneOrderDeliverItOnce() throws Exception {
        // The attack: the same OrderCreated delivered to two instances behind the load balancer (or a
        // replayed event stream) at once; each checks the ledger before the other's record commits.
        UftpOutbox a = outbox(Duration.ofMinutes(65));
        UftpOutbox b = outbox(Duration.ofMinutes(65));
        LedgerEvent event = orderCreated("Aggregator1MSP");
        Thread ta = new Thread(() -> a.onEvent(event));
        Thread tb = new Thread(() -> b.onEvent(event));
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
        waitFor(() -> a.outcome(id).isPresent() && b.outcome(id).isPresent());
        assertThat(List.of(a.outcome(id).orElseThrow(), b.outcome(id).orElseThrow()))
                .containsExactlyInAnyOrder("sent", "recorded before");
        Thread.sleep(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void aRecordWhoseAnswerWasLostIsStillSentOnceByTheInstanceThatWroteIt() throws Exception {
        ledger.lostAnswers.set(1);
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        outbox.onEvent(orderCreated("Aggregator1MSP"));
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
        waitFor(() -> outbox.outcome(id).isPresent());
        assertThat(outbox.outcome(id)).contains("sent");
        assertThat(received).hasSize(1);
    }

    @Test
    void aLedgerThatDoesNotAnswerLeavesTheOrderToTheNextScan() throws Exception {
        ledger.orders.add(order("ord-1", "Aggregator1MSP", "2026-11-27"));
        UftpOutbox outbox = new UftpOutbox(
                new Ledger() {
                    @Override
                    public Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> message(
                            String senderDomain, String messageId) {
                        throw new LedgerUnavailableException("no peer answers", null);
                    }
                },
                null,
                settings(Duration.ofMinutes(65)));
        outbox.onEvent(orderCreated("Aggregator1MSP"));
        Thread.sleep(300);
        assertThat(received).isEmpty();
        // Not taken for good: the next scan (here by a healthy ledger's outbox) sends it.
        UftpOutbox healthy = outbox(Duration.ofMinutes(65));
        healthy.scan(LocalDate.of(2026, 11, 27));
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
        waitFor(() -> healthy.outcome(id).isPresent());
        assertThat(received).hasSize(1);
    }

    static final String FLEX_OFFER = "6f1c1e62-1a5b-4c8e-9d3e-00000000000f";
    static final String OPTION_A = FLEX_OFFER + ".home-1";
    static final String OPTION_B = FLEX_OFFER + ".home-3";

    /** A FlexOffer of two options on the ledger (uftp:CreateOffers), answering the DSO participant's request. */
    void twoOptions() {
        requestFromTheDso();
        ledger.options.put(FLEX_OFFER, List.of(OPTION_A, OPTION_B));
        ledger.records.put(OPTION_A, openOffer(OPTION_A, "Aggregator1MSP"));
        ObjectNode b = openOffer(OPTION_B, "Aggregator1MSP").put("assetId", "home-3");
        b.putObject("kwBySlot").put("70", "1.5");
        ledger.records.put(OPTION_B, b);
    }

    /** The OfferCreated of an option as the relay hands it on (with its FlexOffer's MessageID). */
    LedgerEvent optionCreated(String id) {
        return new LedgerEvent(
                "OfferCreated", "tx-o", 9, ledger.records.get(id).deepCopy().put("flexOfferMessageId", FLEX_OFFER));
    }

    <T extends io.flexledger.uftp.PayloadMessage> T sent(int index, Class<T> type) throws Exception {
        SignedMessage signed = UftpXml.standard().read(received.get(index), SignedMessage.class);
        byte[] xml = Cs1.open(signed, EDGE_KEY.verifyKey());
        UftpOutboxSettlementTest.validate(xml);
        return UftpXml.standard().read(xml, type);
    }

    @Test
    void aFlexOfferOfSeveralOptionsGoesOutAsOneFlexOfferCarryingEveryOption() throws Exception {
        twoOptions();
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        // One OfferCreated per option (the relay splits the transaction's OffersCreated), twice each.
        outbox.onEvent(optionCreated(OPTION_A));
        outbox.onEvent(optionCreated(OPTION_B));
        outbox.onEvent(optionCreated(OPTION_B));
        UUID id = UftpOutbox.messageId("FlexOffer", FLEX_OFFER);
        waitFor(() -> outbox.outcome(id).isPresent());
        assertThat(outbox.outcome(id)).contains("sent");
        // A scan that finds both options is not a second message either, nor one per option.
        ledger.offers.add(ledger.records.get(OPTION_A));
        ledger.offers.add(ledger.records.get(OPTION_B));
        outbox.scan(LocalDate.now(java.time.ZoneOffset.UTC));
        Thread.sleep(200);
        assertThat(received).hasSize(1);
        io.flexledger.uftp.FlexOffer offer = sent(0, io.flexledger.uftp.FlexOffer.class);
        assertThat(offer.getMessageId()).isEqualTo(id);
        assertThat(offer.getRecipientDomain()).isEqualTo(DSO);
        assertThat(offer.getFlexRequestMessageId()).hasToString(REQUEST);
        assertThat(offer.getOfferOptions())
                .extracting(io.flexledger.uftp.FlexOfferOption::getOptionReference)
                .containsExactly(OPTION_A, OPTION_B);
        assertThat(offer.getOfferOptions().get(1).getIsps())
                .extracting(i -> i.getStart() + ":" + i.getPower())
                .containsExactly("71:-1500");
        // Expires when the first slot of any option starts (slot 68 of option A).
        assertThat(offer.getExpirationDateTime().toInstant())
                .isEqualTo(FlexOfferAnnouncements.expiration(ledger.records.get(OPTION_A)));
        // No per-option FlexOffer went out.
        assertThat(outbox.outcome(UftpOutbox.messageId("FlexOffer", OPTION_A))).isEmpty();
    }

    @Test
    void theDsoParticipantOrdersOneOptionOfTheFlexOfferByItsOptionReference() throws Exception {
        twoOptions();
        UftpMapping.Lookup lookup = new UftpMapping.Lookup() {
            @Override
            public Optional<List<String>> offerOptions(String messageId) {
                return ledger.offerOptions(messageId);
            }

            @Override
            public Optional<JsonNode> offer(String offerId) {
                return ledger.offer(offerId);
            }
        };
        io.flexledger.uftp.FlexOrder order = UftpMessages.order(5, 2);
        order.setFlexOfferMessageId(UftpOutbox.messageId("FlexOffer", FLEX_OFFER))
                .setOptionReference(OPTION_B);
        UftpMapping.LedgerCall call = UftpMapping.map(order, UsefRole.DSO, "DsoMSP", "2", "ab".repeat(32), lookup);
        assertThat(JSON.readTree(UftpMessages.input(call)).path("offerId").asText())
                .isEqualTo(OPTION_B);
        // Once option A is ordered, option B is not: UFTP orders one option of a FlexOffer.
        ledger.states.put(OPTION_A, "ORDERED");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> UftpMapping.map(order, UsefRole.DSO, "DsoMSP", "2", "ab".repeat(32), lookup))
                .isInstanceOf(UftpMapping.Rejected.class)
                .hasMessageContaining("is ordered already");
    }

    @Test
    void aWithdrawnFlexOfferIsRevokedOverUftpOnceAndAnOrderedOneIsNot() throws Exception {
        twoOptions();
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        outbox.onEvent(optionCreated(OPTION_A));
        UUID flexOffer = UftpOutbox.messageId("FlexOffer", FLEX_OFFER);
        waitFor(() -> outbox.outcome(flexOffer).isPresent());
        // uftp:RevokeOffers revoked both options: one OfferRevoked each, and a scan that finds them.
        ledger.states.put(OPTION_A, "REVOKED");
        ledger.states.put(OPTION_B, "REVOKED");
        ObjectNode revokedA = JSON.createObjectNode().put("offerId", OPTION_A);
        outbox.onEvent(new LedgerEvent("OfferRevoked", "tx-r", 10, revokedA));
        outbox.onEvent(new LedgerEvent(
                "OfferRevoked", "tx-r", 10, JSON.createObjectNode().put("offerId", OPTION_B)));
        UUID revocation = UftpOutbox.messageId("FlexOfferRevocation", FLEX_OFFER);
        waitFor(() -> outbox.outcome(revocation).isPresent());
        ledger.offers.add(ledger.offer(OPTION_A).orElseThrow());
        outbox.scan(LocalDate.now(java.time.ZoneOffset.UTC));
        outbox.onEvent(new LedgerEvent("OfferRevoked", "tx-r", 10, revokedA));
        Thread.sleep(200);
        assertThat(outbox.outcome(revocation)).contains("sent");
        assertThat(received).hasSize(2);
        io.flexledger.uftp.FlexOfferRevocation r = sent(1, io.flexledger.uftp.FlexOfferRevocation.class);
        assertThat(r.getMessageId()).isEqualTo(revocation);
        assertThat(r.getFlexOfferMessageId()).isEqualTo(flexOffer);
        assertThat(r.getRecipientDomain()).isEqualTo(DSO);
        assertThat(r.getConversationId()).hasToString(CONVERSATION);
        assertThat(ledger.message("edge.aggregator1.flexledger.test", revocation.toString()))
                .isPresent();
    }

    @Test
    void theRevocationsThatFollowAnOrderOfOneOptionAreNotAWithdrawal() throws Exception {
        twoOptions();
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        outbox.onEvent(optionCreated(OPTION_A));
        waitFor(() ->
                outbox.outcome(UftpOutbox.messageId("FlexOffer", FLEX_OFFER)).isPresent());
        ledger.states.put(OPTION_A, "ORDERED");
        ledger.states.put(OPTION_B, "REVOKED");
        outbox.onEvent(new LedgerEvent(
                "OfferRevoked", "tx-r", 10, JSON.createObjectNode().put("offerId", OPTION_B)));
        Thread.sleep(200);
        assertThat(outbox.outcome(UftpOutbox.messageId("FlexOfferRevocation", FLEX_OFFER)))
                .isEmpty();
        assertThat(received).hasSize(1);
    }

    @Test
    void aRevocationOfAnotherAggregatorsOfferOrOfOneNeverAnnouncedIsNotSent() throws Exception {
        requestFromTheDso();
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        // The attack: an OfferRevoked naming Aggregator2's offer, its payload claiming Aggregator1, and
        // a FlexOffer MessageID of that offer recorded under our edge's domain (as if announced).
        ledger.records.put("off-9", openOffer("off-9", "Aggregator2MSP").put("state", "REVOKED"));
        ledger.log.put(
                "edge.aggregator1.flexledger.test|" + UftpOutbox.messageId("FlexOffer", "off-9"), "ab".repeat(32));
        outbox.onEvent(new LedgerEvent(
                "OfferRevoked",
                "tx-r",
                10,
                JSON.createObjectNode().put("offerId", "off-9").put("aggregatorMsp", "Aggregator1MSP")));
        // Our own revoked offer that never went out over UFTP: nobody there to tell.
        ledger.records.put("off-8", openOffer("off-8", "Aggregator1MSP").put("state", "REVOKED"));
        outbox.onEvent(new LedgerEvent(
                "OfferRevoked", "tx-s", 11, JSON.createObjectNode().put("offerId", "off-8")));
        Thread.sleep(300);
        assertThat(outbox.outcome(UftpOutbox.messageId("FlexOfferRevocation", "off-9")))
                .isEmpty();
        assertThat(outbox.outcome(UftpOutbox.messageId("FlexOfferRevocation", "off-8")))
                .isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aRevokedOneOfferFlexOfferIsRevokedWithItsOwnMessageId() throws Exception {
        requestFromTheDso();
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        ledger.records.put("off-1", openOffer("off-1", "Aggregator1MSP"));
        outbox.onEvent(new LedgerEvent("OfferCreated", "tx-3", 9, ledger.records.get("off-1")));
        waitFor(() -> outbox.outcome(UftpOutbox.messageId("FlexOffer", "off-1")).isPresent());
        ledger.states.put("off-1", "REVOKED");
        outbox.onEvent(new LedgerEvent(
                "OfferRevoked", "tx-r", 10, JSON.createObjectNode().put("offerId", "off-1")));
        UUID revocation = UftpOutbox.messageId("FlexOfferRevocation", "off-1");
        waitFor(() -> outbox.outcome(revocation).isPresent());
        assertThat(sent(1, io.flexledger.uftp.FlexOfferRevocation.class).getFlexOfferMessageId())
                .isEqualTo(UftpOutbox.messageId("FlexOffer", "off-1"));
    }

    /** A FlexRequest of {@code domain} recorded at {@code at}, its ledger request at {@code congestionPoint}. */
    void flexRequest(String domain, String messageId, String at, String congestionPoint) {
        ledger.logs
                .computeIfAbsent(domain, d -> new CopyOnWriteArrayList<>())
                .add(JSON.createObjectNode()
                        .put("messageId", messageId)
                        .put("messageType", "FlexRequest")
                        .put("at", at));
        ledger.requests.put(
                messageId, JSON.createObjectNode().put("id", messageId).put("congestionPointId", congestionPoint));
    }

    @Test
    void withSeveralDsoDomainsAnUnsolicitedOfferGoesToTheLatestRequesterAtItsCongestionPoint() throws Exception {
        ledger.dsoDomains.add("a-dso.flexledger.test");
        ledger.dsoDomains.add(DSO);
        ledger.dsoDomains.add("edge.dso.flexledger.test");
        flexRequest(DSO, "r-1", "2026-11-27T10:00:00Z", "F1");
        flexRequest("a-dso.flexledger.test", "r-2", "2026-11-27T09:00:00Z", "F1");
        // The latest of all, but at another congestion point.
        flexRequest("edge.dso.flexledger.test", "r-3", "2026-11-27T11:00:00Z", "F2");
        UftpOutbox outbox = outbox(Duration.ofMinutes(65));
        ObjectNode unsolicited = openOffer("off-1", "Aggregator1MSP");
        unsolicited.remove("requestId");
        outbox.onEvent(new LedgerEvent("OfferCreated", "tx-3", 9, unsolicited));
        UUID id = UftpOutbox.messageId("FlexOffer", "off-1");
        waitFor(() -> outbox.outcome(id).isPresent());
        io.flexledger.uftp.FlexOffer offer = sent(0, io.flexledger.uftp.FlexOffer.class);
        assertThat(offer.getRecipientDomain()).isEqualTo(DSO);
        assertThat(offer.getUnsolicited()).isTrue();
        // Whichever order the registry lists them in, the same domain: every instance chooses alike.
        java.util.Collections.reverse(ledger.dsoDomains);
        assertThat(outbox.dsoRecipientOf(unsolicited, id).map(DsoDomains.DsoRecipient::domain))
                .contains(DSO);
        // At a congestion point none of them asked for: nobody is guessed.
        assertThat(outbox.dsoRecipientOf(unsolicited.put("congestionPointId", "F9"), id))
                .isEmpty();
    }

    @Test
    void aDeliveryRecordedButNotAnsweredBeforeARestartIsResumedWithTheSameBytesOnce(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        failuresLeft.set(1_000);
        UftpOutbox first = new UftpOutbox(ledger, null, settings(Duration.ofMinutes(65)), dir);
        first.onEvent(orderCreated("Aggregator1MSP"));
        UUID id = UftpOutbox.messageId("FlexOrder", "ord-1");
        waitFor(() -> received.size() >= 2);
        // The process dies while the participant is down: the ledger says the message was sent.
        first.stop(null);
        assertThat(ledger.message("edge.aggregator1.flexledger.test", id.toString()))
                .isPresent();
        byte[] signed = received.get(0);
        int before = received.size();
        failuresLeft.set(0);
        // The restarted process resumes it from its store: same signed bytes, delivered.
        UftpOutbox second = new UftpOutbox(ledger, null, settings(Duration.ofMinutes(65)), dir);
        assertThat(second.resume()).isEqualTo(1);
        waitFor(() -> second.outcome(id).isPresent());
        assertThat(second.outcome(id)).contains("sent");
        assertThat(received).hasSize(before + 1);
        assertThat(received.get(before)).isEqualTo(signed);
        // Answered, it is forgotten: a third run, an event and a scan send nothing more.
        UftpOutbox third = new UftpOutbox(ledger, null, settings(Duration.ofMinutes(65)), dir);
        assertThat(third.resume()).isZero();
        third.onEvent(orderCreated("Aggregator1MSP"));
        waitFor(() -> third.outcome(id).isPresent());
        assertThat(third.outcome(id)).contains("recorded before");
        Thread.sleep(200);
        assertThat(received).hasSize(before + 1);
        try (var files = java.nio.file.Files.list(dir.resolve("pending"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aKeptMessageTheLedgerDoesNotHoldAsOursIsNotPosted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // The attack: a replayed outbound MessageID. A copy kept by a run that died before its record
        // committed, while another instance recorded the same MessageID with its own bytes.
        OutboxStore store = new OutboxStore(dir);
        UUID theirs = UftpOutbox.messageId("FlexOrder", "ord-1");
        UUID never = UftpOutbox.messageId("FlexOrder", "ord-2");
        ledger.log.put("edge.aggregator1.flexledger.test|" + theirs, "cd".repeat(32));
        store.keep(new OutboxStore.Pending(
                theirs,
                "FlexOrder",
                "edge.aggregator1.flexledger.test",
                "agr1.flexledger.test",
                "ab".repeat(32),
                java.time.Instant.now(),
                new byte[] {1}));
        store.keep(new OutboxStore.Pending(
                never,
                "FlexOrder",
                "edge.aggregator1.flexledger.test",
                "agr1.flexledger.test",
                "ab".repeat(32),
                java.time.Instant.now(),
                new byte[] {2}));
        UftpOutbox outbox = new UftpOutbox(ledger, null, settings(Duration.ofMinutes(65)), dir);
        assertThat(outbox.resume()).isZero();
        Thread.sleep(200);
        assertThat(received).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    List<String> orderReferences() {
        return received.stream()
                .map(b -> {
                    try {
                        SignedMessage m = UftpXml.standard().read(b, SignedMessage.class);
                        return UftpXml.standard()
                                .read(Cs1.open(m, EDGE_KEY.verifyKey()), FlexOrder.class)
                                .getOrderReference();
                    } catch (io.flexledger.uftp.UftpException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
