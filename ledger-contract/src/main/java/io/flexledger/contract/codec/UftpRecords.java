package io.flexledger.contract.codec;

import io.flexledger.domain.market.FlexOffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one codec of the {@code uftp} contract's records and of the inputs of the transactions that carry
 * a UFTP message (decision 0019): participants, the message log, a FlexOffer's several options, their
 * revocation and a D-Prognosis of several homes. Values in, the map {@link CanonicalJson} writes out;
 * JSON read by {@link JsonFields} (input or stored) back to values. The signed UFTP message itself is
 * not here: it travels as the transient field {@code uftpMessage}, as the XML its sender signed.
 */
public final class UftpRecords {
    private UftpRecords() {}

    // ---- participants

    /**
     * A UFTP participant as its organisation registers it.
     *
     * @param domain the participant's domain (UFTP's lower-case form)
     * @param role {@code DSO} or {@code AGR}
     * @param publicKey its CS1 key, {@code cs1.} and Base64
     * @param endpoint the absolute http(s) URL its messages go to
     */
    public record Participant(String domain, String role, String publicKey, String endpoint) {}

    /** A registration's input {@code {domain, role, publicKey, endpoint}}. */
    public static Participant participant(JsonFields in) {
        String domain = in.string("domain");
        String role = in.string("role");
        String publicKey = in.string("publicKey");
        String endpoint = in.string("endpoint");
        return in.build(() -> new Participant(domain, role, publicKey, endpoint));
    }

    /** A registration's input, as {@link #participant(JsonFields)} reads it. */
    public static Map<String, Object> participantInput(Participant p) {
        Map<String, Object> m = MarketRecords.record();
        m.put("domain", p.domain());
        m.put("role", p.role());
        m.put("publicKey", p.publicKey());
        m.put("endpoint", p.endpoint());
        return m;
    }

    /**
     * A registered participant as the ledger stores it.
     *
     * @param msp the organisation that registered the domain (and alone may replace it)
     * @param version 1, then one more for each replacement (the key version a message names)
     * @param txId the transaction that wrote this version
     * @param at when (ISO-8601 UTC; absent in records written before it was kept)
     */
    public record StoredParticipant(Participant participant, String msp, int version, String txId, String at) {
        public String domain() {
            return participant.domain();
        }

        public String role() {
            return participant.role();
        }

        public String publicKey() {
            return participant.publicKey();
        }
    }

    /** A stored participant. */
    public static StoredParticipant storedParticipant(JsonFields in) {
        String domain = in.string("domain");
        String role = in.string("role");
        String publicKey = in.string("publicKey");
        String endpoint = in.string("endpoint");
        String msp = in.string("msp");
        Integer version = in.integer("version");
        String txId = in.string("txId");
        String at = in.optionalString("at");
        return in.build(() ->
                new StoredParticipant(new Participant(domain, role, publicKey, endpoint), msp, version, txId, at));
    }

    /** A participant as JSON. */
    public static Map<String, Object> participant(StoredParticipant p) {
        Map<String, Object> m = participantInput(p.participant());
        m.put("msp", p.msp());
        m.put("version", p.version());
        m.put("txId", p.txId());
        m.put("at", p.at());
        return m;
    }

    // ---- the message log

    /**
     * A recorded UFTP message: who sent it to whom, under which key version, the SHA-256 and signature
     * of the signed XML, and the transaction that carried it.
     *
     * @param signature the CS1 signature (Base64; absent in records written before it was kept)
     * @param at when it was recorded (absent likewise)
     */
    public record StoredMessage(
            String messageId,
            String conversationId,
            String senderDomain,
            String senderRole,
            String senderMsp,
            int keyVersion,
            String recipientDomain,
            String messageType,
            String sha256,
            String signature,
            String transaction,
            String txId,
            String at) {}

    /** A stored message. */
    public static StoredMessage storedMessage(JsonFields in) {
        String messageId = in.string("messageId");
        String conversationId = in.string("conversationId");
        String senderDomain = in.string("senderDomain");
        String senderRole = in.string("senderRole");
        String senderMsp = in.string("senderMsp");
        Integer keyVersion = in.integer("keyVersion");
        String recipientDomain = in.string("recipientDomain");
        String messageType = in.string("messageType");
        String sha256 = in.string("sha256");
        String signature = in.optionalString("signature");
        String transaction = in.string("transaction");
        String txId = in.string("txId");
        String at = in.optionalString("at");
        return in.build(() -> new StoredMessage(
                messageId,
                conversationId,
                senderDomain,
                senderRole,
                senderMsp,
                keyVersion,
                recipientDomain,
                messageType,
                sha256,
                signature,
                transaction,
                txId,
                at));
    }

    /** A message's record as JSON. */
    public static Map<String, Object> message(StoredMessage s) {
        Map<String, Object> m = MarketRecords.record();
        m.put("messageId", s.messageId());
        m.put("conversationId", s.conversationId());
        m.put("senderDomain", s.senderDomain());
        m.put("senderRole", s.senderRole());
        m.put("senderMsp", s.senderMsp());
        m.put("keyVersion", s.keyVersion());
        m.put("recipientDomain", s.recipientDomain());
        m.put("messageType", s.messageType());
        m.put("sha256", s.sha256());
        m.put("signature", s.signature());
        m.put("transaction", s.transaction());
        m.put("txId", s.txId());
        m.put("at", s.at());
        return m;
    }

    // ---- a FlexOffer's several options

    /**
     * The offers of one FlexOffer's several OfferOptions ({@code uftp:CreateOffers}), each named {@code
     * <flexOfferMessageId>.<OptionReference>}.
     */
    public record OfferOptions(String flexOfferMessageId, List<FlexOffer> offers) {
        public OfferOptions {
            offers = List.copyOf(offers);
        }
    }

    /** The input of {@code uftp:CreateOffers}: {@code {flexOfferMessageId, offers: ["<offer input>", …]}}. */
    public static Map<String, Object> offerOptionsInput(OfferOptions o) {
        Map<String, Object> m = MarketRecords.record();
        m.put("flexOfferMessageId", o.flexOfferMessageId());
        m.put(
                "offers",
                o.offers().stream()
                        .map(offer -> CanonicalJson.write(MarketRecords.offerInput(offer)))
                        .toList());
        return m;
    }

    /** {@code uftp:CreateOffers}'s input by {@code caller}, each offer read as {@code offers:CreateOffer} reads it. */
    public static OfferOptions offerOptions(JsonFields in, String caller) {
        String messageId = in.string("flexOfferMessageId");
        List<String> texts = in.stringList("offers");
        in.done();
        List<FlexOffer> offers = new ArrayList<>();
        for (String text : texts) {
            offers.add(MarketRecords.offer(JsonFields.parse(text, JsonReader.Limits.LEDGER, in.problems()), caller));
        }
        return new OfferOptions(messageId, offers);
    }

    /** The revocation of every option of a FlexOffer ({@code uftp:RevokeOffers}). */
    public record OptionsRevocation(String flexOfferMessageId, String reason) {}

    /** {@code uftp:RevokeOffers}'s input {@code {flexOfferMessageId, reason}}. */
    public static Map<String, Object> optionsRevocationInput(OptionsRevocation r) {
        Map<String, Object> m = MarketRecords.record();
        m.put("flexOfferMessageId", r.flexOfferMessageId());
        m.put("reason", r.reason());
        return m;
    }

    /** {@code uftp:RevokeOffers}'s input. */
    public static OptionsRevocation optionsRevocation(JsonFields in) {
        String messageId = in.string("flexOfferMessageId");
        String reason = in.string("reason");
        return in.build(() -> new OptionsRevocation(messageId, reason));
    }

    /**
     * The options of a FlexOffer as the ledger stores them ({@code uftp:ReadOfferOptions}).
     *
     * @param offerIds the ledger offer of each option, in the FlexOffer's order
     */
    public record StoredOfferOptions(
            String flexOfferMessageId, String aggregatorMsp, List<String> offerIds, String txId) {
        public StoredOfferOptions {
            offerIds = List.copyOf(offerIds);
        }
    }

    /** Stored options. */
    public static StoredOfferOptions storedOfferOptions(JsonFields in) {
        String messageId = in.string("flexOfferMessageId");
        String aggregator = in.string("aggregatorMsp");
        List<String> ids = in.stringList("offerIds");
        String txId = in.string("txId");
        return in.build(() -> new StoredOfferOptions(messageId, aggregator, ids, txId));
    }

    /** Options as JSON. */
    public static Map<String, Object> offerOptions(StoredOfferOptions o) {
        Map<String, Object> m = MarketRecords.record();
        m.put("flexOfferMessageId", o.flexOfferMessageId());
        m.put("aggregatorMsp", o.aggregatorMsp());
        m.put("offerIds", o.offerIds());
        m.put("txId", o.txId());
        return m;
    }

    // ---- a D-Prognosis of several homes

    /** The congestion point and day of a D-Prognosis of several homes ({@code baselines:RecordPrognosis}). */
    public record PrognosisOf(String congestionPointId, LocalDate day) {}

    /** {@code baselines:RecordPrognosis}'s input {@code {congestionPointId, day}}. */
    public static Map<String, Object> prognosisInput(PrognosisOf p) {
        Map<String, Object> m = MarketRecords.record();
        m.put("congestionPointId", p.congestionPointId());
        m.put("day", p.day().toString());
        return m;
    }

    /** {@code baselines:RecordPrognosis}'s input. */
    public static PrognosisOf prognosis(JsonFields in) {
        String cp = in.string("congestionPointId");
        LocalDate day = in.day("day");
        return in.build(() -> new PrognosisOf(cp, day));
    }
}
