package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.COMMUNITY;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.offerJson;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.UftpMessages;
import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UftpContractTest {
    static final String DSO_DOMAIN = "dso.flexledger.test";
    static final String AGR1_DOMAIN = "agr1.flexledger.test";
    static final String AGR2_DOMAIN = "agr2.flexledger.test";
    static final String MSG1 = "6f1c1e62-1a5b-4c8e-9d3e-0a1b2c3d4e01";
    static final String MSG2 = "6f1c1e62-1a5b-4c8e-9d3e-0a1b2c3d4e02";
    static final String CONV = "0b7e2a10-3c4d-4e5f-8a9b-0c1d2e3f4a50";

    /** A CS1 signing key from a fixed 32-byte seed, as the JDK holds it, and its public key in CS1 form. */
    record Cs1Key(PrivateKey privateKey, String publicKey) {
        static Cs1Key fromSeed(int fill) {
            byte[] seed = new byte[32];
            Arrays.fill(seed, (byte) fill);
            try {
                byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420");
                byte[] pkcs8 = Arrays.copyOf(der, der.length + 32);
                System.arraycopy(seed, 0, pkcs8, der.length, 32);
                PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                // The public key: sign nothing, derive through a key-pair generator seeded with this seed.
                java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
                g.initialize(255, new FixedRandom(seed));
                byte[] x509 = g.generateKeyPair().getPublic().getEncoded();
                byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
                return new Cs1Key(key, "cs1." + Base64.getEncoder().encodeToString(raw));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] sign(byte[] xml) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(privateKey);
                s.update(xml);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A random source that hands out the seed, so the JDK's generator derives the seed's key pair. */
    static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }

    static final Cs1Key DSO_KEY = Cs1Key.fromSeed(1);
    static final Cs1Key AGR1_KEY = Cs1Key.fromSeed(2);
    static final Cs1Key AGR2_KEY = Cs1Key.fromSeed(3);

    MarketFixture m;
    final UftpContract uftp = new UftpContract();

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
        register(DSO, DSO_DOMAIN, "DSO", DSO_KEY.publicKey(), "http://127.0.0.1:9001/shapeshifter/api/v3/message");
        register(AGG1, AGR1_DOMAIN, "AGR", AGR1_KEY.publicKey(), "http://127.0.0.1:9002/shapeshifter/api/v3/message");
        register(AGG2, AGR2_DOMAIN, "AGR", AGR2_KEY.publicKey(), "http://127.0.0.1:9003/shapeshifter/api/v3/message");
    }

    static String participant(String domain, String role, String key, String endpoint) {
        return "{\"domain\":\"" + domain + "\",\"role\":\"" + role + "\",\"publicKey\":\"" + key + "\",\"endpoint\":\""
                + endpoint + "\"}";
    }

    String register(String msp, String domain, String role, String key, String endpoint) {
        String json = participant(domain, role, key, endpoint);
        return m.ledger.as(msp, () -> uftp.registerParticipant(m.ledger.ctx, json));
    }

    ChaincodeException refusedRegistration(String msp, String json) {
        Map<String, String> before = m.ledger.snapshot();
        ChaincodeException e = m.ledger.refused(msp, () -> uftp.registerParticipant(m.ledger.ctx, json));
        assertThat(m.ledger.snapshot()).isEqualTo(before);
        return e;
    }

    static String xml(String type, String messageId, String sender, String recipient) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + type + " Version=\"3.1.0\" SenderDomain=\"" + sender
                + "\" RecipientDomain=\"" + recipient + "\" TimeStamp=\"2026-11-26T12:00:00Z\" MessageID=\""
                + messageId + "\" ConversationID=\"" + CONV + "\"/>";
    }

    /** The transient envelope of a message whose XML was signed with {@code key}. */
    static Map<String, byte[]> envelope(
            String type, String messageId, String sender, String recipient, byte[] xml, Cs1Key key) {
        byte[] sig = key.sign(xml);
        byte[] body = new byte[sig.length + xml.length];
        System.arraycopy(sig, 0, body, 0, sig.length);
        System.arraycopy(xml, 0, body, sig.length, xml.length);
        String json = "{\"messageId\":\"" + messageId + "\",\"conversationId\":\"" + CONV + "\",\"senderDomain\":\""
                + sender + "\",\"recipientDomain\":\"" + recipient + "\",\"messageType\":\"" + type
                + "\",\"signedBody\":\"" + Base64.getEncoder().encodeToString(body) + "\"}";
        return Map.of(UftpMessages.TRANSIENT_FIELD, json.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, byte[]> envelope(String type, String messageId, String sender, String recipient, Cs1Key key) {
        return envelope(
                type,
                messageId,
                sender,
                recipient,
                xml(type, messageId, sender, recipient).getBytes(StandardCharsets.UTF_8),
                key);
    }

    String offerWith(String msp, Map<String, byte[]> envelope, String json) {
        return m.ledger.invoke(
                msp, m.offers, "offers:CreateOffer", envelope, () -> m.offers.createOffer(m.ledger.ctx, json), json);
    }

    ChaincodeException refusedInvoke(
            String msp,
            ContractInterface contract,
            String function,
            Map<String, byte[]> envelope,
            Supplier<String> tx) {
        Map<String, String> before = m.ledger.snapshot();
        try {
            m.ledger.invoke(msp, contract, function, envelope, tx);
        } catch (ChaincodeException e) {
            assertThat(m.ledger.snapshot()).isEqualTo(before);
            return e;
        }
        throw new AssertionError("the transaction was not refused");
    }

    ChaincodeException refusedOffer(String msp, Map<String, byte[]> envelope, String json) {
        return refusedInvoke(
                msp, m.offers, "offers:CreateOffer", envelope, () -> m.offers.createOffer(m.ledger.ctx, json));
    }

    JsonInput recorded(String sender, String messageId) {
        return JsonInput.parse(m.ledger.as(DSO, () -> uftp.readMessage(m.ledger.ctx, sender, messageId)));
    }

    @Nested
    class RegisterParticipant {
        @Test
        void eachOrganisationRegistersItsOwnDomainKeyAndEndpoint() {
            JsonInput dso = JsonInput.parse(m.ledger.as(AGG2, () -> uftp.readParticipant(m.ledger.ctx, DSO_DOMAIN)));
            assertThat(dso.string("msp")).isEqualTo(DSO);
            assertThat(dso.string("role")).isEqualTo("DSO");
            assertThat(dso.string("publicKey")).isEqualTo(DSO_KEY.publicKey());
            assertThat(dso.string("endpoint")).isEqualTo("http://127.0.0.1:9001/shapeshifter/api/v3/message");
            assertThat(dso.integer("version")).isEqualTo(1);
            assertThat(m.ledger.lastEvent().name()).isEqualTo("UftpParticipantRegistered");
        }

        @Test
        void anAggregatorCannotRegisterAKeyForTheDsosDomain() {
            // The attack: Aggregator1 puts its own key under the DSO's domain, then signs "DSO" orders.
            ChaincodeException e = refusedRegistration(
                    AGG1, participant(DSO_DOMAIN, "AGR", AGR1_KEY.publicKey(), "http://127.0.0.1:1/x"));
            assertCode(e, ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED);
            assertThat(e.getMessage()).contains("registered by DsoMSP");
            // ... nor as a DSO participant of its own.
            assertCode(
                    refusedRegistration(
                            AGG1,
                            participant("dso2.flexledger.test", "DSO", AGR1_KEY.publicKey(), "http://127.0.0.1:1/x")),
                    ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED);
            assertThat(m.ledger.get(Keys.UFTP_PARTICIPANT, DSO_DOMAIN)).contains(DSO_KEY.publicKey());
        }

        @Test
        void anotherAggregatorsDomainIsNotTakenOverAndTheCommunityHasNone() {
            assertCode(
                    refusedRegistration(
                            AGG2, participant(AGR1_DOMAIN, "AGR", AGR2_KEY.publicKey(), "http://127.0.0.1:1/x")),
                    ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED);
            assertCode(
                    refusedRegistration(
                            DSO, participant(AGR1_DOMAIN, "DSO", DSO_KEY.publicKey(), "http://127.0.0.1:1/x")),
                    ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED);
            assertCode(
                    refusedRegistration(
                            COMMUNITY,
                            participant("c.flexledger.test", "AGR", AGR2_KEY.publicKey(), "http://127.0.0.1:1/x")),
                    ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED);
        }

        @Test
        void theOwnerReplacesItsKeyAndTheVersionRises() {
            register(AGG1, AGR1_DOMAIN, "AGR", AGR2_KEY.publicKey(), "https://agr1.flexledger.test/uftp");
            JsonInput p = JsonInput.parse(m.ledger.as(DSO, () -> uftp.readParticipant(m.ledger.ctx, AGR1_DOMAIN)));
            assertThat(p.integer("version")).isEqualTo(2);
            assertThat(p.string("publicKey")).isEqualTo(AGR2_KEY.publicKey());
            assertThat(m.ledger.as(DSO, () -> uftp.participantHistory(m.ledger.ctx, AGR1_DOMAIN)))
                    .contains(AGR1_KEY.publicKey(), AGR2_KEY.publicKey());
        }

        @Test
        void badFieldsAreNamed() {
            assertThat(refusedRegistration(
                                    AGG1,
                                    participant("Not A Domain", "AGR", AGR1_KEY.publicKey(), "http://127.0.0.1:1/x"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.domain");
            assertThat(refusedRegistration(AGG1, participant(AGR1_DOMAIN, "AGR", "cs1.AAAA", "http://127.0.0.1:1/x"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.publicKey");
            assertThat(refusedRegistration(
                                    AGG1, participant(AGR1_DOMAIN, "AGR", AGR1_KEY.publicKey(), "file:///etc/passwd"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.endpoint");
            assertThat(refusedRegistration(AGG1, participant(AGR1_DOMAIN, "CRO", AGR1_KEY.publicKey(), "http://h/x"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.role");
            assertThat(refusedRegistration(AGG1, "{\"domain\":\"" + AGR1_DOMAIN + "\",\"extra\":1}")
                            .getMessage())
                    .startsWith("INVALID_FIELD: ");
        }
    }

    @Nested
    class ReadParticipant {
        @Test
        void anUnknownDomainIsNotFound() {
            assertCode(
                    m.ledger.refused(DSO, () -> uftp.readParticipant(m.ledger.ctx, "nobody.flexledger.test")),
                    ErrorCode.UFTP_PARTICIPANT_NOT_FOUND);
        }
    }

    @Nested
    class ListParticipants {
        @Test
        void everyoneListsEveryParticipant() {
            String page = m.ledger.as(COMMUNITY, () -> uftp.listParticipants(m.ledger.ctx, 10, ""));
            assertThat(page).contains(DSO_DOMAIN, AGR1_DOMAIN, AGR2_DOMAIN);
        }
    }

    @Nested
    class MessagesWithTheirTransaction {
        @Test
        void anOfferRecordsItsFlexOfferInTheSameTransaction() {
            byte[] xml = xml("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN).getBytes(StandardCharsets.UTF_8);
            offerWith(AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, xml, AGR1_KEY), offerJson("o-1"));
            JsonInput r = recorded(AGR1_DOMAIN, MSG1);
            assertThat(r.string("sha256")).isEqualTo(UftpMessages.sha256Hex(xml));
            assertThat(Base64.getDecoder().decode(r.string("signature"))).isEqualTo(AGR1_KEY.sign(xml));
            assertThat(r.string("messageType")).isEqualTo("FlexOffer");
            assertThat(r.string("recipientDomain")).isEqualTo(DSO_DOMAIN);
            assertThat(r.string("senderMsp")).isEqualTo(AGG1);
            assertThat(r.string("transaction")).isEqualTo("offers:CreateOffer");
            String offerTx = JsonInput.parse(m.ledger.get(Keys.OFFER, "o-1")).string("txId");
            assertThat(r.string("txId")).isEqualTo(offerTx);
            assertThat(m.ledger.lastEvent().name()).isEqualTo("OfferCreated");
        }

        @Test
        void aReplayedMessageIdIsRefusedAndTheOfferIsNotMade() {
            // The attack: the aggregator sends the same FlexOffer MessageID again, with another offer.
            offerWith(AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-1"));
            ChaincodeException e = refusedOffer(
                    AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-2"));
            assertCode(e, ErrorCode.UFTP_MESSAGE_REPLAYED);
            assertThat(m.ledger.get(Keys.OFFER, "o-2")).isNull();
            // Another MessageID goes through; the same MessageID from another sender is another message.
            offerWith(AGG1, envelope("FlexOffer", MSG2, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-2"));
            assertThat(recorded(AGR1_DOMAIN, MSG2).string("messageType")).isEqualTo("FlexOffer");
        }

        @Test
        void aRefusedOfferRecordsNoMessage() {
            offerWith(AGG1, Map.of(), offerJson("o-1"));
            // The offer id exists: the transaction fails, and the message is not recorded either.
            refusedOffer(AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-1"));
            assertThat(m.ledger.get(Keys.UFTP_MESSAGE, AGR1_DOMAIN, MSG1)).isNull();
            // The same message is then accepted with a good offer: a refusal does not burn the MessageID.
            offerWith(AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-2"));
            assertThat(recorded(AGR1_DOMAIN, MSG1).string("messageType")).isEqualTo("FlexOffer");
        }

        @Test
        void aSignatureOfAnotherKeyOrOfOtherBytesIsRefused() {
            // Signed with Aggregator2's key, claimed as Aggregator1's domain.
            assertCode(
                    refusedOffer(
                            AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR2_KEY), offerJson("o-1")),
                    ErrorCode.UFTP_SIGNATURE_INVALID);
            // Signed over the text, then one byte changed.
            byte[] xml = xml("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN).getBytes(StandardCharsets.UTF_8);
            Map<String, byte[]> good = envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, xml, AGR1_KEY);
            String json = new String(good.get(UftpMessages.TRANSIENT_FIELD), StandardCharsets.UTF_8);
            JsonInput in = JsonInput.parse(json);
            byte[] body = Base64.getDecoder().decode(in.string("signedBody"));
            body[body.length - 3] ^= 1;
            String tampered =
                    json.replace(in.string("signedBody"), Base64.getEncoder().encodeToString(body));
            assertCode(
                    refusedOffer(
                            AGG1,
                            Map.of(UftpMessages.TRANSIENT_FIELD, tampered.getBytes(StandardCharsets.UTF_8)),
                            offerJson("o-1")),
                    ErrorCode.UFTP_SIGNATURE_INVALID);
        }

        @Test
        void theSignedXmlMustNameTheRecordedMetadata() {
            // A well-signed message recorded under another MessageID than it carries.
            byte[] xml = xml("FlexOffer", MSG2, AGR1_DOMAIN, DSO_DOMAIN).getBytes(StandardCharsets.UTF_8);
            assertCode(
                    refusedOffer(
                            AGG1,
                            envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, xml, AGR1_KEY),
                            offerJson("o-1")),
                    ErrorCode.UFTP_SIGNATURE_INVALID);
            // ... or as another type than its root element.
            byte[] order = xml("FlexOrder", MSG1, AGR1_DOMAIN, DSO_DOMAIN).getBytes(StandardCharsets.UTF_8);
            assertCode(
                    refusedOffer(
                            AGG1,
                            envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, order, AGR1_KEY),
                            offerJson("o-1")),
                    ErrorCode.UFTP_SIGNATURE_INVALID);
        }

        @Test
        void theDsoCannotForgeAnAggregatorsOfferThroughItsOwnEdge() {
            // The attack: the DSO holds a FlexOffer Aggregator1 signed and submits it (or any) as its own.
            ChaincodeException e =
                    refusedOffer(DSO, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-1"));
            assertCode(e, ErrorCode.UFTP_SENDER_NOT_CALLER);
            // Aggregator2 relaying Aggregator1's signed message is refused the same way.
            assertCode(
                    refusedOffer(
                            AGG2, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-1")),
                    ErrorCode.UFTP_SENDER_NOT_CALLER);
        }

        @Test
        void unknownSendersAndWrongRecipientsAreRefused() {
            assertCode(
                    refusedOffer(
                            AGG1,
                            envelope("FlexOffer", MSG1, "ghost.flexledger.test", DSO_DOMAIN, AGR1_KEY),
                            offerJson("o-1")),
                    ErrorCode.UFTP_SENDER_UNKNOWN);
            assertCode(
                    refusedOffer(
                            AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, AGR1_DOMAIN, AGR1_KEY), offerJson("o-1")),
                    ErrorCode.UFTP_RECIPIENT_INVALID);
            assertCode(
                    refusedOffer(
                            AGG1,
                            envelope("FlexOffer", MSG1, AGR1_DOMAIN, "ghost.flexledger.test", AGR1_KEY),
                            offerJson("o-1")),
                    ErrorCode.UFTP_RECIPIENT_INVALID);
        }

        @Test
        void aMessageGoesOnlyWithTheTransactionItMeans() {
            assertCode(
                    refusedOffer(
                            AGG1, envelope("FlexOrder", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-1")),
                    ErrorCode.UFTP_MESSAGE_TYPE_MISMATCH);
            offerWith(AGG1, Map.of(), offerJson("o-1"));
            String order = "{\"id\":\"ord-1\",\"offerId\":\"o-1\",\"activation\":1}";
            // A FlexOrder from the DSO's domain goes with the order.
            m.ledger.invoke(
                    DSO,
                    m.orders,
                    "orders:CreateOrder",
                    envelope("FlexOrder", MSG1, DSO_DOMAIN, AGR1_DOMAIN, DSO_KEY),
                    () -> m.orders.createOrder(m.ledger.ctx, order),
                    order);
            assertThat(recorded(DSO_DOMAIN, MSG1).string("transaction")).isEqualTo("orders:CreateOrder");
        }

        @Test
        void aMalformedEnvelopeIsRefusedWithItsField() {
            ChaincodeException e = refusedOffer(
                    AGG1,
                    Map.of(
                            UftpMessages.TRANSIENT_FIELD,
                            ("{\"messageId\":\"nope\",\"conversationId\":\"" + CONV + "\",\"senderDomain\":\""
                                            + AGR1_DOMAIN
                                            + "\",\"recipientDomain\":\"" + DSO_DOMAIN
                                            + "\",\"messageType\":\"FlexOffer\",\"signedBody\":\"AAAA\"}")
                                    .getBytes(StandardCharsets.UTF_8)),
                    offerJson("o-1"));
            assertThat(e.getMessage()).startsWith("INVALID_FIELD: $.messageId: must be a UUID");
        }
    }

    @Nested
    class RecordMessage {
        @Test
        void aResponseIsRecordedAloneOnceAndReadByAnyone() {
            m.ledger.invoke(
                    DSO,
                    uftp,
                    "uftp:RecordMessage",
                    envelope("FlexOfferResponse", MSG1, DSO_DOMAIN, AGR1_DOMAIN, DSO_KEY),
                    () -> uftp.recordMessage(m.ledger.ctx));
            assertThat(JsonInput.parse(m.ledger.as(COMMUNITY, () -> uftp.readMessage(m.ledger.ctx, DSO_DOMAIN, MSG1)))
                            .string("messageType"))
                    .isEqualTo("FlexOfferResponse");
            assertCode(
                    refusedInvoke(
                            DSO,
                            uftp,
                            "uftp:RecordMessage",
                            envelope("FlexOfferResponse", MSG1, DSO_DOMAIN, AGR1_DOMAIN, DSO_KEY),
                            () -> uftp.recordMessage(m.ledger.ctx)),
                    ErrorCode.UFTP_MESSAGE_REPLAYED);
        }

        @Test
        void aResponseRecordedUnderAnotherOrganisationsDomainIsRefused() {
            // The attack: Aggregator1 records a "DSO's" response (signed with a key it holds) so that the
            // log shows the DSO accepting what it never answered; and one signed with the DSO's key but
            // submitted by Aggregator1, as if it could speak for the DSO's edge.
            assertCode(
                    refusedInvoke(
                            AGG1,
                            uftp,
                            "uftp:RecordMessage",
                            envelope("FlexOfferResponse", MSG1, DSO_DOMAIN, AGR1_DOMAIN, AGR1_KEY),
                            () -> uftp.recordMessage(m.ledger.ctx)),
                    ErrorCode.UFTP_SENDER_NOT_CALLER);
            assertCode(
                    refusedInvoke(
                            AGG1,
                            uftp,
                            "uftp:RecordMessage",
                            envelope("FlexOfferResponse", MSG1, DSO_DOMAIN, AGR1_DOMAIN, DSO_KEY),
                            () -> uftp.recordMessage(m.ledger.ctx)),
                    ErrorCode.UFTP_SENDER_NOT_CALLER);
            assertThat(m.ledger.get(Keys.UFTP_MESSAGE, DSO_DOMAIN, MSG1)).isNull();
            // The DSO's own record of it, signed by another key than its registered one: refused as well.
            assertCode(
                    refusedInvoke(
                            DSO,
                            uftp,
                            "uftp:RecordMessage",
                            envelope("FlexOfferResponse", MSG1, DSO_DOMAIN, AGR1_DOMAIN, AGR1_KEY),
                            () -> uftp.recordMessage(m.ledger.ctx)),
                    ErrorCode.UFTP_SIGNATURE_INVALID);
        }

        @Test
        void aPrognosisIsRecordedUnderItsHyphenatedName() {
            m.ledger.invoke(
                    AGG1,
                    uftp,
                    "uftp:RecordMessage",
                    envelope("D-Prognosis", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY),
                    () -> uftp.recordMessage(m.ledger.ctx));
            assertThat(recorded(AGR1_DOMAIN, MSG1).string("messageType")).isEqualTo("D-Prognosis");
        }

        @Test
        void withoutAMessageThereIsNothingToRecord() {
            assertCode(
                    refusedInvoke(DSO, uftp, "uftp:RecordMessage", Map.of(), () -> uftp.recordMessage(m.ledger.ctx)),
                    ErrorCode.MALFORMED_INPUT);
        }
    }

    @Nested
    class ReadMessage {
        @Test
        void anUnrecordedMessageIsNotFound() {
            assertCode(
                    m.ledger.refused(DSO, () -> uftp.readMessage(m.ledger.ctx, AGR1_DOMAIN, MSG1)),
                    ErrorCode.UFTP_MESSAGE_NOT_FOUND);
        }
    }

    @Nested
    class ListMessages {
        @Test
        void listsOneSendersMessagesOrEveryones() {
            offerWith(AGG1, envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), offerJson("o-1"));
            m.ledger.invoke(
                    DSO,
                    uftp,
                    "uftp:RecordMessage",
                    envelope("FlexOfferResponse", MSG2, DSO_DOMAIN, AGR1_DOMAIN, DSO_KEY),
                    () -> uftp.recordMessage(m.ledger.ctx));
            assertThat(m.ledger.as(AGG2, () -> uftp.listMessages(m.ledger.ctx, AGR1_DOMAIN, 10, "")))
                    .contains(MSG1)
                    .doesNotContain(MSG2);
            assertThat(m.ledger.as(AGG2, () -> uftp.listMessages(m.ledger.ctx, "", 10, "")))
                    .contains(MSG1, MSG2);
        }
    }

    @Nested
    class SeveralOfferOptions {
        static final String A = MSG1 + ".home-1";
        static final String B = MSG1 + ".home-3";

        String options(String... offers) {
            StringBuilder list = new StringBuilder();
            for (String o : offers) {
                list.append(list.length() == 0 ? "" : ",")
                        .append('"')
                        .append(o.replace("\"", "\\\""))
                        .append('"');
            }
            return "{\"flexOfferMessageId\":\"" + MSG1 + "\",\"offers\":[" + list + "]}";
        }

        String both() {
            return options(
                    offerJson(A, "home-1", "TX1", "{\"68\":2,\"69\":2}"),
                    offerJson(B, "home-3", "TX1", "{\"70\":\"1.5\"}"));
        }

        String createWith(Map<String, byte[]> envelope, String json) {
            return m.ledger.invoke(
                    AGG1, uftp, "uftp:CreateOffers", envelope, () -> uftp.createOffers(m.ledger.ctx, json), json);
        }

        ChaincodeException refusedCreate(Map<String, byte[]> envelope, String json) {
            return refusedInvoke(
                    AGG1, uftp, "uftp:CreateOffers", envelope, () -> uftp.createOffers(m.ledger.ctx, json));
        }

        @BeforeEach
        void secondHome() {
            m.asset(AGG1, "home-3", "TX1-F1");
        }

        @Test
        void everyOptionIsAnOfferOfItsOwnInOneTransactionWithTheMessage() {
            createWith(envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), both());
            JsonInput a = JsonInput.parse(m.ledger.get(Keys.OFFER, A));
            JsonInput b = JsonInput.parse(m.ledger.get(Keys.OFFER, B));
            assertThat(a.string("assetId")).isEqualTo("home-1");
            assertThat(b.string("assetId")).isEqualTo("home-3");
            assertThat(a.string("txId")).isEqualTo(b.string("txId"));
            JsonInput record = recorded(AGR1_DOMAIN, MSG1);
            assertThat(record.string("transaction")).isEqualTo("uftp:CreateOffers");
            assertThat(record.string("txId")).isEqualTo(a.string("txId"));
            assertThat(m.ledger.as(DSO, () -> uftp.readOfferOptions(m.ledger.ctx, MSG1)))
                    .contains(A, B, "\"aggregatorMsp\":\"" + AGG1 + "\"");
        }

        @Test
        void theTransactionsOneEventNamesEveryOptionWithItsRecord() {
            // Fabric keeps the transaction's last event only: it must name every option, not the last one.
            createWith(Map.of(), both());
            FakeLedger.Event event = m.ledger.lastEvent();
            assertThat(event.name()).isEqualTo("OffersCreated");
            JsonInput payload = JsonInput.parse(event.payload());
            assertThat(payload.string("flexOfferMessageId")).isEqualTo(MSG1);
            assertThat(payload.string("aggregatorMsp")).isEqualTo(AGG1);
            assertThat(payload.stringList("offerIds")).containsExactly(A, B);
            // Each option's record as the ledger holds it, so that a consumer needs no read to act on it.
            assertThat(event.payload()).contains(m.ledger.get(Keys.OFFER, A)).contains(m.ledger.get(Keys.OFFER, B));
        }

        @Test
        void oneBadOptionAndNoneIsMadeNorTheMessageRecorded() {
            // The attack: the second option offers Aggregator2's home; the first must not stay behind alone.
            String json = options(
                    offerJson(A, "home-1", "TX1", "{\"68\":2}"),
                    offerJson(MSG1 + ".home-2", "home-2", "TX1", "{\"68\":2}"));
            assertCode(
                    refusedCreate(envelope("FlexOffer", MSG1, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY), json),
                    ErrorCode.OFFER_ASSET_NOT_OWNED);
            assertThat(m.ledger.get(Keys.OFFER, A)).isNull();
            assertThat(m.ledger.get(Keys.UFTP_MESSAGE, AGR1_DOMAIN, MSG1)).isNull();
        }

        @Test
        void optionIdsAreTheMessageIdsOnceEachAndTheOptionsAreMadeOnce() {
            // An option named after another FlexOffer, or twice, would let a revocation miss it.
            assertCode(
                    refusedCreate(Map.of(), options(offerJson("o-1", "home-1", "TX1", "{\"68\":2}"))),
                    ErrorCode.INVALID_FIELD);
            assertCode(
                    refusedCreate(
                            Map.of(),
                            options(
                                    offerJson(A, "home-1", "TX1", "{\"68\":2}"),
                                    offerJson(A, "home-1", "TX1", "{\"69\":2}"))),
                    ErrorCode.INVALID_FIELD);
            createWith(Map.of(), both());
            assertCode(refusedCreate(Map.of(), both()), ErrorCode.OFFER_EXISTS);
            // The DSO makes no offers, and so no options.
            assertThat(m.ledger.refused(DSO, () -> uftp.createOffers(m.ledger.ctx, both())))
                    .isInstanceOf(ChaincodeException.class);
        }

        @Test
        void aRevocationRevokesEveryOptionWithItsMessage() {
            createWith(Map.of(), both());
            String json = "{\"flexOfferMessageId\":\"" + MSG1 + "\",\"reason\":\"FlexOfferRevocation\"}";
            m.ledger.invoke(
                    AGG1,
                    uftp,
                    "uftp:RevokeOffers",
                    envelope("FlexOfferRevocation", MSG2, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY),
                    () -> uftp.revokeOffers(m.ledger.ctx, json),
                    json);
            assertThat(JsonInput.parse(m.ledger.get(Keys.OFFER, A)).string("state"))
                    .isEqualTo("REVOKED");
            assertThat(JsonInput.parse(m.ledger.get(Keys.OFFER, B)).string("state"))
                    .isEqualTo("REVOKED");
            assertThat(recorded(AGR1_DOMAIN, MSG2).string("transaction")).isEqualTo("uftp:RevokeOffers");
            // One event names every revoked option, with each revocation's record.
            FakeLedger.Event event = m.ledger.lastEvent();
            assertThat(event.name()).isEqualTo("OffersRevoked");
            JsonInput payload = JsonInput.parse(event.payload());
            assertThat(payload.stringList("revoked")).containsExactly(A, B);
            assertThat(payload.string("aggregatorMsp")).isEqualTo(AGG1);
            assertThat(event.payload())
                    .contains(m.ledger.get(Keys.REVOCATION, A))
                    .contains(m.ledger.get(Keys.REVOCATION, B));
        }

        @Test
        void theDsoOrdersOneOptionOnlyByAnyRouteUntilThatOrderIsCancelled() {
            // The attack: the DSO orders both options (of two homes, so no slot lock stops it) through the
            // plain order transaction, binding the aggregator to deliver what it offered as alternatives.
            createWith(Map.of(), both());
            m.order("ord-1", A, "1");
            String second = "{\"id\":\"ord-2\",\"offerId\":\"" + B + "\",\"activation\":1}";
            Map<String, String> before = m.ledger.snapshot();
            ChaincodeException e = m.ledger.refused(DSO, () -> m.orders.createOrder(m.ledger.ctx, second));
            assertCode(e, ErrorCode.ORDER_OPTION_TAKEN);
            assertThat(e.getMessage())
                    .isEqualTo("ORDER_OPTION_TAKEN: $.offerId: offer " + B
                            + " is an option of a FlexOffer whose option " + A + " is ordered by order ord-1");
            assertThat(m.ledger.snapshot()).isEqualTo(before);
            // Cancelled, the first order frees the other option.
            m.ledger.as(DSO, () -> m.orders.cancelOrder(m.ledger.ctx, "ord-1"));
            m.order("ord-2", B, "1");
            assertThat(JsonInput.parse(m.ledger.get(Keys.OFFER, B)).string("state"))
                    .isEqualTo("ORDERED");
            assertThat(JsonInput.parse(m.ledger.get(Keys.UFTP_OPTION_ORDER, MSG1))
                            .string("orderId"))
                    .isEqualTo("ord-2");
        }

        @Test
        void anOfferOutsideAFlexOfferIsOrderedWithoutAnOptionLock() {
            offerWith(AGG1, Map.of(), offerJson("o-1"));
            m.order("ord-1", "o-1", "1");
            assertThat(m.ledger.get(Keys.UFTP_OPTION_OF, "o-1")).isNull();
        }

        @Test
        void anOrderedOptionMakesTheFlexOfferACommitmentThatIsNotRevoked() {
            createWith(Map.of(), both());
            m.order("ord-1", A, "1");
            String json = "{\"flexOfferMessageId\":\"" + MSG1 + "\",\"reason\":\"too late\"}";
            assertCode(
                    refusedInvoke(
                            AGG1,
                            uftp,
                            "uftp:RevokeOffers",
                            envelope("FlexOfferRevocation", MSG2, AGR1_DOMAIN, DSO_DOMAIN, AGR1_KEY),
                            () -> uftp.revokeOffers(m.ledger.ctx, json)),
                    ErrorCode.REVOCATION_OFFER_NOT_LIVE);
            assertThat(JsonInput.parse(m.ledger.get(Keys.OFFER, B)).string("state"))
                    .isEqualTo("OFFERED");
            // Aggregator2 revokes none of Aggregator1's options.
            assertCode(
                    m.ledger.refused(AGG2, () -> uftp.revokeOffers(m.ledger.ctx, json)),
                    ErrorCode.REVOCATION_MSP_NOT_ALLOWED);
        }
    }
}
