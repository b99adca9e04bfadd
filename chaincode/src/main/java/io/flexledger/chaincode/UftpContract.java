package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.chaincode.support.UftpMessages;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Uftp;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.participants.OrganisationRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * UFTP on the ledger: the registry of UFTP participants that the specification leaves to DNS or a
 * central service (each domain's role, CS1 public key and endpoint, bound to the organisation that
 * registered it), and the log of accepted inbound UFTP messages (see {@link UftpMessages}: a business
 * transaction records the message it carries; {@code RecordMessage} records one without a ledger
 * effect, such as a response).
 */
@Contract(
        name = Uftp.CONTRACT,
        info = @Info(title = "FlexLedger UFTP", description = "UFTP participants and message log", version = "1"))
public final class UftpContract implements MarketContract {
    /** The fields of a participant registration. */
    public static final Set<String> PARTICIPANT_INPUT = Set.of("domain", "role", "publicKey", "endpoint");

    private static final int MAX_DOMAIN = 253;

    /** The fields of {@link #createOffers}'s input. */
    public static final Set<String> OPTIONS_INPUT = Set.of("flexOfferMessageId", "offers");

    /** The most OfferOptions one FlexOffer may carry onto the ledger. */
    public static final int MAX_OPTIONS = 16;

    /**
     * Registers (or replaces) one of the caller's own UFTP participants: {@code {domain, role: DSO|AGR,
     * publicKey: "cs1.…", endpoint: "https://…"}}. The DSO registers DSO domains, an aggregator AGR
     * domains; a domain another organisation registered is refused. A replacement bumps {@code version}.
     */
    @Transaction(name = Uftp.Names.REGISTER_PARTICIPANT, intent = Transaction.TYPE.SUBMIT)
    public String registerParticipant(Context ctx, String participantJson) {
        String caller = Caller.msp(ctx);
        Optional<OrganisationRole> callerRole = Organisation.roleOf(caller);
        String ownRole = callerRole.orElse(null) == OrganisationRole.DSO
                ? "DSO"
                : callerRole.orElse(null) == OrganisationRole.AGGREGATOR ? "AGR" : null;
        // Only the DSO and aggregators trade over UFTP.
        if (ownRole == null) {
            throw fail(
                    ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED,
                    "only the DSO and aggregator organisations register UFTP participants (caller %s)",
                    caller);
        }
        JsonInput in = JsonInput.parse(participantJson).onlyFields(PARTICIPANT_INPUT);
        String domain = in.string("domain");
        String role = in.string("role");
        String publicKey = in.string("publicKey");
        String endpoint = in.string("endpoint");
        in.violations()
                .check(
                        domain == null
                                || domain.length() <= MAX_DOMAIN
                                        && UftpMessages.DOMAIN.matcher(domain).matches(),
                        in.at("domain"),
                        "must be a lower-case domain name (UFTP's form)");
        in.violations().check(role == null || Set.of("DSO", "AGR").contains(role), in.at("role"), "must be DSO or AGR");
        in.violations()
                .check(
                        publicKey == null || UftpMessages.publicKey(publicKey).isPresent(),
                        in.at("publicKey"),
                        "must be cs1. followed by the Base64 of a 32-byte Ed25519 key (or 64: with the encryption key)");
        in.violations()
                .check(
                        endpoint == null || Uftp.isValidEndpoint(endpoint),
                        in.at("endpoint"),
                        "must be an absolute http or https URL");
        in.done();
        // An organisation registers participants in its own role only.
        if (!role.equals(ownRole)) {
            throw fail(
                    ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED,
                    "%s may register %s participants only, not %s",
                    caller,
                    ownRole,
                    role);
        }
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.UFTP_PARTICIPANT, domain);
        Optional<JsonInput> existing = UftpMessages.participant(ledger, domain);
        // A domain belongs to the organisation that registered it first: nobody else replaces its key.
        if (existing.isPresent() && !existing.get().string("msp").equals(caller)) {
            throw fail(
                    ErrorCode.UFTP_PARTICIPANT_MSP_NOT_ALLOWED,
                    "domain %s is registered by %s (caller %s)",
                    domain,
                    existing.get().string("msp"),
                    caller);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("domain", domain);
        record.put("role", role);
        record.put("publicKey", publicKey);
        record.put("endpoint", endpoint);
        record.put("msp", caller);
        record.put("version", existing.map(e -> e.integer("version") + 1).orElse(1));
        record.put("txId", ledger.txId());
        record.put("at", ledger.now().toString());
        String json = ledger.put(key, record);
        ledger.put(ledger.key(Keys.UFTP_PARTICIPANT_BY_MSP, caller, domain), Map.of("key", key));
        ledger.emit("UftpParticipantRegistered", record);
        return json;
    }

    /** Reads the participant of a domain (anyone). */
    @Transaction(name = Uftp.Names.READ_PARTICIPANT, intent = Transaction.TYPE.EVALUATE)
    public String readParticipant(Context ctx, String domain) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.UFTP_PARTICIPANT, domain))
                .orElseThrow(() ->
                        fail(ErrorCode.UFTP_PARTICIPANT_NOT_FOUND, "no UFTP participant is registered for %s", domain));
    }

    /** Every version of a domain's registration (its keys over time), for checking old signatures. */
    @Transaction(name = Uftp.Names.PARTICIPANT_HISTORY, intent = Transaction.TYPE.EVALUATE)
    public String participantHistory(Context ctx, String domain) {
        Ledger ledger = new Ledger(ctx);
        readParticipant(ctx, domain);
        return CanonicalJson.write(Map.of("versions", ledger.history(ledger.key(Keys.UFTP_PARTICIPANT, domain))));
    }

    /** Lists the registered participants, one page at a time. */
    @Transaction(name = Uftp.Names.LIST_PARTICIPANTS, intent = Transaction.TYPE.EVALUATE)
    public String listParticipants(Context ctx, int pageSize, String bookmark) {
        return new Ledger(ctx).page(Keys.UFTP_PARTICIPANT, List.of(), pageSize, bookmark, json -> json);
    }

    /**
     * Records an accepted inbound UFTP message that has no ledger transaction of its own (a response, a
     * settlement response without disputed lines, a prognosis): the message travels as the transient field
     * {@value UftpMessages#TRANSIENT_FIELD} and is checked and written around this transaction like any
     * other's. Returns {@code {senderDomain, messageId, txId}}.
     */
    @Transaction(name = Uftp.Names.RECORD_MESSAGE, intent = Transaction.TYPE.SUBMIT)
    public String recordMessage(Context ctx) {
        Ledger ledger = new Ledger(ctx);
        String raw = ledger.transientField(UftpMessages.TRANSIENT_FIELD)
                .orElseThrow(() -> fail(
                        ErrorCode.MALFORMED_INPUT,
                        "$: the transient field %s holds the message to record",
                        UftpMessages.TRANSIENT_FIELD));
        JsonInput in = JsonInput.parse(raw);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("senderDomain", in.string("senderDomain"));
        out.put("messageId", in.string("messageId"));
        out.put("txId", ledger.txId());
        return CanonicalJson.write(out);
    }

    /**
     * The offers of one FlexOffer's several OfferOptions: {@code {flexOfferMessageId, offers: ["<offer
     * JSON>", …]}}, each offer as {@code offers:CreateOffer} takes it, its id {@code <MessageID>.<the
     * option's reference>}. All are made by the rules of {@code CreateOffer}, in this one transaction, or
     * none (with the message it carries, so that a FlexOffer is never half on the ledger); the options are
     * kept under the MessageID ({@code ReadOfferOptions}), so that a revocation revokes them all.
     */
    @Transaction(name = Uftp.Names.CREATE_OFFERS, intent = Transaction.TYPE.SUBMIT)
    public String createOffers(Context ctx, String optionsJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.OFFER_MSP_NOT_ALLOWED, "post offers");
        JsonInput in = JsonInput.parse(optionsJson).onlyFields(OPTIONS_INPUT);
        String messageId = in.string("flexOfferMessageId");
        List<String> offers = in.stringList("offers");
        in.violations()
                .check(
                        messageId == null
                                || UftpMessages.UUID.matcher(messageId).matches(),
                        in.at("flexOfferMessageId"),
                        "must be a UUID");
        in.violations()
                .check(
                        offers == null || !offers.isEmpty() && offers.size() <= MAX_OPTIONS,
                        in.at("offers"),
                        "must hold 1 to " + MAX_OPTIONS + " offers");
        in.done();
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.UFTP_OFFER_OPTIONS, messageId);
        // A FlexOffer's options are made once.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.OFFER_EXISTS, "the options of FlexOffer %s exist", messageId);
        }
        OfferContract contract = new OfferContract();
        List<String> ids = new java.util.ArrayList<>();
        List<Object> created = new java.util.ArrayList<>();
        for (String offer : offers) {
            String id = JsonInput.parse(offer).optionalString("id");
            // Each option's offer is named after the FlexOffer, once (the ledger reads no write of its own
            // transaction).
            if (id == null || !id.startsWith(messageId + ".") || ids.contains(id)) {
                throw fail(
                        ErrorCode.INVALID_FIELD,
                        "$.offers[%d].id: must be %s.<OptionReference>, once per option, not %s",
                        ids.size(),
                        messageId,
                        id);
            }
            ids.add(id);
            created.add(new CanonicalJson.Raw(contract.createOffer(ctx, offer)));
            // Each option knows its FlexOffer, so that an order of one, by UFTP or not, excludes the others.
            ledger.put(ledger.key(Keys.UFTP_OPTION_OF, id), Map.of("flexOfferMessageId", messageId));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("flexOfferMessageId", messageId);
        record.put("aggregatorMsp", caller);
        record.put("offerIds", ids);
        record.put("txId", ledger.txId());
        String json = ledger.put(key, record);
        ledger.requireEndorsers(key, caller, Organisation.DSO_MSP);
        // Fabric keeps one event per transaction: this one names every offer made (each OfferCreated of
        // the loop above is replaced by it), so that no option is invisible to event consumers.
        Map<String, Object> event = new LinkedHashMap<>(record);
        event.put("offers", created);
        ledger.emit("OffersCreated", event);
        return json;
    }

    /**
     * Revokes every option of a FlexOffer made by {@link #createOffers}: {@code {flexOfferMessageId,
     * reason}}, each by the rules of {@code revocations:RevokeOffer} (its aggregator only, a live offer
     * only), all or none: an ordered option makes the FlexOffer a commitment, and the revocation is refused.
     */
    @Transaction(name = Uftp.Names.REVOKE_OFFERS, intent = Transaction.TYPE.SUBMIT)
    public String revokeOffers(Context ctx, String revocationJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.REVOCATION_MSP_NOT_ALLOWED, "revoke offers");
        JsonInput in = JsonInput.parse(revocationJson).onlyFields(Set.of("flexOfferMessageId", "reason"));
        String messageId = in.string("flexOfferMessageId");
        String reason = in.string("reason");
        in.done();
        JsonInput options = JsonInput.parse(readOfferOptions(ctx, messageId));
        RevocationContract contract = new RevocationContract();
        List<String> revoked = new java.util.ArrayList<>();
        List<Object> revocations = new java.util.ArrayList<>();
        for (String offerId : options.stringList("offerIds")) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("offerId", offerId);
            one.put("reason", reason);
            revocations.add(new CanonicalJson.Raw(contract.revokeOffer(ctx, CanonicalJson.write(one))));
            revoked.add(offerId);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flexOfferMessageId", messageId);
        out.put("revoked", revoked);
        out.put("txId", new Ledger(ctx).txId());
        // One event naming every revoked option (each OfferRevoked of the loop is replaced by it).
        Map<String, Object> event = new LinkedHashMap<>(out);
        event.put("aggregatorMsp", caller);
        event.put("revocations", revocations);
        new Ledger(ctx).emit("OffersRevoked", event);
        return CanonicalJson.write(out);
    }

    /** The options of a FlexOffer made by {@link #createOffers} (anyone). */
    @Transaction(name = Uftp.Names.READ_OFFER_OPTIONS, intent = Transaction.TYPE.EVALUATE)
    public String readOfferOptions(Context ctx, String flexOfferMessageId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.UFTP_OFFER_OPTIONS, flexOfferMessageId))
                .orElseThrow(() -> fail(
                        ErrorCode.OFFER_NOT_FOUND, "FlexOffer %s has no options on the ledger", flexOfferMessageId));
    }

    /** Reads a recorded message by its sender's domain and its MessageID (anyone). */
    @Transaction(name = Uftp.Names.READ_MESSAGE, intent = Transaction.TYPE.EVALUATE)
    public String readMessage(Context ctx, String senderDomain, String messageId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.UFTP_MESSAGE, senderDomain, messageId))
                .orElseThrow(() -> fail(
                        ErrorCode.UFTP_MESSAGE_NOT_FOUND,
                        "no message %s from %s is recorded",
                        messageId,
                        senderDomain));
    }

    /** Lists a sender's recorded messages (or every sender's, with an empty domain), one page at a time. */
    @Transaction(name = Uftp.Names.LIST_MESSAGES, intent = Transaction.TYPE.EVALUATE)
    public String listMessages(Context ctx, String senderDomain, int pageSize, String bookmark) {
        List<String> prefix = senderDomain == null || senderDomain.isEmpty() ? List.of() : List.of(senderDomain);
        return new Ledger(ctx).page(Keys.UFTP_MESSAGE, prefix, pageSize, bookmark, json -> json);
    }
}
