package io.flexledger.marketplaceapi.uftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.ErrorCode;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.LedgerEvent;
import io.flexledger.uftp.AcceptedDisputed;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.FlexOrderSettlement;
import io.flexledger.uftp.FlexOrderSettlementStatus;
import io.flexledger.uftp.FlexSettlement;
import io.flexledger.uftp.FlexSettlementResponse;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UsefRole;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DSO's outbox: a settled order of an aggregator with a UFTP participant becomes a signed FlexSettlement. */
class UftpOutboxSettlementTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Cs1KeyPair DSO_EDGE_KEY = Cs1.generate();
    static final String DSO_EDGE = "edge.dso.flexledger.test";
    static final String AGR1 = "agr1.flexledger.test";
    static final String AGR1_EDGE = "edge.agr1.flexledger.test";
    static final String OFFER_ID = "6f1c1e62-1a5b-4c8e-9d3e-000000000002";

    HttpServer participant;
    final List<byte[]> received = new CopyOnWriteArrayList<>();

    /** The DSO's view of the ledger: Aggregator1 has two AGR domains, of which agr1 sent the offer. */
    class Ledger extends UftpLedger {
        final Map<String, String> log = new ConcurrentHashMap<>();
        final List<JsonNode> registered = new CopyOnWriteArrayList<>();
        final List<JsonNode> settlements = new CopyOnWriteArrayList<>();

        Ledger() {
            super(null, null, null, null);
            log.put(AGR1 + "|" + OFFER_ID, "offer");
            registered.add(registration(AGR1_EDGE, "AGR", "Aggregator1MSP"));
            registered.add(registration(AGR1, "AGR", "Aggregator1MSP"));
            registered.add(registration(DSO_EDGE, "DSO", "DsoMSP"));
        }

        @Override
        public String mspId() {
            return "DsoMSP";
        }

        @Override
        public Optional<io.flexledger.contract.codec.UftpRecords.StoredParticipant> participant(String domain) {
            return registered.stream()
                    .filter(p -> p.path("domain").asText().equals(domain))
                    .findFirst()
                    .map(UftpMessages::stored);
        }

        @Override
        public List<io.flexledger.contract.codec.UftpRecords.StoredParticipant> participants() {
            return registered.stream().map(UftpMessages::stored).toList();
        }

        @Override
        public Optional<io.flexledger.contract.codec.UftpRecords.StoredMessage> message(
                String senderDomain, String messageId) {
            return Optional.ofNullable(log.get(senderDomain + "|" + messageId))
                    .map(sha ->
                            UftpMessages.storedMessage(JSON.createObjectNode().put("sha256", sha)));
        }

        @Override
        public void record(String envelope) {
            try {
                JsonNode e = JSON.readTree(envelope);
                byte[] signed = Base64.getDecoder().decode(e.path("signedBody").asText());
                byte[] xml = Cs1.open(
                        new SignedMessage(e.path("senderDomain").asText(), UsefRole.DSO, signed),
                        DSO_EDGE_KEY.verifyKey());
                String key = e.path("senderDomain").asText() + "|"
                        + e.path("messageId").asText();
                if (log.putIfAbsent(key, UftpResource.sha256Hex(xml)) != null) {
                    throw ChaincodeRejection.of(ErrorCode.UFTP_MESSAGE_REPLAYED, key + " was recorded");
                }
            } catch (IOException | io.flexledger.uftp.UftpException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public JsonNode order(String orderId) {
            return JSON.createObjectNode().put("id", orderId).put("congestionPointId", "F1");
        }

        @Override
        public JsonNode settlementDetails(String settlementId) {
            ObjectNode d = JSON.createObjectNode().put("id", settlementId);
            ArrayNode lines = d.putArray("lines");
            lines.addObject()
                    .put("slot", 68)
                    .put("orderedKwh", "0.5")
                    .put("baselineKwh", "1.25")
                    .put("meteredKwh", "0.75")
                    .put("deliveredKwh", "0.5")
                    .put("creditedKwh", "0.5")
                    .put("shortfallKwh", "0");
            lines.addObject()
                    .put("slot", 69)
                    .put("orderedKwh", "0.5")
                    .put("baselineKwh", "1.25")
                    .put("meteredKwh", "1.0")
                    .put("deliveredKwh", "0.25")
                    .put("creditedKwh", "0.25")
                    .put("shortfallKwh", "0.25");
            return d;
        }

        @Override
        public List<JsonNode> settlementsOf(LocalDate day) {
            return settlements.stream()
                    .filter(s -> s.path("day").asText().equals(day.toString()))
                    .toList();
        }
    }

    ObjectNode registration(String domain, String role, String msp) {
        return JSON.createObjectNode()
                .put("domain", domain)
                .put("role", role)
                .put("msp", msp)
                .put("endpoint", "http://127.0.0.1:" + participant.getAddress().getPort() + "/uftp/" + domain);
    }

    static ObjectNode settled(String orderId, String aggregator) {
        return JSON.createObjectNode()
                .put("id", "stl-" + orderId)
                .put("orderId", orderId)
                .put("offerId", OFFER_ID)
                .put("aggregatorMsp", aggregator)
                .put("dsoMsp", "DsoMSP")
                .put("assetId", "home-1")
                .put("day", "2026-11-27")
                .put("creditedKwh", "0.75")
                .put("shortfallKwh", "0.25")
                .put("paymentEur", "0.1575")
                .put("penaltyEur", "0.5")
                .put("netEur", "-0.3425")
                .put("state", "SETTLED");
    }

    final List<String> paths = new CopyOnWriteArrayList<>();
    Ledger ledger;

    @BeforeEach
    void listen() throws IOException {
        participant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        participant.createContext("/uftp", exchange -> {
            try (exchange) {
                paths.add(exchange.getRequestURI().getPath());
                received.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        participant.start();
        ledger = new Ledger();
    }

    @AfterEach
    void stop() {
        participant.stop(0);
    }

    UftpOutbox outbox() {
        return new UftpOutbox(
                ledger,
                null,
                Optional.of(new UftpOutbox.Settings(
                        DSO_EDGE,
                        DSO_EDGE_KEY.signingKey(),
                        null,
                        "ea1.2026-11.flexledger.local",
                        Duration.ofMillis(20),
                        Duration.ofMillis(80),
                        Duration.ofMinutes(65))));
    }

    FlexSettlement open(byte[] body) throws Exception {
        SignedMessage signed = UftpXml.standard().read(body, SignedMessage.class);
        assertThat(signed.getSenderRole()).isEqualTo(UsefRole.DSO);
        return UftpXml.standard().read(Cs1.open(signed, DSO_EDGE_KEY.verifyKey()), FlexSettlement.class);
    }

    static void validate(byte[] xml) throws Exception {
        // The specification's schemas, kept verbatim with the uftp module's tests.
        Path xsd = Path.of("../uftp/src/test/resources/xsd/UFTP-agr-dso.xsd");
        assertThat(xsd).exists();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(xsd.toFile())
                .newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @Test
    void aSettledOrderIsSentAsASignedFlexSettlementToTheParticipantThatOffered() throws Exception {
        UftpOutbox outbox = outbox();
        outbox.onEvent(new LedgerEvent("OrderSettled", "tx-9", 20, settled("ord-1", "Aggregator1MSP")));
        UUID id = UftpOutbox.messageId("FlexSettlement", "stl-ord-1");
        UftpOutboxTest.waitFor(() -> outbox.outcome(id).isPresent());
        assertThat(outbox.outcome(id)).contains("sent");
        assertThat(paths).containsExactly("/uftp/" + AGR1);
        FlexSettlement m = open(received.get(0));
        validate(UftpXml.standard().write(m));
        assertThat(m.getMessageId()).isEqualTo(id);
        assertThat(m.getSenderDomain()).isEqualTo(DSO_EDGE);
        assertThat(m.getRecipientDomain()).isEqualTo(AGR1);
        assertThat(m.getPeriodStart()).isEqualTo(LocalDate.of(2026, 11, 27));
        FlexOrderSettlement line = m.getFlexOrderSettlements().get(0);
        assertThat(line.getOrderReference()).isEqualTo("ord-1");
        assertThat(line.getCongestionPoint()).isEqualTo("ea1.2026-11.flexledger.local:F1");
        assertThat(line.getPrice()).isEqualByComparingTo("0.1575");
        assertThat(line.getPenalty()).isEqualByComparingTo("0.5");
        assertThat(line.getNetSettlement()).isEqualByComparingTo("-0.3425");
        assertThat(line.getIsps())
                .extracting(i -> i.getStart() + ":" + i.getBaselinePower() + "/" + i.getOrderedFlexPower() + "/"
                        + i.getActualPower() + "/" + i.getDeliveredFlexPower() + "/" + i.getPowerDeficiency())
                .containsExactly("69:5000/-2000/3000/-2000/0", "70:5000/-2000/4000/-1000/1000");
        // On the DSO's message log, as sent.
        byte[] inner = UftpXml.standard().write(m);
        assertThat(ledger.message(DSO_EDGE, id.toString()))
                .map(io.flexledger.contract.codec.UftpRecords.StoredMessage::sha256)
                .isPresent();
        assertThat(inner).isNotEmpty();
    }

    @Test
    void theParticipantsResponseDisputingALineIsADisputeOfThatSettlement() throws Exception {
        UftpOutbox outbox = outbox();
        outbox.onEvent(new LedgerEvent("OrderSettled", "tx-9", 20, settled("ord-1", "Aggregator1MSP")));
        UUID id = UftpOutbox.messageId("FlexSettlement", "stl-ord-1");
        UftpOutboxTest.waitFor(() -> outbox.outcome(id).isPresent());
        FlexSettlement m = open(received.get(0));
        FlexSettlementResponse r = new FlexSettlementResponse().setFlexSettlementMessageId(m.getMessageId());
        r.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(AGR1)
                .setRecipientDomain(DSO_EDGE)
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).withNano(0))
                .setMessageId(UUID.randomUUID())
                .setConversationId(m.getConversationId());
        r.accept();
        r.getFlexOrderSettlementStatuses()
                .add(new FlexOrderSettlementStatus()
                        .setOrderReference(m.getFlexOrderSettlements().get(0).getOrderReference())
                        .setDisposition(AcceptedDisputed.DISPUTED)
                        .setDisputeReason("our meter shows the second slot delivered in full"));
        validate(UftpXml.standard().write(r));
        UftpMapping.LedgerCall call = UftpMapping.map(r, UsefRole.AGR, "Aggregator1MSP", "2", "ab".repeat(32));
        assertThat(call.transaction()).isEqualTo(Disputes.OPEN_DISPUTE);
        assertThat(call.reference()).isEqualTo("stl-ord-1");
    }

    @Test
    void anAggregatorWithoutAParticipantGetsNothingUntilItRegistersOne() throws Exception {
        ledger.registered.removeIf(p -> p.path("msp").asText().equals("Aggregator1MSP"));
        ledger.settlements.add(settled("ord-2", "Aggregator1MSP"));
        UftpOutbox outbox = outbox();
        outbox.scan(LocalDate.of(2026, 11, 27));
        UUID id = UftpOutbox.messageId("FlexSettlement", "stl-ord-2");
        UftpOutboxTest.waitFor(() -> outbox.outcome(id).isPresent());
        assertThat(outbox.outcome(id)).contains("no recipient");
        assertThat(received).isEmpty();
        ledger.registered.add(registration(AGR1, "AGR", "Aggregator1MSP"));
        outbox.scan(LocalDate.of(2026, 11, 27));
        UftpOutboxTest.waitFor(() -> outbox.outcome(id).equals(Optional.of("sent")));
        assertThat(paths).containsExactly("/uftp/" + AGR1);
    }

    @Test
    void twoAgrDomainsAndNoneOfferedIsNoRecipientRatherThanAGuess() {
        ObjectNode s = settled("ord-3", "Aggregator1MSP").put("offerId", "offer-by-rest");
        assertThat(outbox().recipientOf(s)).isEmpty();
        ledger.registered.removeIf(p -> p.path("domain").asText().equals(AGR1_EDGE));
        assertThat(outbox().recipientOf(s)).contains(AGR1);
    }

    @Test
    void onlyTheDsoSendsSettlementsAndEachOnce() throws Exception {
        UftpOutbox outbox = outbox();
        // A settlement of another DSO is not this one's to announce.
        outbox.onEvent(new LedgerEvent(
                "OrderSettled", "tx-8", 19, settled("ord-0", "Aggregator1MSP").put("dsoMsp", "OtherDsoMSP")));
        // The same settlement from the event stream and from a scan, and a second instance (a restart).
        ledger.settlements.add(settled("ord-1", "Aggregator1MSP"));
        outbox.onEvent(new LedgerEvent("OrderSettled", "tx-9", 20, settled("ord-1", "Aggregator1MSP")));
        outbox.scan(LocalDate.of(2026, 11, 27));
        UUID id = UftpOutbox.messageId("FlexSettlement", "stl-ord-1");
        UftpOutboxTest.waitFor(() -> outbox.outcome(id).isPresent());
        UftpOutbox restarted = outbox();
        restarted.scan(LocalDate.of(2026, 11, 27));
        UftpOutboxTest.waitFor(() -> restarted.outcome(id).isPresent());
        assertThat(restarted.outcome(id)).contains("recorded before");
        Thread.sleep(200);
        List<String> references = new ArrayList<>();
        for (byte[] b : received) {
            references.add(open(b).getFlexOrderSettlements().get(0).getOrderReference());
        }
        assertThat(references).containsExactly("ord-1");
        assertThat(open(received.get(0)).getFlexOrderSettlements().get(0).getPrice())
                .isEqualByComparingTo(new BigDecimal("0.1575"));
    }
}
