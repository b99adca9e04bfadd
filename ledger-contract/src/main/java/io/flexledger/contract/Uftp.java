package io.flexledger.contract;

import java.net.URI;
import java.net.URISyntaxException;

/** The {@code uftp} contract: uFTP participants and message log. */
public final class Uftp {
    private Uftp() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "uftp";

    /**
     * The transient field carrying a transaction's UFTP message (its signed envelope), so that the message is
     * checked by the chaincode and kept in the message log rather than passed as an argument.
     */
    public static final String MESSAGE_TRANSIENT = "uftpMessage";

    /** The longest endpoint URL a participant may register. */
    public static final int MAX_ENDPOINT = 2048;

    /**
     * Whether {@code endpoint} may be a participant's endpoint: an absolute http or https URL with a host
     * and no user information, at most {@link #MAX_ENDPOINT} characters (the rule the chaincode enforces and
     * the API checks first).
     */
    public static boolean isValidEndpoint(String endpoint) {
        if (endpoint.length() > MAX_ENDPOINT) {
            return false;
        }
        try {
            URI uri = new URI(endpoint);
            return uri.isAbsolute()
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String REGISTER_PARTICIPANT = "RegisterParticipant";
        public static final String READ_PARTICIPANT = "ReadParticipant";
        public static final String PARTICIPANT_HISTORY = "ParticipantHistory";
        public static final String LIST_PARTICIPANTS = "ListParticipants";
        public static final String RECORD_MESSAGE = "RecordMessage";
        public static final String READ_MESSAGE = "ReadMessage";
        public static final String LIST_MESSAGES = "ListMessages";
        public static final String CREATE_OFFERS = "CreateOffers";
        public static final String REVOKE_OFFERS = "RevokeOffers";
        public static final String READ_OFFER_OPTIONS = "ReadOfferOptions";
    }

    /** Registers (or replaces) one of the caller's own UFTP participants: {@code {domain, role: DSO|AGR, publicKey: "cs1.…", endpoint: "https://…"}}. Arguments: participantJson. */
    public static final Tx REGISTER_PARTICIPANT = Tx.submit(CONTRACT, Names.REGISTER_PARTICIPANT);

    /** Reads the participant of a domain (anyone). Arguments: domain. */
    public static final Tx READ_PARTICIPANT = Tx.evaluate(CONTRACT, Names.READ_PARTICIPANT);

    /** Every version of a domain's registration (its keys over time), for checking old signatures. Arguments: domain. */
    public static final Tx PARTICIPANT_HISTORY = Tx.evaluate(CONTRACT, Names.PARTICIPANT_HISTORY);

    /** Lists the registered participants, one page at a time. Arguments: pageSize, bookmark. */
    public static final Tx LIST_PARTICIPANTS = Tx.evaluate(CONTRACT, Names.LIST_PARTICIPANTS);

    /** Records an accepted inbound UFTP message that has no ledger transaction of its own (a response, a settlement response without disputed lines, a prognosis): the message travels as the transient field {@value UftpMessages#TRANSIENT_FIELD} and is checked and written around this transaction like any other's. Arguments: none (transient fields only). */
    public static final Tx RECORD_MESSAGE = Tx.submit(CONTRACT, Names.RECORD_MESSAGE);

    /** Reads a recorded message by its sender's domain and its MessageID (anyone). Arguments: senderDomain, messageId. */
    public static final Tx READ_MESSAGE = Tx.evaluate(CONTRACT, Names.READ_MESSAGE);

    /** Lists a sender's recorded messages (or every sender's, with an empty domain), one page at a time. Arguments: senderDomain, pageSize, bookmark. */
    public static final Tx LIST_MESSAGES = Tx.evaluate(CONTRACT, Names.LIST_MESSAGES);

    /** The offers of one FlexOffer's several OfferOptions, all in one transaction or none (aggregators only): {@code {flexOfferMessageId, offers: ["<offer JSON>", …]}}, each offer's id {@code <MessageID>.<OptionReference>}. Arguments: optionsJson. */
    public static final Tx CREATE_OFFERS = Tx.submit(CONTRACT, Names.CREATE_OFFERS);

    /** Revokes every option of a FlexOffer made by {@link #CREATE_OFFERS}, all or none: {@code {flexOfferMessageId, reason}}. Arguments: revocationJson. */
    public static final Tx REVOKE_OFFERS = Tx.submit(CONTRACT, Names.REVOKE_OFFERS);

    /** The options of a FlexOffer made by {@link #CREATE_OFFERS}: {@code {flexOfferMessageId, aggregatorMsp, offerIds, txId}} (anyone). Arguments: flexOfferMessageId. */
    public static final Tx READ_OFFER_OPTIONS = Tx.evaluate(CONTRACT, Names.READ_OFFER_OPTIONS);
}
