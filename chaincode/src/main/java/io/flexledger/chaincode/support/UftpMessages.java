package io.flexledger.chaincode.support;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Settlements;
import io.flexledger.contract.Uftp;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.contract.Context;

/**
 * The UFTP message log. A submission that carries an accepted inbound UFTP message passes it as the
 * transient field {@value #TRANSIENT_FIELD}, {@code {messageId, conversationId, senderDomain,
 * recipientDomain, messageType, signedBody}} ({@code signedBody}: the SignedMessage's Body in Base64,
 * the CS1 signature followed by the exact signed XML). Before the transaction runs, the chaincode
 * checks that the sender's domain is registered to the submitting organisation, that the recipient is
 * another registered domain, that the signature verifies with the sender's registered CS1 key, that the
 * signed XML's root element and attributes name the given type and metadata, that the type is the one
 * this transaction maps (a FlexOffer only with {@code CreateOffer}, ...) and that the sender's MessageID
 * is not on the ledger yet. After the transaction succeeded it records {@code uftpMessage|sender|id}
 * with the SHA-256 of the XML and the signature, in the same write set as the business record: no
 * message is recorded without its effect, and no effect of a message without the message.
 */
public final class UftpMessages {
    /** The transient field carrying the message. */
    public static final String TRANSIENT_FIELD = Uftp.MESSAGE_TRANSIENT;

    /** The inbound message's fields. */
    public static final Set<String> INPUT =
            Set.of("messageId", "conversationId", "senderDomain", "recipientDomain", "messageType", "signedBody");

    /** UFTP domain names (the specification's schema form). */
    public static final Pattern DOMAIN = Pattern.compile("([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}");

    /** UFTP message ids (UUIDs). */
    public static final Pattern UUID =
            Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /** Which message type a transaction maps; {@code RecordMessage} takes any (responses, prognoses). */
    private static final Map<String, String> TYPE_OF_TRANSACTION = Map.of(
            Requests.Names.CREATE_REQUEST, "FlexRequest",
            Offers.Names.CREATE_OFFER, "FlexOffer",
            Revocations.Names.REVOKE_OFFER, "FlexOfferRevocation",
            Orders.Names.CREATE_ORDER, "FlexOrder",
            Baselines.Names.COMMIT_BASELINE, "D-Prognosis",
            Settlements.Names.SETTLE_ORDER, "FlexSettlement",
            Disputes.Names.OPEN_DISPUTE, "FlexSettlementResponse",
            Uftp.Names.CREATE_OFFERS, "FlexOffer",
            Uftp.Names.REVOKE_OFFERS, "FlexOfferRevocation",
            Baselines.Names.RECORD_PROGNOSIS, "D-Prognosis");

    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");
    private static final int SIGNATURE_BYTES = 64;
    private static final int KEY_BYTES = 32;
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Pattern ROOT = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*)[\\s/>]");

    private UftpMessages() {}

    /** An inbound message as the transient field gives it, checked for form. */
    public record Inbound(
            String messageId,
            String conversationId,
            String senderDomain,
            String recipientDomain,
            String messageType,
            byte[] signature,
            byte[] xml) {}

    /**
     * The message this transaction carries, if any (checked by {@link #before} for sender, signature,
     * metadata, type and replay before the transaction runs).
     */
    public static Optional<Inbound> carried(Context ctx) {
        return message(ctx);
    }

    /** Runs before every transaction: refuses a message that may not be recorded with it. */
    public static void before(Context ctx) {
        Optional<Inbound> message = message(ctx);
        if (message.isEmpty()) {
            return;
        }
        Inbound m = message.get();
        String transaction = transactionName(ctx);
        String expected = TYPE_OF_TRANSACTION.get(transaction);
        // A message is recorded with the transaction it means, or alone by RecordMessage.
        if (!Uftp.Names.RECORD_MESSAGE.equals(transaction) && !m.messageType().equals(expected)) {
            throw fail(
                    ErrorCode.UFTP_MESSAGE_TYPE_MISMATCH,
                    "%s carries %s",
                    transaction,
                    expected == null ? "no UFTP message" : "a " + expected + ", not a " + m.messageType());
        }
        Ledger ledger = new Ledger(ctx);
        String caller = Caller.msp(ctx);
        JsonInput sender = participant(ledger, m.senderDomain())
                .orElseThrow(() ->
                        fail(ErrorCode.UFTP_SENDER_UNKNOWN, "sender domain %s is not registered", m.senderDomain()));
        // An organisation speaks only for its own UFTP participants.
        if (!sender.string("msp").equals(caller)) {
            throw fail(
                    ErrorCode.UFTP_SENDER_NOT_CALLER,
                    "sender domain %s belongs to %s (caller %s)",
                    m.senderDomain(),
                    sender.string("msp"),
                    caller);
        }
        // The recipient is another registered participant.
        if (m.recipientDomain().equals(m.senderDomain())
                || participant(ledger, m.recipientDomain()).isEmpty()) {
            throw fail(
                    ErrorCode.UFTP_RECIPIENT_INVALID,
                    "recipient domain %s is %s",
                    m.recipientDomain(),
                    m.recipientDomain().equals(m.senderDomain()) ? "the sender's own" : "not registered");
        }
        // The sender signed exactly this XML with its registered key.
        if (!verifies(sender.string("publicKey"), m.signature(), m.xml())) {
            throw fail(
                    ErrorCode.UFTP_SIGNATURE_INVALID,
                    "the signature of message %s does not verify with the key registered for %s",
                    m.messageId(),
                    m.senderDomain());
        }
        // The signed XML names the metadata recorded for it.
        String text = new String(m.xml(), StandardCharsets.UTF_8);
        Matcher root = ROOT.matcher(text);
        if (!root.find() || !root.group(1).equals(m.messageType())) {
            throw fail(
                    ErrorCode.UFTP_SIGNATURE_INVALID,
                    "the signed XML of message %s is not a %s",
                    m.messageId(),
                    m.messageType());
        }
        for (Map.Entry<String, String> a : Map.of(
                        "MessageID", m.messageId(),
                        "ConversationID", m.conversationId(),
                        "SenderDomain", m.senderDomain(),
                        "RecipientDomain", m.recipientDomain())
                .entrySet()) {
            if (!Pattern.compile("\\s" + a.getKey() + "\\s*=\\s*([\"'])" + Pattern.quote(a.getValue()) + "\\1")
                    .matcher(text)
                    .find()) {
                throw fail(
                        ErrorCode.UFTP_SIGNATURE_INVALID,
                        "the signed XML of message %s does not name %s %s",
                        m.messageId(),
                        a.getKey(),
                        a.getValue());
            }
        }
        // A MessageID is accepted once per sender: a second one is a replay.
        Optional<String> first = ledger.get(ledger.key(Keys.UFTP_MESSAGE, m.senderDomain(), m.messageId()));
        if (first.isPresent()) {
            throw fail(
                    ErrorCode.UFTP_MESSAGE_REPLAYED,
                    "message %s from %s was recorded by transaction %s",
                    m.messageId(),
                    m.senderDomain(),
                    JsonInput.parse(first.get()).string("txId"));
        }
    }

    /** Runs after a successful transaction: records the message, if one was carried. */
    public static void after(Context ctx) {
        Optional<Inbound> message = message(ctx);
        if (message.isEmpty()) {
            return;
        }
        Inbound m = message.get();
        Ledger ledger = new Ledger(ctx);
        JsonInput sender = participant(ledger, m.senderDomain()).orElseThrow();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", m.messageId());
        record.put("conversationId", m.conversationId());
        record.put("senderDomain", m.senderDomain());
        record.put("senderRole", sender.string("role"));
        record.put("senderMsp", Caller.msp(ctx));
        record.put("keyVersion", sender.integer("version"));
        record.put("recipientDomain", m.recipientDomain());
        record.put("messageType", m.messageType());
        record.put("sha256", sha256Hex(m.xml()));
        record.put("signature", Base64.getEncoder().encodeToString(m.signature()));
        record.put("transaction", ctx.getStub().getFunction());
        record.put("txId", ledger.txId());
        record.put("at", ledger.now().toString());
        ledger.put(ledger.key(Keys.UFTP_MESSAGE, m.senderDomain(), m.messageId()), record);
    }

    /** The registered participant of {@code domain}, if any. */
    public static Optional<JsonInput> participant(Ledger ledger, String domain) {
        return ledger.get(ledger.key(Keys.UFTP_PARTICIPANT, domain)).map(JsonInput::parse);
    }

    /** Whether {@code cs1} is a CS1 public key: {@code cs1.} and Base64 of 32 or 64 bytes. */
    public static Optional<PublicKey> publicKey(String cs1) {
        if (cs1 == null || !cs1.startsWith("cs1.")) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(cs1.substring(4));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != KEY_BYTES && raw.length != 2 * KEY_BYTES) {
            return Optional.empty();
        }
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, KEY_BYTES);
        try {
            return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** SHA-256 of {@code bytes}, hex. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verifies(String cs1, byte[] signature, byte[] xml) {
        Optional<PublicKey> key = publicKey(cs1);
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.get());
            verifier.update(xml);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String transactionName(Context ctx) {
        String function = ctx.getStub().getFunction();
        return function.substring(function.indexOf(':') + 1);
    }

    private static Optional<Inbound> message(Context ctx) {
        Map<String, byte[]> transientData = ctx.getStub().getTransient();
        byte[] raw = transientData == null ? null : transientData.get(TRANSIENT_FIELD);
        if (raw == null) {
            return Optional.empty();
        }
        JsonInput in = JsonInput.parse(new String(raw, StandardCharsets.UTF_8)).onlyFields(INPUT);
        String messageId = in.string("messageId");
        String conversationId = in.string("conversationId");
        String senderDomain = in.string("senderDomain");
        String recipientDomain = in.string("recipientDomain");
        String messageType = in.string("messageType");
        String body = in.string("signedBody");
        in.violations()
                .check(messageId == null || UUID.matcher(messageId).matches(), in.at("messageId"), "must be a UUID");
        in.violations()
                .check(
                        conversationId == null || UUID.matcher(conversationId).matches(),
                        in.at("conversationId"),
                        "must be a UUID");
        in.violations()
                .check(
                        senderDomain == null || DOMAIN.matcher(senderDomain).matches(),
                        in.at("senderDomain"),
                        "must be a domain name");
        in.violations()
                .check(
                        recipientDomain == null
                                || DOMAIN.matcher(recipientDomain).matches(),
                        in.at("recipientDomain"),
                        "must be a domain name");
        in.violations()
                .check(
                        messageType == null || TYPE.matcher(messageType).matches(),
                        in.at("messageType"),
                        "must be a UFTP message name");
        byte[] signed = null;
        if (body != null) {
            try {
                signed = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                signed = null;
            }
            in.violations()
                    .check(
                            signed != null && signed.length > SIGNATURE_BYTES,
                            in.at("signedBody"),
                            "must be Base64 of a CS1 signature followed by the signed message");
        }
        in.done();
        return Optional.of(new Inbound(
                messageId,
                conversationId,
                senderDomain,
                recipientDomain,
                messageType,
                Arrays.copyOf(signed, SIGNATURE_BYTES),
                Arrays.copyOfRange(signed, SIGNATURE_BYTES, signed.length)));
    }
}
