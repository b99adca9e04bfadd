package io.flexledger.marketplaceapi.uftp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.FlexOfferResponse;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UsefRole;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /shapeshifter/api/v3/message} on Aggregator1's instance, whose ledger is a stand-in holding
 * three registered participants (the DSO's, Aggregator1's and Aggregator2's domains) and refusing a
 * MessageID a second time as the chaincode does.
 */
@QuarkusTest
class UftpResourceTest {
    static final String PATH = "/shapeshifter/api/v3/message";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Cs1KeyPair DSO_KEY = Cs1.generate();
    static final Cs1KeyPair AGR1_KEY = Cs1.generate();
    static final Cs1KeyPair AGR2_KEY = Cs1.generate();

    /** The ledger as the edge sees it; submissions are kept. */
    static final class StandInLedger extends UftpLedger {
        final Map<String, ObjectNode> participants = new HashMap<>();
        final List<String[]> submitted = new ArrayList<>();
        final Set<String> recorded = new HashSet<>();

        StandInLedger() {
            super(null, null, null, null);
            add(UftpMessages.DSO, "DSO", DSO_KEY, "DsoMSP");
            add(UftpMessages.AGR1, "AGR", AGR1_KEY, "Aggregator1MSP");
            add(UftpMessages.AGR2, "AGR", AGR2_KEY, "Aggregator2MSP");
        }

        void add(String domain, String role, Cs1KeyPair key, String msp) {
            ObjectNode n = JSON.createObjectNode()
                    .put("domain", domain)
                    .put("role", role)
                    .put("publicKey", key.publicKeyString())
                    .put("endpoint", "http://127.0.0.1:1/" + domain)
                    .put("msp", msp);
            participants.put(domain, n);
        }

        @Override
        public String mspId() {
            return "Aggregator1MSP";
        }

        @Override
        public Optional<io.flexledger.contract.codec.UftpRecords.StoredParticipant> participant(String domain) {
            return Optional.ofNullable(participants.get(domain)).map(UftpMessages::stored);
        }

        @Override
        public void submit(UftpMapping.LedgerCall call, String envelope) {
            String key = e(envelope);
            if (!recorded.add(key)) {
                throw new ChaincodeRejection(
                        "UFTP_MESSAGE_REPLAYED", "UFTP_MESSAGE_REPLAYED: message " + key + " was recorded");
            }
            submitted.add(new String[] {call.transaction().fullName(), UftpMessages.input(call), envelope});
        }

        /** The sender and MessageID of an envelope: {@code senderDomain|messageId}. */
        private static String e(String envelope) {
            JsonNode e;
            try {
                e = JSON.readTree(envelope);
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
            return e.path("senderDomain").asText() + "|" + e.path("messageId").asText();
        }

        /** The messages recorded without a ledger effect (uftp:RecordMessage): the edge's responses. */
        final List<String> records = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void record(String envelope) {
            records.add(envelope);
        }

        /** FlexOffers of several options (MessageID → offer ids) and offers (id → record). */
        final Map<String, List<String>> options = new HashMap<>();

        final Map<String, ObjectNode> offers = new HashMap<>();

        @Override
        public Optional<List<String>> offerOptions(String messageId) {
            return Optional.ofNullable(options.get(messageId));
        }

        @Override
        public Optional<JsonNode> offer(String offerId) {
            return Optional.ofNullable(offers.get(offerId));
        }

        /** Congestion points on the ledger and Aggregator1's homes at each. */
        final Map<String, List<String>> homesAt = new HashMap<>(Map.of("TX1", List.of("home-1"), "F2", List.of()));
        /** Baselines committed (assetId|day → commitment JSON) and revealed (→ reveal JSON). */
        final Map<String, String> committed = new HashMap<>();

        final Map<String, String> revealed = new HashMap<>();

        @Override
        public boolean congestionPointExists(String id) {
            return homesAt.containsKey(id);
        }

        @Override
        public List<String> ownHomesAt(String congestionPointId) {
            return homesAt.getOrDefault(congestionPointId, List.of());
        }

        @Override
        public void commitBaseline(io.flexledger.domain.market.BaselineCommitment commitment, String envelope) {
            String commitmentJson = io.flexledger.contract.codec.CanonicalJson.write(
                    io.flexledger.contract.codec.MarketRecords.commitmentInput(commitment));
            String key = e(envelope);
            if (!recorded.add(key)) {
                throw new ChaincodeRejection(
                        "UFTP_MESSAGE_REPLAYED", "UFTP_MESSAGE_REPLAYED: message " + key + " was recorded");
            }
            submitted.add(new String[] {"baselines:CommitBaseline", commitmentJson, envelope});
            committed.put(commitment.assetId() + "|" + commitment.period().day(), commitmentJson);
        }

        @Override
        public void revealBaseline(io.flexledger.contract.codec.MarketRecords.Reveal reveal) {
            String key = reveal.baseline().assetId() + "|"
                    + reveal.baseline().period().day();
            if (!committed.containsKey(key)) {
                throw new ChaincodeRejection("BASELINE_NOT_FOUND", "BASELINE_NOT_FOUND: no baseline of " + key);
            }
            revealed.put(
                    key,
                    io.flexledger.contract.codec.CanonicalJson.write(
                            io.flexledger.contract.codec.MarketRecords.revealInput(reveal)));
        }

        @Override
        public Optional<List<io.flexledger.domain.units.Kilowatts>> revealedBaseline(
                String assetId, java.time.LocalDate day) {
            String reveal = revealed.get(assetId + "|" + day);
            if (reveal == null) {
                return Optional.empty();
            }
            List<io.flexledger.domain.units.Kilowatts> values = new ArrayList<>();
            read(reveal)
                    .path("kwBySlot")
                    .forEach(v ->
                            values.add(new io.flexledger.domain.units.Kilowatts(new java.math.BigDecimal(v.asText()))));
            return Optional.of(values);
        }

        static JsonNode read(String json) {
            try {
                return JSON.readTree(json);
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }
    }

    StandInLedger ledger;

    @BeforeEach
    void standIn() {
        ledger = new StandInLedger();
        QuarkusMock.installMockForType(ledger, UftpLedger.class);
    }

    static byte[] signed(PayloadMessage m, UsefRole role, Cs1KeyPair key) {
        return signedRaw(UftpXml.standard().write(m), m.getSenderDomain(), role, key);
    }

    static byte[] signedRaw(byte[] inner, String senderDomain, UsefRole role, Cs1KeyPair key) {
        return UftpXml.standard().write(new SignedMessage(senderDomain, role, Cs1.sign(inner, key.signingKey())));
    }

    static ValidatableResponse post(byte[] body) {
        return given().contentType("text/xml").body(body).when().post(PATH).then();
    }

    @Test
    void anOfferSignedByTheAggregatorsOwnKeyGoesToTheLedgerWithTheMessage() throws Exception {
        byte[] inner = UftpXml.standard().write(UftpMessages.offer(2, "home-1", null));
        byte[] body = signedRaw(inner, UftpMessages.AGR1, UsefRole.AGR, AGR1_KEY);
        String xml = post(body)
                .statusCode(200)
                .contentType(containsString("xml"))
                .extract()
                .asString();
        FlexOfferResponse response =
                UftpXml.standard().read(xml.getBytes(StandardCharsets.UTF_8), FlexOfferResponse.class);
        assertThat(response.getResult().name()).isEqualTo("ACCEPTED");
        assertThat(response.getFlexOfferMessageId()).isEqualTo(UftpMessages.id(2));
        assertThat(response.getRecipientDomain()).isEqualTo(UftpMessages.AGR1);
        assertThat(response.getConversationId()).isEqualTo(UftpMessages.CONVERSATION);
        assertThat(ledger.submitted).hasSize(1);
        assertThat(ledger.submitted.get(0)[0]).isEqualTo("offers:CreateOffer");
        JsonNode envelope = JSON.readTree(ledger.submitted.get(0)[2]);
        assertThat(envelope.path("messageType").asText()).isEqualTo("FlexOffer");
        assertThat(envelope.path("messageId").asText())
                .isEqualTo(UftpMessages.id(2).toString());
        // The exact signed body travels to the chaincode, which verifies and hashes it again.
        SignedMessage sent = UftpXml.standard().read(body, SignedMessage.class);
        assertThat(java.util.Base64.getDecoder()
                        .decode(envelope.path("signedBody").asText()))
                .isEqualTo(sent.getBody());
    }

    @Test
    void aReplayedMessageIdIsRejectedInTheResponse() {
        byte[] body = signed(UftpMessages.offer(2, "home-1", null), UsefRole.AGR, AGR1_KEY);
        post(body).statusCode(200).body(containsString("Result=\"Accepted\""));
        post(body)
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("UFTP_MESSAGE_REPLAYED"));
        assertThat(ledger.submitted).hasSize(1);
    }

    @Test
    void aSignatureByAnotherKeyIsUnauthorised() {
        // Aggregator2 signs a message in Aggregator1's name.
        post(signed(UftpMessages.offer(2, "home-1", null), UsefRole.AGR, AGR2_KEY))
                .statusCode(401)
                .body(containsString("signature"));
        // One byte of a well-signed body changed.
        byte[] inner = UftpXml.standard().write(UftpMessages.offer(2, "home-1", null));
        byte[] sealed = Cs1.sign(inner, AGR1_KEY.signingKey());
        sealed[sealed.length - 10] ^= 1;
        post(UftpXml.standard().write(new SignedMessage(UftpMessages.AGR1, UsefRole.AGR, sealed)))
                .statusCode(401);
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    void anUnknownSenderOrAWrongRoleIsUnauthorised() {
        ledger.participants.remove(UftpMessages.AGR1);
        post(signed(UftpMessages.offer(2, "home-1", null), UsefRole.AGR, AGR1_KEY))
                .statusCode(401)
                .body(containsString("not a registered UFTP participant"));
        ledger.add(UftpMessages.AGR1, "AGR", AGR1_KEY, "Aggregator1MSP");
        post(signed(UftpMessages.offer(2, "home-1", null), UsefRole.DSO, AGR1_KEY))
                .statusCode(401)
                .body(containsString("registered as AGR"));
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    void anInnerSenderOtherThanTheSignerIsUnauthorised() {
        // Aggregator1 signs a message whose inner SenderDomain is Aggregator2's.
        PayloadMessage offer = UftpMessages.offer(2, "home-1", null).setSenderDomain(UftpMessages.AGR2);
        post(signedRaw(UftpXml.standard().write(offer), UftpMessages.AGR1, UsefRole.AGR, AGR1_KEY))
                .statusCode(401)
                .body(containsString("sent as " + UftpMessages.AGR2));
    }

    @Test
    void anotherOrganisationsDomainDoesNotSpeakThroughThisEdge() {
        // A message correctly signed by Aggregator2 (or the DSO) posted to Aggregator1's edge.
        PayloadMessage offer = UftpMessages.offer(2, "home-2", null).setSenderDomain(UftpMessages.AGR2);
        post(signed(offer, UsefRole.AGR, AGR2_KEY)).statusCode(403).body(containsString("Aggregator2MSP"));
        post(signed(UftpMessages.order(5, 2), UsefRole.DSO, DSO_KEY)).statusCode(403);
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    void aWrongRecipientIsRejected() {
        PayloadMessage toNobody = UftpMessages.offer(2, "home-1", null).setRecipientDomain("nobody.flexledger.test");
        post(signed(toNobody, UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("not another registered UFTP participant"));
        PayloadMessage toSelf = UftpMessages.offer(3, "home-1", null).setRecipientDomain(UftpMessages.AGR1);
        post(signed(toSelf, UsefRole.AGR, AGR1_KEY)).statusCode(200).body(containsString("Result=\"Rejected\""));
        assertThat(ledger.submitted).isEmpty();
    }

    @Test
    void malformedXmlAndEntityExpansionAreBadRequestsNeverA5xx() {
        post("<SignedMessage".getBytes(StandardCharsets.UTF_8)).statusCode(400);
        post(new byte[0]).statusCode(lessThan(500));
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
                + "<SignedMessage SenderDomain=\"&lol4;\" SenderRole=\"AGR\" Body=\"AAAA\"/>";
        post(laughs.getBytes(StandardCharsets.UTF_8)).statusCode(400);
        // An unsigned FlexOffer, not wrapped in a SignedMessage.
        post(UftpXml.standard().write(UftpMessages.offer(2, "home-1", null))).statusCode(400);
        // A well-signed body that is not a UFTP message.
        post(signedRaw("<Nope/>".getBytes(StandardCharsets.UTF_8), UftpMessages.AGR1, UsefRole.AGR, AGR1_KEY))
                .statusCode(400);
        assertThat(ledger.submitted).isEmpty();
    }

    /** A day whose gate is still open: the day after tomorrow. */
    static final java.time.LocalDate OPEN_DAY =
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2);

    static int ispsOf(java.time.LocalDate day) {
        return io.flexledger.domain.time.MarketRules.DEFAULT.period(day).slotCount();
    }

    @Test
    void aDPrognosisIsCommittedAndRevealedAsTheOneHomesBaseline() throws Exception {
        byte[] body = signed(UftpMessages.prognosis(8, OPEN_DAY, ispsOf(OPEN_DAY)), UsefRole.AGR, AGR1_KEY);
        String xml = post(body).statusCode(200).extract().asString();
        io.flexledger.uftp.DPrognosisResponse response = UftpXml.standard()
                .read(xml.getBytes(StandardCharsets.UTF_8), io.flexledger.uftp.DPrognosisResponse.class);
        assertThat(response.getResult().name()).isEqualTo("ACCEPTED");
        assertThat(response.getDPrognosisMessageId()).isEqualTo(UftpMessages.id(8));
        // The commitment travels with the message; the reveal follows with the same values and salt.
        assertThat(ledger.submitted).hasSize(1);
        assertThat(ledger.submitted.get(0)[0]).isEqualTo("baselines:CommitBaseline");
        assertThat(JSON.readTree(ledger.submitted.get(0)[2]).path("messageType").asText())
                .isEqualTo("D-Prognosis");
        String key = "home-1|" + OPEN_DAY;
        JsonNode commitment = JSON.readTree(ledger.committed.get(key));
        JsonNode reveal = JSON.readTree(ledger.revealed.get(key));
        assertThat(reveal.path("kwBySlot")).hasSize(ispsOf(OPEN_DAY));
        // kW travel as decimal strings, as the codec writes them.
        assertThat(reveal.path("kwBySlot").get(0).asText()).isEqualTo("1.201");
        java.util.List<io.flexledger.domain.units.Kilowatts> values = new ArrayList<>();
        reveal.path("kwBySlot")
                .forEach(v ->
                        values.add(new io.flexledger.domain.units.Kilowatts(new java.math.BigDecimal(v.asText()))));
        assertThat(new io.flexledger.domain.market.Baseline(
                                "home-1", io.flexledger.domain.time.MarketRules.DEFAULT.period(OPEN_DAY), values)
                        .commitmentHash(reveal.path("salt").asText()))
                .isEqualTo(commitment.path("hashHex").asText());
    }

    /** Reveals {@code home}'s baseline for OPEN_DAY in the stand-in: {@code watts(slot)} W per slot. */
    void revealed(String home, java.util.function.IntUnaryOperator watts) {
        StringBuilder values = new StringBuilder();
        for (int slot = 0; slot < ispsOf(OPEN_DAY); slot++) {
            // As the chaincode writes them: kW as decimal strings.
            values.append(slot == 0 ? "\"" : ",\"")
                    .append(java.math.BigDecimal.valueOf(watts.applyAsInt(slot))
                            .movePointLeft(3)
                            .toPlainString())
                    .append('"');
        }
        ledger.revealed.put(
                home + "|" + OPEN_DAY,
                "{\"assetId\":\"" + home + "\",\"day\":\"" + OPEN_DAY + "\",\"kwBySlot\":[" + values + "]}");
    }

    @Test
    void aDPrognosisOfSeveralHomesIsAcceptedAsTheSumOfTheirRevealedBaselinesOnce() throws Exception {
        ledger.homesAt.put("TX1", List.of("home-1", "home-2"));
        // The prognosis gives 1200 + n W in ISP n: home-1 1000 W, home-2 the rest, but one watt short in ISP 5.
        revealed("home-1", slot -> 1000);
        revealed("home-2", slot -> slot == 4 ? 204 : 201 + slot);
        post(signed(UftpMessages.prognosis(8, OPEN_DAY, ispsOf(OPEN_DAY)), UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("ISP 5: the D-Prognosis gives 1205 W"));
        assertThat(ledger.submitted).isEmpty();
        revealed("home-2", slot -> 201 + slot);
        post(signed(UftpMessages.prognosis(9, OPEN_DAY, ispsOf(OPEN_DAY)), UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Accepted\""));
        // Recorded with its message, for its congestion point and day; no home's baseline is touched.
        assertThat(ledger.submitted).hasSize(1);
        assertThat(ledger.submitted.get(0)[0]).isEqualTo("baselines:RecordPrognosis");
        assertThat(JSON.readTree(ledger.submitted.get(0)[1])
                        .path("congestionPointId")
                        .asText())
                .isEqualTo("TX1");
        assertThat(JSON.readTree(ledger.submitted.get(0)[1]).path("day").asText())
                .isEqualTo(OPEN_DAY.toString());
        assertThat(JSON.readTree(ledger.submitted.get(0)[2]).path("messageId").asText())
                .isEqualTo(UftpMessages.id(9).toString());
        assertThat(ledger.committed).isEmpty();
        // A replay is refused by the ledger's log, and the answer carries the reason.
        post(signed(UftpMessages.prognosis(9, OPEN_DAY, ispsOf(OPEN_DAY)), UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("UFTP_MESSAGE_REPLAYED"));
        assertThat(ledger.submitted).hasSize(1);
    }

    @Test
    void aReplayedDPrognosisIsRejectedAndCommitsNothingMore() {
        byte[] body = signed(UftpMessages.prognosis(8, OPEN_DAY, ispsOf(OPEN_DAY)), UsefRole.AGR, AGR1_KEY);
        post(body).statusCode(200).body(containsString("Result=\"Accepted\""));
        String first = ledger.committed.get("home-1|" + OPEN_DAY);
        post(body)
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("UFTP_MESSAGE_REPLAYED"));
        assertThat(ledger.submitted).hasSize(1);
        assertThat(ledger.committed.get("home-1|" + OPEN_DAY)).isEqualTo(first);
    }

    @Test
    void aDPrognosisTheLedgerCannotTakeAsABaselineIsRejectedWithTheReason() {
        // One ISP short of the day.
        post(signed(UftpMessages.prognosis(8, OPEN_DAY, ispsOf(OPEN_DAY) - 1), UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("all " + ispsOf(OPEN_DAY) + " ISPs"));
        // A congestion point the registry does not hold.
        io.flexledger.uftp.DPrognosis unknown = UftpMessages.prognosis(9, OPEN_DAY, ispsOf(OPEN_DAY));
        unknown.setCongestionPoint("ea1.2026-11.flexledger.local:NOWHERE");
        post(signed(unknown, UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("congestion point NOWHERE is not registered"));
        // A congestion point without a home of Aggregator1's, and one with two: neither is one home's baseline.
        io.flexledger.uftp.DPrognosis none = UftpMessages.prognosis(10, OPEN_DAY, ispsOf(OPEN_DAY));
        none.setCongestionPoint("ea1.2026-11.flexledger.local:F2");
        post(signed(none, UsefRole.AGR, AGR1_KEY)).statusCode(200).body(containsString("has no home at"));
        // Two homes without revealed baselines: the prognosis is not yet theirs.
        ledger.homesAt.put("TX1", List.of("home-1", "home-2"));
        post(signed(UftpMessages.prognosis(11, OPEN_DAY, ispsOf(OPEN_DAY)), UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("home home-1 at congestion point TX1 has no revealed baseline"));
        // After the day's gate closed (a past day).
        java.time.LocalDate past =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        ledger.homesAt.put("TX1", List.of("home-1"));
        post(signed(UftpMessages.prognosis(12, past, ispsOf(past)), UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("gate closure for " + past));
        assertThat(ledger.submitted).isEmpty();
        assertThat(ledger.committed).isEmpty();
    }

    @Test
    void aFlexOfferOfTwoOptionsGoesOnTheLedgerInOneTransactionAndIsRevokedWhole() throws Exception {
        io.flexledger.uftp.FlexOffer two = UftpMappingTest.twoOptions();
        post(signed(two, UsefRole.AGR, AGR1_KEY)).statusCode(200).body(containsString("Result=\"Accepted\""));
        assertThat(ledger.submitted).hasSize(1);
        assertThat(ledger.submitted.get(0)[0]).isEqualTo("uftp:CreateOffers");
        ledger.options.put(UftpMessages.id(2).toString(), List.of(UftpMappingTest.A, UftpMappingTest.B));
        post(signed(UftpMessages.revocation(3, 2), UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Accepted\""));
        assertThat(ledger.submitted.get(1)[0]).isEqualTo("uftp:RevokeOffers");
        assertThat(JSON.readTree(ledger.submitted.get(1)[1])
                        .path("flexOfferMessageId")
                        .asText())
                .isEqualTo(UftpMessages.id(2).toString());
    }

    @Test
    void whatTheLedgerCannotHoldIsRejectedWithTheReason() {
        PayloadMessage order =
                UftpMessages.order(5, 2).setSenderDomain(UftpMessages.AGR1).setRecipientDomain(UftpMessages.DSO);
        post(signed(order, UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("FlexOrder is sent by a DSO"));
        assertThat(ledger.submitted).isEmpty();
    }
}
