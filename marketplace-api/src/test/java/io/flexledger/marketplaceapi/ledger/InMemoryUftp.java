package io.flexledger.marketplaceapi.ledger;

import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.object;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Tx;
import io.flexledger.contract.Uftp;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.DPrognosisIsp;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.UftpSignatureException;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UftpXmlException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The UFTP edge's ledger in memory for the tests ({@link UftpLedgerPort}), enabled by {@link
 * InMemoryLedgerProfile}; its offers, orders and requests are the {@link InMemoryLedger}'s, its homes
 * the {@link InMemoryRegistry}'s, its baselines the {@link InMemorySettlements}'. It keeps the
 * chaincode's rules the edge's answers depend on: a participant's domain registered in its
 * organisation's own role and kept by the organisation that registered it first; a message carried
 * only by the transaction of its type, from a domain of the caller's to another registered domain,
 * signed (CS1) by the sender's registered key over XML that names the message's MessageID,
 * ConversationID, sender and recipient, and accepted once per sender and MessageID ({@code
 * UFTP_MESSAGE_REPLAYED}); it is recorded in the same transaction as its effect, and a refused effect
 * records nothing. A FlexOffer's several options are made and revoked all or none, and one option of a
 * FlexOffer is ordered ({@code ORDER_OPTION_TAKEN}, in {@link InMemoryLedger}). A D-Prognosis of several
 * homes is recorded once per aggregator, congestion point and day, before gate closure, when every ISP
 * of the day is given once and equals, to the watt, the sum of the caller's homes' revealed baselines.
 *
 * <p>Settlements are not kept in memory (see {@link InMemorySettlements}), so a dispute is refused as
 * not found.
 */
@Alternative
@ApplicationScoped
public class InMemoryUftp implements UftpLedgerPort {
    /** The message type each transaction carries (the chaincode's map); RecordMessage carries any. */
    private static final Map<Tx, String> TYPE_OF_TRANSACTION = Map.of(
            Requests.CREATE_REQUEST, "FlexRequest",
            Offers.CREATE_OFFER, "FlexOffer",
            Revocations.REVOKE_OFFER, "FlexOfferRevocation",
            Orders.CREATE_ORDER, "FlexOrder",
            Baselines.COMMIT_BASELINE, "D-Prognosis",
            Disputes.OPEN_DISPUTE, "FlexSettlementResponse",
            Uftp.CREATE_OFFERS, "FlexOffer",
            Uftp.REVOKE_OFFERS, "FlexOfferRevocation",
            Baselines.RECORD_PROGNOSIS, "D-Prognosis");

    private final InMemoryLedger ledger;
    private final InMemoryRegistry registry;
    private final InMemorySettlements settlements;

    private final Map<String, UftpRecords.StoredParticipant> participants = new TreeMap<>();
    /** {@code senderDomain|messageId} to the message's record. */
    private final Map<String, UftpRecords.StoredMessage> messages = new TreeMap<>();
    /** {@code day|congestionPoint|aggregator} to its recorded D-Prognosis. */
    private final Map<String, ObjectNode> prognoses = new HashMap<>();

    public InMemoryUftp(InMemoryLedger ledger, InMemoryRegistry registry, InMemorySettlements settlements) {
        this.ledger = ledger;
        this.registry = registry;
        this.settlements = settlements;
    }

    /** This port as seen by another organisation's instance. */
    public UftpLedgerPort as(String organisation) {
        return new View(organisation);
    }

    /** Forgets every record (between tests). */
    public void clear() {
        ledger.read(() -> {
            participants.clear();
            messages.clear();
            prognoses.clear();
            return null;
        });
    }

    private UftpLedgerPort own() {
        return as(ledger.mspId());
    }

    @Override
    public String mspId() {
        return ledger.mspId();
    }

    @Override
    public long blockNumberOf(String txId) {
        return ledger.blockNumberOf(txId);
    }

    @Override
    public LedgerReceipt registerParticipant(UftpRecords.Participant participant) {
        return own().registerParticipant(participant);
    }

    @Override
    public UftpRecords.StoredParticipant readParticipant(String domain) {
        return own().readParticipant(domain);
    }

    @Override
    public Page<UftpRecords.StoredParticipant> listParticipants(String pageSize, String bookmark) {
        return own().listParticipants(pageSize, bookmark);
    }

    @Override
    public LedgerReceipt recordMessage(String message) {
        return own().recordMessage(message);
    }

    @Override
    public UftpRecords.StoredMessage readMessage(String senderDomain, String messageId) {
        return own().readMessage(senderDomain, messageId);
    }

    @Override
    public Page<UftpRecords.StoredMessage> listMessages(String senderDomain, String pageSize, String bookmark) {
        return own().listMessages(senderDomain, pageSize, bookmark);
    }

    @Override
    public UftpRecords.StoredOfferOptions readOfferOptions(String flexOfferMessageId) {
        return own().readOfferOptions(flexOfferMessageId);
    }

    @Override
    public LedgerReceipt createRequest(FlexRequest request, String message) {
        return own().createRequest(request, message);
    }

    @Override
    public LedgerReceipt createOffer(FlexOffer offer, String message) {
        return own().createOffer(offer, message);
    }

    @Override
    public LedgerReceipt createOffers(UftpRecords.OfferOptions options, String message) {
        return own().createOffers(options, message);
    }

    @Override
    public LedgerReceipt revokeOffer(FlexOfferRevocation revocation, String message) {
        return own().revokeOffer(revocation, message);
    }

    @Override
    public LedgerReceipt revokeOffer(FlexOfferRevocation revocation) {
        return own().revokeOffer(revocation);
    }

    @Override
    public LedgerReceipt revokeOffers(UftpRecords.OptionsRevocation revocation, String message) {
        return own().revokeOffers(revocation, message);
    }

    @Override
    public LedgerReceipt createOrder(FlexOrder order, String message) {
        return own().createOrder(order, message);
    }

    @Override
    public LedgerReceipt openDispute(Dispute dispute, String message) {
        return own().openDispute(dispute, message);
    }

    @Override
    public LedgerReceipt commitBaseline(BaselineCommitment commitment, String message) {
        return own().commitBaseline(commitment, message);
    }

    @Override
    public LedgerReceipt revealBaseline(MarketRecords.Reveal reveal) {
        return own().revealBaseline(reveal);
    }

    @Override
    public LedgerReceipt recordPrognosis(UftpRecords.PrognosisOf prognosis, String message) {
        return own().recordPrognosis(prognosis, message);
    }

    @Override
    public Page<RegistryRecords.StoredAsset> listPortfolio(String aggregatorMsp, String pageSize, String bookmark) {
        return own().listPortfolio(aggregatorMsp, pageSize, bookmark);
    }

    /** One organisation's calls. */
    private final class View extends InMemoryLedger.Calls implements UftpLedgerPort {
        View(String caller) {
            super(ledger, caller);
        }

        @Override
        public LedgerReceipt registerParticipant(UftpRecords.Participant participant) {
            String input = CanonicalJson.write(UftpRecords.participantInput(participant));
            return write(Uftp.REGISTER_PARTICIPANT, null, input, txId -> {
                String ownRole = Organisation.isDso(caller) ? "DSO" : Organisation.isAggregator(caller) ? "AGR" : null;
                String domain = participant.domain();
                String role = participant.role();
                if (ownRole == null || !ownRole.equals(role)) {
                    throw refuse(
                            ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED,
                            "%s may not register %s participants",
                            caller,
                            role);
                }
                UftpRecords.StoredParticipant existing = participants.get(domain);
                if (existing != null && !existing.msp().equals(caller)) {
                    throw refuse(
                            ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED,
                            "domain %s is registered by %s (caller %s)",
                            domain,
                            existing.msp(),
                            caller);
                }
                UftpRecords.StoredParticipant record = new UftpRecords.StoredParticipant(
                        participant,
                        caller,
                        existing == null ? 1 : existing.version() + 1,
                        txId,
                        Instant.now().toString());
                participants.put(domain, record);
                return stored(UftpRecords.participant(record));
            });
        }

        @Override
        public UftpRecords.StoredParticipant readParticipant(String domain) {
            return read(() ->
                    found(participants, domain, ErrorCode.UFTP_PARTICIPANT_NOT_FOUND, "UFTP participant of domain"));
        }

        @Override
        public Page<UftpRecords.StoredParticipant> listParticipants(String pageSize, String bookmark) {
            return read(() -> decodedPage(
                    InMemoryLedger.page(
                            written(participants, UftpRecords::participant),
                            p -> true,
                            "uftpParticipant",
                            List.of(),
                            pageSize,
                            bookmark),
                    UftpRecords::storedParticipant));
        }

        @Override
        public LedgerReceipt recordMessage(String message) {
            return carrying(
                    Uftp.RECORD_MESSAGE,
                    message,
                    () -> write(Uftp.RECORD_MESSAGE, null, message, txId -> {
                        JsonNode m = object(message);
                        ObjectNode out = JsonNodeFactory.instance.objectNode();
                        out.put("senderDomain", m.path("senderDomain").asText());
                        out.put("messageId", m.path("messageId").asText());
                        return out;
                    }));
        }

        @Override
        public UftpRecords.StoredMessage readMessage(String senderDomain, String messageId) {
            return read(() ->
                    found(messages, senderDomain + "|" + messageId, ErrorCode.UFTP_MESSAGE_NOT_FOUND, "UFTP message"));
        }

        @Override
        public Page<UftpRecords.StoredMessage> listMessages(String senderDomain, String pageSize, String bookmark) {
            return read(() -> decodedPage(
                    InMemoryLedger.page(
                            written(messages, UftpRecords::message),
                            m -> m.path("senderDomain").asText().equals(senderDomain),
                            io.flexledger.contract.Uftp.MESSAGE_TRANSIENT,
                            List.of(senderDomain),
                            pageSize,
                            bookmark),
                    UftpRecords::storedMessage));
        }

        @Override
        public UftpRecords.StoredOfferOptions readOfferOptions(String flexOfferMessageId) {
            return UftpRecords.storedOfferOptions(MarketRecords.stored(
                    new String(ledger.readOfferOptions(flexOfferMessageId), java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public LedgerReceipt createRequest(FlexRequest request, String message) {
            return carrying(
                    Requests.CREATE_REQUEST, message, () -> ledger.as(caller).createRequest(null, request));
        }

        @Override
        public LedgerReceipt createOffer(FlexOffer offer, String message) {
            return carrying(
                    Offers.CREATE_OFFER, message, () -> ledger.as(caller).createOffer(null, offer));
        }

        @Override
        public LedgerReceipt createOffers(UftpRecords.OfferOptions options, String message) {
            return carrying(
                    Uftp.CREATE_OFFERS,
                    message,
                    () -> ledger.createOffers(caller, input(UftpRecords.offerOptionsInput(options))));
        }

        @Override
        public LedgerReceipt revokeOffer(FlexOfferRevocation revocation, String message) {
            return carrying(Revocations.REVOKE_OFFER, message, () -> revokeOffer(revocation));
        }

        @Override
        public LedgerReceipt revokeOffer(FlexOfferRevocation revocation) {
            return ledger.as(caller).revokeOffer(null, revocation);
        }

        @Override
        public LedgerReceipt revokeOffers(UftpRecords.OptionsRevocation revocation, String message) {
            return carrying(
                    Uftp.REVOKE_OFFERS,
                    message,
                    () -> ledger.revokeOffers(caller, input(UftpRecords.optionsRevocationInput(revocation))));
        }

        @Override
        public LedgerReceipt createOrder(FlexOrder order, String message) {
            return carrying(
                    Orders.CREATE_ORDER, message, () -> ledger.as(caller).createOrder(null, order));
        }

        @Override
        public LedgerReceipt openDispute(Dispute dispute, String message) {
            return carrying(
                    Disputes.OPEN_DISPUTE, message, () -> settlements.as(caller).openDispute(null, dispute));
        }

        @Override
        public LedgerReceipt commitBaseline(BaselineCommitment commitment, String message) {
            return carrying(
                    Baselines.COMMIT_BASELINE,
                    message,
                    () -> settlements.as(caller).commitBaseline(null, commitment));
        }

        @Override
        public LedgerReceipt revealBaseline(MarketRecords.Reveal reveal) {
            return settlements.as(caller).revealBaseline(null, reveal);
        }

        @Override
        public LedgerReceipt recordPrognosis(UftpRecords.PrognosisOf prognosis, String message) {
            return carrying(
                    Baselines.RECORD_PROGNOSIS,
                    message,
                    () -> write(
                            Baselines.RECORD_PROGNOSIS,
                            null,
                            input(UftpRecords.prognosisInput(prognosis)),
                            txId -> prognosis(prognosis, signedXml(object(message)), txId)));
        }

        @Override
        public Page<RegistryRecords.StoredAsset> listPortfolio(String aggregatorMsp, String pageSize, String bookmark) {
            // the registry's page as the chaincode writes it, each asset decoded by the codec
            return decodedPage(registry.listPortfolio(aggregatorMsp, pageSize, bookmark), RegistryRecords::storedAsset);
        }

        /**
         * {@code effect}, the transaction {@code tx}, with {@code message}: the message is checked first
         * and recorded after, under the effect's transaction; a refused effect records nothing.
         */
        private LedgerReceipt carrying(Tx tx, String message, Supplier<LedgerReceipt> effect) {
            return ledger.read(() -> {
                ObjectNode m = object(message);
                String type = m.path("messageType").asText();
                if (!tx.equals(Uftp.RECORD_MESSAGE) && !type.equals(TYPE_OF_TRANSACTION.get(tx))) {
                    throw refuse(ErrorCode.UFTP_MESSAGE_TYPE_MISMATCH, "%s carries a %s", tx.name(), type);
                }
                String senderDomain = m.path("senderDomain").asText();
                UftpRecords.StoredParticipant sender = participants.get(senderDomain);
                if (sender == null) {
                    throw refuse(ErrorCode.UFTP_SENDER_UNKNOWN, "sender domain %s is not registered", senderDomain);
                }
                if (!sender.msp().equals(caller)) {
                    throw refuse(
                            ErrorCode.UFTP_SENDER_NOT_CALLER,
                            "sender domain %s belongs to %s (caller %s)",
                            senderDomain,
                            sender.msp(),
                            caller);
                }
                String recipient = m.path("recipientDomain").asText();
                if (recipient.equals(senderDomain) || !participants.containsKey(recipient)) {
                    throw refuse(ErrorCode.UFTP_RECIPIENT_INVALID, "recipient domain %s is not another", recipient);
                }
                byte[] xml = signedXml(m);
                PayloadMessage signed;
                try {
                    signed = UftpXml.standard().read(xml, PayloadMessage.class);
                } catch (UftpXmlException e) {
                    throw refuse(ErrorCode.UFTP_SIGNATURE_INVALID, "the signed XML is not a UFTP message");
                }
                boolean named = signed.elementName().equals(type)
                        && signed.getMessageId()
                                .toString()
                                .equals(m.path("messageId").asText())
                        && signed.getConversationId()
                                .toString()
                                .equals(m.path("conversationId").asText())
                        && Objects.equals(signed.getSenderDomain(), senderDomain)
                        && Objects.equals(signed.getRecipientDomain(), recipient);
                if (!named) {
                    throw refuse(
                            ErrorCode.UFTP_SIGNATURE_INVALID,
                            "the signed XML does not name message %s",
                            m.path("messageId").asText());
                }
                String key = senderDomain + "|" + m.path("messageId").asText();
                if (messages.containsKey(key)) {
                    throw refuse(
                            ErrorCode.UFTP_MESSAGE_REPLAYED,
                            "message %s was recorded by transaction %s",
                            key,
                            messages.get(key).txId());
                }
                LedgerReceipt receipt = effect.get();
                byte[] signedBody =
                        Base64.getDecoder().decode(m.path("signedBody").asText());
                messages.put(
                        key,
                        new UftpRecords.StoredMessage(
                                m.path("messageId").asText(),
                                m.path("conversationId").asText(),
                                senderDomain,
                                sender.role(),
                                caller,
                                sender.version(),
                                recipient,
                                type,
                                sha256Hex(xml),
                                Base64.getEncoder().encodeToString(Arrays.copyOf(signedBody, SIGNATURE_BYTES)),
                                tx.name(),
                                receipt.transactionId(),
                                Instant.now().toString()));
                return receipt;
            });
        }

        /** The XML the sender signed, verified with its registered key. */
        private byte[] signedXml(JsonNode message) {
            UftpRecords.StoredParticipant sender =
                    participants.get(message.path("senderDomain").asText());
            try {
                byte[] signedBody =
                        Base64.getDecoder().decode(message.path("signedBody").asText());
                return Cs1.open(signedBody, Cs1.parsePublicKey(sender.publicKey()));
            } catch (UftpSignatureException | IllegalArgumentException | NullPointerException e) {
                throw refuse(
                        ErrorCode.UFTP_SIGNATURE_INVALID,
                        "the signature of message %s does not verify with the key registered for %s",
                        message.path("messageId").asText(),
                        message.path("senderDomain").asText());
            }
        }

        /** {@code baselines:RecordPrognosis}'s checks and record (see the class comment). */
        private ObjectNode prognosis(UftpRecords.PrognosisOf in, byte[] xml, String txId) {
            requireAggregator(ErrorCode.BASELINE_MSP_NOT_ALLOWED, "record D-Prognoses");
            String cp = in.congestionPointId();
            String day = in.day().toString();
            DPrognosis p;
            try {
                p = UftpXml.standard().read(xml, DPrognosis.class);
            } catch (UftpXmlException e) {
                throw refuse(ErrorCode.INVALID_FIELD, "$: the signed message is not a D-Prognosis");
            }
            String address = p.getCongestionPoint();
            if (!day.equals(String.valueOf(p.getPeriod()))
                    || address == null
                    || !address.startsWith("ea1.")
                    || !address.substring(address.indexOf(':') + 1).equals(cp)) {
                throw refuse(
                        ErrorCode.INVALID_FIELD,
                        "$: the signed D-Prognosis is of %s at %s, not of %s at %s",
                        p.getPeriod(),
                        address,
                        day,
                        cp);
            }
            registry.as(caller).readCongestionPoint(cp);
            MarketPeriod period = MarketRules.DEFAULT.period(LocalDate.parse(day));
            if (!period.isOpenAt(Instant.now())) {
                throw refuse(
                        ErrorCode.BASELINE_GATE_CLOSED, "gate closure for %s was at %s", day, period.gateClosure());
            }
            String key = day + "|" + cp + "|" + caller;
            if (prognoses.containsKey(key)) {
                throw refuse(ErrorCode.PROGNOSIS_EXISTS, "%s's D-Prognosis of %s for %s is recorded", caller, cp, day);
            }
            int slots = period.slotCount();
            Map<Integer, Long> watts = new TreeMap<>();
            for (DPrognosisIsp isp : p.getIsps()) {
                int duration = isp.getDuration() == null ? 1 : isp.getDuration();
                for (int i = 0; i < duration; i++) {
                    if (watts.put(isp.getStart() - 1 + i, isp.getPower()) != null) {
                        throw refuse(ErrorCode.INVALID_FIELD, "$: ISP %d is given twice", isp.getStart() + i);
                    }
                }
            }
            if (watts.size() != slots || watts.keySet().stream().anyMatch(n -> n < 0 || n >= slots)) {
                throw refuse(ErrorCode.INVALID_FIELD, "$: a D-Prognosis gives each of the %d ISPs once", slots);
            }
            List<String> homes = new ArrayList<>();
            for (JsonNode asset : object(new String(
                            registry.listPortfolio(caller, "100", ""), java.nio.charset.StandardCharsets.UTF_8))
                    .path("records")) {
                if (cp.equals(asset.path("congestionPointId").asText())) {
                    homes.add(asset.path("id").asText());
                }
            }
            if (homes.isEmpty()) {
                throw refuse(ErrorCode.PROGNOSIS_BASELINE_MISSING, "%s has no home at congestion point %s", caller, cp);
            }
            long[] sum = new long[slots];
            for (String home : homes) {
                List<Kilowatts> values;
                try {
                    values = settlements
                            .as(caller)
                            .readBaselineValues(home, day)
                            .baseline()
                            .kwBySlot();
                } catch (ChaincodeRejection e) {
                    throw refuse(
                            ErrorCode.PROGNOSIS_BASELINE_MISSING, "home %s has no revealed baseline for %s", home, day);
                }
                for (int slot = 0; slot < slots; slot++) {
                    sum[slot] += values.get(slot).value().movePointRight(3).longValueExact();
                }
            }
            for (int slot = 0; slot < slots; slot++) {
                if (watts.get(slot) != sum[slot]) {
                    throw refuse(
                            ErrorCode.PROGNOSIS_MISMATCH,
                            "ISP %d: the D-Prognosis gives %d W, the revealed baselines of %s sum to %d W",
                            slot + 1,
                            watts.get(slot),
                            homes,
                            sum[slot]);
                }
            }
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            record.put("congestionPointId", cp);
            record.put("day", day);
            record.put("aggregatorMsp", caller);
            record.put("messageId", p.getMessageId().toString());
            record.put("txId", txId);
            prognoses.put(key, record);
            return record;
        }

        private <T> T read(Supplier<T> reading) {
            return ledger.read(reading);
        }
    }

    /** The length of a CS1 (Ed25519) signature, which a signed body starts with. */
    private static final int SIGNATURE_BYTES = 64;

    /** A transaction's input as the gateway sends it: the codec's canonical JSON. */
    private static String input(Map<String, Object> written) {
        return CanonicalJson.write(written);
    }

    /** A record as the chaincode writes it (canonical JSON), as a tree. */
    private static ObjectNode stored(Map<String, Object> written) {
        return object(CanonicalJson.write(written));
    }

    /** Typed records as the chaincode writes them, under their keys (for the paged reads). */
    private static <T> Map<String, ObjectNode> written(
            Map<String, T> records, java.util.function.Function<T, Map<String, Object>> writer) {
        Map<String, ObjectNode> out = new TreeMap<>();
        records.forEach((key, record) -> out.put(key, stored(writer.apply(record))));
        return out;
    }

    /** A page {@code {records, bookmark}} as the chaincode writes it, each record decoded by the codec. */
    private static <T> Page<T> decodedPage(
            byte[] page, java.util.function.Function<io.flexledger.contract.codec.JsonFields, T> reader) {
        JsonNode in = object(new String(page, java.nio.charset.StandardCharsets.UTF_8));
        List<T> records = new ArrayList<>();
        in.path("records").forEach(r -> records.add(reader.apply(MarketRecords.stored(r.toString()))));
        return new Page<>(records, in.path("bookmark").asText(""));
    }

    /** The record {@code id}; refused with {@code code} if there is none. */
    private static <T> T found(Map<String, T> records, String id, ErrorCode code, String what) {
        T record = records.get(id);
        if (record == null) {
            throw refuse(code, "%s %s does not exist", what, id);
        }
        return record;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
