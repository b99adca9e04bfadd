package io.flexledger.marketplaceapi.uftp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.UftpRecords;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.DPrognosisResponse;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferResponse;
import io.flexledger.uftp.FlexOfferRevocation;
import io.flexledger.uftp.FlexOfferRevocationResponse;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderResponse;
import io.flexledger.uftp.FlexRequest;
import io.flexledger.uftp.FlexRequestResponse;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.PayloadMessageResponse;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpSignatureException;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UftpXmlException;
import io.flexledger.uftp.UsefRole;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The organisation's UFTP edge (decision 0019): its own UFTP participant posts SignedMessages here,
 * without a bearer token, since UFTP authenticates by signature. The sender's CS1 key and organisation
 * come from the ledger ({@code uftp:ReadParticipant}); a message that verifies, comes from one of this
 * organisation's own domains and is addressed to another registered domain is submitted, under this
 * organisation's identity, as the ledger transaction it means, carrying the message so that the
 * chaincode checks it again and records it in the same transaction. Transport failures are UFTP's
 * status codes (400 unreadable, 401 unknown sender or bad signature, 403 a domain this organisation
 * does not speak for, 503 the ledger did not answer); business refusals are the message's *Response
 * with Result=Rejected, answered with 200 in the body (synchronously), signed by the edge's own
 * participant key when the organisation configured one (see {@link #answer}).
 */
@Path("/shapeshifter/api/v3/message")
@PermitAll
@Tag(name = "uftp")
public class UftpResource {
    private static final Logger LOG = Logger.getLogger(UftpResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UftpLedger ledger;
    private final UftpOutbox edge;
    private final String unservedPenalty;

    public UftpResource(
            UftpLedger ledger,
            UftpOutbox edge,
            @ConfigProperty(name = "flex.uftp.unserved-penalty") String unservedPenalty) {
        this.ledger = ledger;
        this.edge = edge;
        this.unservedPenalty = unservedPenalty;
    }

    /** Takes one SignedMessage. */
    @POST
    @Consumes({MediaType.TEXT_XML, MediaType.APPLICATION_XML})
    @Produces(MediaType.TEXT_XML)
    @Operation(summary = "Receive a UFTP SignedMessage from this organisation's own UFTP participant")
    public Response receive(byte[] body) {
        SignedMessage signed;
        try {
            signed = UftpXml.standard().read(body, SignedMessage.class);
        } catch (UftpXmlException e) {
            return status(Response.Status.BAD_REQUEST, "not a UFTP SignedMessage: " + e.getMessage());
        }
        Optional<UftpRecords.StoredParticipant> sender = ledger.participant(signed.getSenderDomain());
        if (sender.isEmpty()) {
            return status(
                    Response.Status.UNAUTHORIZED,
                    "sender domain " + signed.getSenderDomain() + " is not a registered UFTP participant");
        }
        String registeredRole = sender.get().role();
        if (signed.getSenderRole() == null || !signed.getSenderRole().name().equals(registeredRole)) {
            return status(
                    Response.Status.UNAUTHORIZED,
                    signed.getSenderDomain() + " is registered as " + registeredRole + ", not "
                            + signed.getSenderRole());
        }
        byte[] xml;
        try {
            PublicKey key = Cs1.parsePublicKey(sender.get().publicKey());
            xml = Cs1.open(signed, key);
        } catch (UftpSignatureException | IllegalArgumentException e) {
            return status(
                    Response.Status.UNAUTHORIZED, "signature of " + signed.getSenderDomain() + ": " + e.getMessage());
        }
        PayloadMessage message;
        try {
            message = UftpXml.standard().read(xml, PayloadMessage.class);
        } catch (UftpXmlException e) {
            return status(Response.Status.BAD_REQUEST, "the signed message is not a UFTP message: " + e.getMessage());
        }
        // The signed message speaks for the domain that signed it, no other.
        if (!signed.getSenderDomain().equals(message.getSenderDomain())) {
            return status(
                    Response.Status.UNAUTHORIZED,
                    "signed by " + signed.getSenderDomain() + " but sent as " + message.getSenderDomain());
        }
        // An organisation's edge carries its own participants' messages only.
        String owner = sender.get().msp();
        if (!owner.equals(ledger.mspId())) {
            return status(
                    Response.Status.FORBIDDEN,
                    message.getSenderDomain() + " belongs to " + owner + "; this is the edge of " + ledger.mspId());
        }
        if (message.getRecipientDomain().equals(message.getSenderDomain())
                || ledger.participant(message.getRecipientDomain()).isEmpty()) {
            return answer(
                    message,
                    "RecipientDomain " + message.getRecipientDomain() + " is not another registered UFTP participant");
        }
        if (message instanceof DPrognosis prognosis) {
            return prognosis(prognosis, signed);
        }
        String sha256 = sha256Hex(xml);
        UftpMapping.LedgerCall call;
        try {
            call = UftpMapping.map(message, signed.getSenderRole(), ledger.mspId(), unservedPenalty, sha256, ledger);
        } catch (UftpMapping.Rejected e) {
            return answer(message, e.getMessage());
        }
        try {
            ledger.submit(call, envelope(message, signed.getBody()));
        } catch (ChaincodeRejection e) {
            LOG.infof(
                    "UFTP %s %s from %s refused by the ledger: %s",
                    message.elementName(), message.getMessageId(), message.getSenderDomain(), e.getMessage());
            return answer(message, e.getMessage());
        }
        return answer(message, null);
    }

    /**
     * A D-Prognosis becomes the baseline of the aggregator's one home at its congestion point: committed
     * with the message, then revealed at once (UFTP shows the prognosis to the DSO on receipt; the
     * revealed values go to the collection this aggregator shares with the DSO). The ledger's baselines
     * are per home, a D-Prognosis is per congestion point: with two or more homes of this aggregator
     * there, which share is whose is not in the message, so it is Rejected rather than guessed.
     */
    private Response prognosis(DPrognosis p, SignedMessage signed) {
        UftpMapping.Prognosis prognosis;
        try {
            prognosis = UftpMapping.prognosis(p, signed.getSenderRole(), Instant.now());
        } catch (UftpMapping.Rejected e) {
            return answer(p, e.getMessage());
        }
        String cp = prognosis.congestionPointId();
        if (!ledger.congestionPointExists(cp)) {
            return answer(p, "congestion point " + cp + " is not registered on the ledger");
        }
        List<String> homes = ledger.ownHomesAt(cp);
        if (homes.isEmpty()) {
            return answer(p, ledger.mspId() + " has no home at congestion point " + cp);
        }
        if (homes.size() > 1) {
            return aggregatePrognosis(p, signed, prognosis, homes);
        }
        String home = homes.get(0);
        String salt = salt();
        BaselineCommitment commitment;
        try {
            commitment = prognosis.commitment(home, ledger.mspId(), salt, Instant.now());
        } catch (UftpMapping.Rejected e) {
            return answer(p, e.getMessage());
        }
        try {
            ledger.commitBaseline(commitment, envelope(p, signed.getBody()));
        } catch (ChaincodeRejection e) {
            LOG.infof(
                    "UFTP D-Prognosis %s from %s refused by the ledger: %s",
                    p.getMessageId(), p.getSenderDomain(), e.getMessage());
            return answer(p, e.getMessage());
        }
        try {
            ledger.revealBaseline(prognosis.reveal(home, salt));
        } catch (ChaincodeRejection e) {
            LOG.warnf(
                    "the baseline of %s from D-Prognosis %s is committed, not revealed: %s",
                    home, p.getMessageId(), e.getMessage());
            return answer(
                    p,
                    "the baseline of " + home + " is committed with this message but not revealed (" + e.getMessage()
                            + "); a new D-Prognosis before gate closure replaces the commitment and reveals it");
        }
        return answer(p, null);
    }

    /**
     * A D-Prognosis of a congestion point where this aggregator has several homes: which share is whose
     * is not in the message, so it stands only as the sum of the baselines the aggregator has committed
     * and revealed home by home ({@code POST /api/baselines}); then it is recorded with its message
     * ({@code baselines:RecordPrognosis}, where both endorsers check the same from the signed XML), once.
     */
    private Response aggregatePrognosis(
            DPrognosis p, SignedMessage signed, UftpMapping.Prognosis prognosis, List<String> homes) {
        Map<String, Optional<List<Kilowatts>>> revealed = new LinkedHashMap<>();
        for (String home : homes) {
            revealed.put(home, ledger.revealedBaseline(home, prognosis.period().day()));
        }
        Optional<String> inconsistency = UftpMapping.inconsistency(prognosis, revealed);
        if (inconsistency.isPresent()) {
            return answer(p, inconsistency.get());
        }
        try {
            ledger.submit(UftpMapping.aggregate(prognosis), envelope(p, signed.getBody()));
        } catch (ChaincodeRejection e) {
            LOG.infof(
                    "UFTP D-Prognosis %s from %s refused by the ledger: %s",
                    p.getMessageId(), p.getSenderDomain(), e.getMessage());
            return answer(p, e.getMessage());
        }
        return answer(p, null);
    }

    private static String salt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    static String envelope(PayloadMessage message, byte[] signedBody) {
        ObjectNode n = JSON.createObjectNode();
        n.put("messageId", message.getMessageId().toString());
        n.put("conversationId", message.getConversationId().toString());
        n.put("senderDomain", message.getSenderDomain());
        n.put("recipientDomain", message.getRecipientDomain());
        n.put("messageType", message.elementName());
        n.put("signedBody", Base64.getEncoder().encodeToString(signedBody));
        return n.toString();
    }

    /**
     * The *Response to {@code message}: Accepted when {@code rejection} is null, else Rejected with it.
     * With the edge's domain and CS1 key configured (the outbox's {@code sender-domain} and
     * {@code signing-key}) it is a SignedMessage from the edge's domain, signed with that key, which the
     * participant verifies with the key registered for that domain; without them, the bare response
     * from the inbound message's recipient. A response, a settlement response or a settlement has
     * none: 200 without a body.
     */
    Response answer(PayloadMessage message, String rejection) {
        PayloadMessageResponse response = responseTo(message);
        if (response == null) {
            return rejection == null ? Response.ok().build() : status(Response.Status.OK, "Rejected: " + rejection);
        }
        Optional<UftpOutbox.Settings> signer = edge.settings();
        response.setVersion(PayloadMessage.VERSION);
        response.setSenderDomain(signer.map(UftpOutbox.Settings::senderDomain).orElse(message.getRecipientDomain()));
        response.setRecipientDomain(message.getSenderDomain());
        response.setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        response.setMessageId(UUID.randomUUID());
        response.setConversationId(message.getConversationId());
        if (rejection == null) {
            response.accept();
        } else {
            response.reject(rejection.length() > 1000 ? rejection.substring(0, 1000) : rejection);
        }
        byte[] xml = UftpXml.standard().write(response);
        if (signer.isPresent()) {
            UsefRole role = Organisation.isDso(ledger.mspId()) ? UsefRole.DSO : UsefRole.AGR;
            byte[] signedBody = Cs1.sign(xml, signer.get().signingKey());
            recordResponse(response, signedBody);
            xml = UftpXml.standard().write(new SignedMessage(signer.get().senderDomain(), role, signedBody));
        }
        return Response.ok(xml, MediaType.TEXT_XML).build();
    }

    /**
     * Records a signed response on the ledger before it leaves ({@code uftp:RecordMessage}: MessageID,
     * the edge's domain as sender, SHA-256 and signature, checked by the chaincode against the edge's
     * registered key and this organisation's identity), so that non-repudiation covers the answers as
     * well as the messages. The inbound message's effect is committed already: a ledger that does not
     * take the record does not change the answer, it is logged.
     */
    private void recordResponse(PayloadMessageResponse response, byte[] signedBody) {
        try {
            ledger.record(envelope(response, signedBody));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "UFTP %s %s to %s is answered but not recorded on the ledger: %s",
                    response.elementName(), response.getMessageId(), response.getRecipientDomain(), e.toString());
        }
    }

    private static PayloadMessageResponse responseTo(PayloadMessage m) {
        if (m instanceof FlexRequest) {
            return new FlexRequestResponse().setFlexRequestMessageId(m.getMessageId());
        }
        if (m instanceof FlexOffer) {
            return new FlexOfferResponse().setFlexOfferMessageId(m.getMessageId());
        }
        if (m instanceof FlexOfferRevocation) {
            return new FlexOfferRevocationResponse().setFlexOfferRevocationMessageId(m.getMessageId());
        }
        if (m instanceof FlexOrder) {
            return new FlexOrderResponse().setFlexOrderMessageId(m.getMessageId());
        }
        if (m instanceof DPrognosis) {
            return new DPrognosisResponse().setDPrognosisMessageId(m.getMessageId());
        }
        return null;
    }

    private static Response status(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(reason).build();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
