package io.flexledger.contract;

/**
 * Every way a transaction can be refused. The code is the payload of the chaincode's refusal and the
 * first word of its message, so that clients can branch on it without parsing prose; its {@link
 * #kind()} says what kind of refusal it is (and so the HTTP status an API answers with).
 */
public enum ErrorCode {
    /** The argument is not well-formed JSON of the expected shape. */
    MALFORMED_INPUT(ErrorKind.INVALID),
    /** A field is missing, of the wrong type or out of range; the message names its JSON path. */
    INVALID_FIELD(ErrorKind.INVALID),
    /** The transaction name is not one of the contract's. */
    UNKNOWN_TRANSACTION(ErrorKind.UPSTREAM),
    /** A page size outside 1..100. */
    PAGE_SIZE_INVALID(ErrorKind.INVALID),
    /**
     * The proposal's timestamp is further from the endorsing peer's clock than the peer's tolerance:
     * a backdated (or postdated) submission.
     */
    PROPOSAL_TIME_OUT_OF_BOUNDS(ErrorKind.INVALID),

    /** Registry: the caller's organisation may not perform this registration. */
    REGISTRY_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    ORGANISATION_EXISTS(ErrorKind.CONFLICT),
    CONGESTION_POINT_EXISTS(ErrorKind.CONFLICT),
    CONGESTION_POINT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** A feeder's parent is missing or not a transformer. */
    CONGESTION_POINT_PARENT_INVALID(ErrorKind.INVALID),
    ASSET_EXISTS(ErrorKind.CONFLICT),
    ASSET_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The asset belongs to another aggregator's portfolio. */
    ASSET_NOT_OWNED(ErrorKind.FORBIDDEN),
    /** The private (transient) part of a registration is missing or inconsistent. */
    PRIVATE_DATA_INVALID(ErrorKind.INVALID),
    DEVICE_EXISTS(ErrorKind.CONFLICT),
    DEVICE_NOT_FOUND(ErrorKind.NOT_FOUND),
    /**
     * Meters: only the DSO approves a meter or a new key of it; only the home's aggregator proposes a
     * new key.
     */
    METER_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    /** The device is not a meter: only meters are approved by the DSO and have their keys replaced. */
    METER_KIND_INVALID(ErrorKind.INVALID),
    /** The home has an approved (ACTIVE) revenue meter already: one per home. */
    METER_ACTIVE_EXISTS(ErrorKind.CONFLICT),
    /**
     * The meter's state does not allow the change: nothing awaits approval, or a new key is proposed for
     * a meter the DSO has not approved yet.
     */
    METER_STATE_INVALID(ErrorKind.CONFLICT),
    /** The proposed key is the meter's current key, or one it had before. */
    METER_KEY_INVALID(ErrorKind.INVALID),
    /** The approval names another key than the one awaiting approval (e.g. it was replaced meanwhile). */
    METER_KEY_CONFLICT(ErrorKind.CONFLICT),

    /** Baselines: only the home's aggregator commits and reveals. */
    BASELINE_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    BASELINE_GATE_CLOSED(ErrorKind.CONFLICT),
    BASELINE_NOT_FOUND(ErrorKind.NOT_FOUND),
    BASELINE_ALREADY_REVEALED(ErrorKind.CONFLICT),
    /** A version of a baseline commitment is written once; it is never replaced. */
    BASELINE_VERSION_EXISTS(ErrorKind.CONFLICT),
    /** The revealed values and salt do not hash to the committed hash. */
    BASELINE_HASH_MISMATCH(ErrorKind.FORBIDDEN),
    /**
     * A D-Prognosis of a congestion point (several homes) does not equal, ISP by ISP and to the watt, the
     * sum of the homes' revealed baselines.
     */
    PROGNOSIS_MISMATCH(ErrorKind.CONFLICT),
    /** A home of the aggregator at the congestion point has no revealed baseline for the day (or none is there). */
    PROGNOSIS_BASELINE_MISSING(ErrorKind.CONFLICT),
    /** The aggregator's D-Prognosis of this congestion point and day is recorded already: the first is final. */
    PROGNOSIS_EXISTS(ErrorKind.CONFLICT),

    /** Requests: only the DSO posts and closes them. */
    REQUEST_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    REQUEST_EXISTS(ErrorKind.CONFLICT),
    REQUEST_NOT_FOUND(ErrorKind.NOT_FOUND),
    REQUEST_GATE_CLOSED(ErrorKind.CONFLICT),
    REQUEST_STATE_INVALID(ErrorKind.CONFLICT),

    /** Offers: only aggregator organisations post them. */
    OFFER_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    /** The offer names another aggregator than the caller. */
    OFFER_AGGREGATOR_MISMATCH(ErrorKind.FORBIDDEN),
    OFFER_EXISTS(ErrorKind.CONFLICT),
    OFFER_NOT_FOUND(ErrorKind.NOT_FOUND),
    OFFER_GATE_CLOSED(ErrorKind.CONFLICT),
    /** The offered asset is not registered. */
    OFFER_ASSET_NOT_REGISTERED(ErrorKind.NOT_FOUND),
    /** The offered asset is in another aggregator's portfolio. */
    OFFER_ASSET_NOT_OWNED(ErrorKind.FORBIDDEN),
    /** The asset is not connected at or below the offer's congestion point. */
    OFFER_CONGESTION_POINT_MISMATCH(ErrorKind.FORBIDDEN),
    /** A solicited offer names a request that does not exist. */
    OFFER_REQUEST_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** A solicited offer answers a request that is no longer open. */
    OFFER_REQUEST_NOT_OPEN(ErrorKind.CONFLICT),
    /** A solicited offer does not fit its request (day, congestion point, slots). */
    OFFER_REQUEST_MISMATCH(ErrorKind.FORBIDDEN),

    /** Revocations: only the aggregator that made the offer revokes it. */
    REVOCATION_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    /** Only a live offer can be revoked. */
    REVOCATION_OFFER_NOT_LIVE(ErrorKind.CONFLICT),

    /** Orders: only the DSO orders. */
    ORDER_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    ORDER_EXISTS(ErrorKind.CONFLICT),
    ORDER_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The offer is not live: already ordered, revoked, expired, or its block has begun. */
    ORDER_OFFER_NOT_LIVE(ErrorKind.CONFLICT),
    /** The ordered fraction is below the offer's minimum activation. */
    ORDER_BELOW_MIN_ACTIVATION(ErrorKind.INVALID),
    /** The offer's asset is already sold in one of the block's slots. */
    ORDER_DOUBLE_SALE(ErrorKind.CONFLICT),
    /** Another option of the offer's FlexOffer is ordered: a FlexOffer's options exclude each other. */
    ORDER_OPTION_TAKEN(ErrorKind.CONFLICT),
    /** The order's state does not allow the change (e.g. cancelling a settled order). */
    ORDER_STATE_INVALID(ErrorKind.CONFLICT),

    /** Anchors: only the DSO anchors the readings of an aggregator's portfolio. */
    ANCHOR_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    /** The (day, aggregator) readings are anchored already: one anchor each. */
    ANCHOR_EXISTS(ErrorKind.CONFLICT),
    ANCHOR_NOT_FOUND(ErrorKind.NOT_FOUND),

    /** Settlements: only the ordering DSO settles; details only for the DSO and the order's aggregator. */
    SETTLEMENT_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    /** The order is not accepted or activated (cancelled, or settled already). */
    ORDER_NOT_SETTLEABLE(ErrorKind.CONFLICT),
    /** The home's baseline for the day is committed but not revealed (or its values are not on this peer). */
    BASELINE_NOT_REVEALED(ErrorKind.CONFLICT),
    /** A reading's device is not registered. */
    READING_DEVICE_UNKNOWN(ErrorKind.NOT_FOUND),
    /** A reading's device is registered, but not as a METER. */
    READING_NOT_A_METER(ErrorKind.INVALID),
    /**
     * A reading's meter is not approved by the DSO (PROPOSED), or the key its signature verifies with
     * bears no approval countersigned by the DSO's peer.
     */
    READING_METER_NOT_APPROVED(ErrorKind.INVALID),
    /** A reading (or its device) belongs to another home than the order's. */
    READING_ASSET_MISMATCH(ErrorKind.FORBIDDEN),
    /** A reading's signature does not verify with its device's registered key. */
    READING_BAD_SIGNATURE(ErrorKind.INVALID),
    /** A reading's Merkle proof does not lead to the anchored root, or names another leaf count. */
    READING_PROOF_INVALID(ErrorKind.INVALID),
    /** An ordered slot has no reading. */
    READING_SLOT_MISSING(ErrorKind.INVALID),
    /** An ordered slot has more than one reading. */
    READING_SLOT_DUPLICATE(ErrorKind.INVALID),
    /** A reading is for a slot (or day) the order does not cover. */
    READING_OUT_OF_ORDER_SLOT(ErrorKind.INVALID),
    SETTLEMENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The settlement's state does not allow the change (e.g. disputing it a second time). */
    SETTLEMENT_STATE_INVALID(ErrorKind.CONFLICT),

    /** Disputes: only the DSO and the settlement's aggregator open one; the other party resolves it. */
    DISPUTE_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    DISPUTE_EXISTS(ErrorKind.CONFLICT),
    DISPUTE_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The dispute is resolved already. */
    DISPUTE_NOT_OPEN(ErrorKind.CONFLICT),
    /**
     * A resolution names an amount ({@code adjustedNetEur}, a claim or any of its figures): the resolver
     * only accepts or rejects the figures the opener stated.
     */
    DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    /**
     * A claimed figure lies outside what the order could ever be worth: the net outside [minus the
     * penalty of the full ordered volume, the full volume at the price], an energy above the volume.
     */
    DISPUTE_CLAIM_OUT_OF_BOUNDS(ErrorKind.INVALID),
    /**
     * The claimed figures do not follow from each other by the settlement rule (credited + shortfall is
     * the ordered volume, the net is payment minus penalty), or an UPHELD resolution of a dispute that
     * states no figures.
     */
    DISPUTE_CLAIM_INVALID(ErrorKind.INVALID),

    /**
     * UFTP participants: an organisation registers and replaces only its own participants, in its own
     * role (DSO domains by the DSO, AGR domains by an aggregator), and a domain registered by one
     * organisation is never taken over by another.
     */
    UFTP_PARTICIPANT_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    UFTP_PARTICIPANT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** A UFTP message's sender domain is not registered on the ledger. */
    UFTP_SENDER_UNKNOWN(ErrorKind.NOT_FOUND),
    /** A UFTP message's sender domain belongs to another organisation than the submitting one. */
    UFTP_SENDER_NOT_CALLER(ErrorKind.FORBIDDEN),
    /** A UFTP message's recipient domain is not registered, or is the sender's own. */
    UFTP_RECIPIENT_INVALID(ErrorKind.INVALID),
    /** A UFTP message's signature does not verify with its sender's registered CS1 key, or its text does not name the recorded metadata. */
    UFTP_SIGNATURE_INVALID(ErrorKind.INVALID),
    /** The sender's MessageID is on the ledger already (a replay). */
    UFTP_MESSAGE_REPLAYED(ErrorKind.CONFLICT),
    /** The UFTP message type does not belong to this transaction (e.g. a FlexOffer carried by an order). */
    UFTP_MESSAGE_TYPE_MISMATCH(ErrorKind.FORBIDDEN),
    UFTP_MESSAGE_NOT_FOUND(ErrorKind.NOT_FOUND),

    /**
     * Community market: the caller's organisation may not do this (only the operator opens a day, records
     * a clearing and approves a membership; only the member's organisation posts the member's orders).
     */
    COMMUNITY_MSP_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    /** The community's day is opened already (once per community and day). */
    COMMUNITY_DAY_EXISTS(ErrorKind.CONFLICT),
    COMMUNITY_DAY_NOT_FOUND(ErrorKind.NOT_FOUND),
    /**
     * A time rule of the community day: an order after its gate closure, a clearing before it or after the
     * DSO market's gate closure, a gate closure in the past or after the DSO market's.
     */
    COMMUNITY_GATE_CLOSED(ErrorKind.CONFLICT),
    /** The home has a membership already (PROPOSED or ACTIVE), or the membership is not PROPOSED. */
    MEMBERSHIP_STATE_INVALID(ErrorKind.CONFLICT),
    MEMBERSHIP_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The order's member is not the ACTIVE member of its home, or the home is not in the community. */
    MEMBERSHIP_NOT_ACTIVE(ErrorKind.FORBIDDEN),
    COMMUNITY_ORDER_EXISTS(ErrorKind.CONFLICT),
    /** The day's clearing is recorded already (once per community and day). */
    COMMUNITY_CLEARING_EXISTS(ErrorKind.CONFLICT),
    COMMUNITY_CLEARING_NOT_FOUND(ErrorKind.NOT_FOUND),
    /**
     * A trade does not follow from the book: an unknown order, more than the order's kW, buys and sells of
     * a slot that do not balance, a buyer charged above its bid or a seller paid below its ask.
     */
    COMMUNITY_TRADE_INVALID(ErrorKind.INVALID),
    /** A home's slot is sold both in the community market and to the DSO. */
    COMMUNITY_DOUBLE_SALE(ErrorKind.CONFLICT),
    /** The member's statement of the day is recorded already (once per home and day). */
    COMMUNITY_STATEMENT_EXISTS(ErrorKind.CONFLICT),
    COMMUNITY_STATEMENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** A statement cannot be settled as asked: the home has no trade of the day, or the rule refuses the input. */
    COMMUNITY_STATEMENT_INVALID(ErrorKind.INVALID),

    /** The idempotency key is not 1..128 characters of letters, digits and {@code . _ : -}. */
    IDEMPOTENCY_KEY_INVALID(ErrorKind.INVALID),
    /**
     * The caller already committed this exact request under this key; the message names the first
     * transaction, whose result {@code idempotency:ReadRecord} returns. Nothing is written again.
     */
    IDEMPOTENCY_KEY_REPLAYED(ErrorKind.UPSTREAM),
    /** The caller already used this key for a different request. */
    IDEMPOTENCY_KEY_REUSED(ErrorKind.UNPROCESSABLE),
    /** No request of the caller's organisation was committed under this key. */
    IDEMPOTENCY_RECORD_NOT_FOUND(ErrorKind.NOT_FOUND),

    /** The API's block reads (the peer's qscc, not the chaincode): no block of that number yet. */
    BLOCK_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** The API's block reads (the peer's qscc, not the chaincode): no transaction of that id. */
    TRANSACTION_NOT_FOUND(ErrorKind.NOT_FOUND);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** What kind of refusal this is; it fixes the HTTP status an API answers with. */
    public ErrorKind kind() {
        return kind;
    }

    /** The code named {@code name}, if it is one of these. */
    public static java.util.Optional<ErrorCode> named(String name) {
        try {
            return java.util.Optional.of(valueOf(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
