package io.flexledger.marketplaceapi.uftp;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.flexledger.marketplaceapi.ledger.InMemoryUftp;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.PayloadMessageResponse;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UftpXmlException;
import io.flexledger.uftp.UsefRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The ledger in memory as the UFTP edge's success-path tests set it up: the grid (TX1, F1), the three
 * participants (the DSO's, Aggregator1's and Aggregator2's domains, each registered by its own
 * organisation with its own key), and messages signed by those keys.
 */
final class UftpInMemory {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/shapeshifter/api/v3/message";
    static final Cs1KeyPair DSO_KEY = Cs1.generate();
    static final Cs1KeyPair AGR1_KEY = Cs1.generate();
    static final Cs1KeyPair AGR2_KEY = Cs1.generate();

    private UftpInMemory() {}

    /** Forgets every record, then registers the grid and the participants. */
    static void seed(
            InMemoryLedger ledger, InMemoryRegistry registry, InMemorySettlements settlements, InMemoryUftp uftp) {
        ledger.clear();
        registry.clear();
        settlements.clear();
        uftp.clear();
        registry.as("DsoMSP").registerCongestionPoint("cp-tx1", InMemoryRegistry.transformer("TX1", "500"));
        registry.as("DsoMSP").registerCongestionPoint("cp-f1", InMemoryRegistry.feeder("F1", "TX1", "200"));
        uftp.as("DsoMSP").registerParticipant(participant(UftpMessages.DSO, "DSO", DSO_KEY));
        uftp.as("Aggregator1MSP").registerParticipant(participant(UftpMessages.AGR1, "AGR", AGR1_KEY));
        uftp.as("Aggregator2MSP").registerParticipant(participant(UftpMessages.AGR2, "AGR", AGR2_KEY));
    }

    static UftpRecords.Participant participant(String domain, String role, Cs1KeyPair key) {
        return new UftpRecords.Participant(domain, role, key.publicKeyString(), "http://127.0.0.1:1/" + domain);
    }

    /** Home {@code id} of {@code aggregator} at congestion point {@code cp}. */
    static void home(InMemoryRegistry registry, String aggregator, String id, String cp) {
        registry.seedAsset(aggregator, id, cp);
    }

    /** A FlexOffer of Aggregator1 with one option per home, the first home's option as {@link UftpMessages#offer}. */
    static FlexOffer offer(int id, String... homes) {
        FlexOffer o = UftpMessages.offer(id, homes[0], null);
        for (int i = 1; i < homes.length; i++) {
            FlexOfferOption option = new FlexOfferOption()
                    .setOptionReference(homes[i])
                    .setPrice(new BigDecimal("0.70"))
                    .setMinActivationFactor(BigDecimal.ONE);
            option.getIsps()
                    .add(new FlexOfferOptionIsp().setPower(-1_500L).setStart(69).setDuration(3));
            o.getOfferOptions().add(option);
        }
        return o;
    }

    /** The signature (CS1) of {@code m}'s XML by {@code key}: the SignedMessage's Body. */
    static byte[] signedBody(PayloadMessage m, Cs1KeyPair key) {
        return Cs1.sign(UftpXml.standard().write(m), key.signingKey());
    }

    /** {@code m} as a SignedMessage of its sender in {@code role}, signed by {@code key}. */
    static byte[] signed(PayloadMessage m, UsefRole role, Cs1KeyPair key) {
        return UftpXml.standard().write(new SignedMessage(m.getSenderDomain(), role, signedBody(m, key)));
    }

    /** Posts a SignedMessage to the edge; answers its (unsigned) *Response of {@code type}. */
    static <R extends PayloadMessageResponse> R post(byte[] signedMessage, Class<R> type) {
        String xml = given().contentType("text/xml")
                .body(signedMessage)
                .when()
                .post(PATH)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return UftpXml.standard().read(xml.getBytes(StandardCharsets.UTF_8), type);
        } catch (UftpXmlException e) {
            throw new IllegalStateException("the edge answered no " + type.getSimpleName() + ": " + xml, e);
        }
    }

    /** An offer the market's port answers, as the chaincode wrote it. */
    static JsonNode json(MarketRecords.StoredOffer offer) {
        return json(CanonicalJson.bytes(MarketRecords.offer(offer)));
    }

    /** A request the market's port answers, as the chaincode wrote it. */
    static JsonNode json(MarketRecords.StoredRequest request) {
        return json(CanonicalJson.bytes(MarketRecords.request(request)));
    }

    /** An order the market's port answers, as the chaincode wrote it. */
    static JsonNode json(MarketRecords.StoredOrder order) {
        return json(CanonicalJson.bytes(MarketRecords.order(order)));
    }

    /** A recorded message as the chaincode writes it (the codec's writer), as a tree. */
    static JsonNode json(UftpRecords.StoredMessage message) {
        return json(io.flexledger.contract.codec.CanonicalJson.bytes(UftpRecords.message(message)));
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
