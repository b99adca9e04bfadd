package io.flexledger.chaincode.support;

/**
 * Object types of the composite keys in the world state. Primary records are keyed by their id;
 * index entries ({@code …By…}) hold the primary key of the record they point at, so that range reads
 * by day or by owner need no rich queries.
 */
public final class Keys {
    private Keys() {}

    /** {@code org} + mspId. */
    public static final String ORGANISATION = "org";
    /** {@code cp} + congestion point id. */
    public static final String CONGESTION_POINT = "cp";
    /** {@code asset} + asset id (asset ids are global). */
    public static final String ASSET = "asset";
    /** {@code assetByAggregator} + mspId + asset id: an aggregator's portfolio. */
    public static final String ASSET_BY_AGGREGATOR = "assetByAggregator";
    /** {@code device} + device id. */
    public static final String DEVICE = "device";
    /** {@code deviceByAsset} + asset id + device id. */
    public static final String DEVICE_BY_ASSET = "deviceByAsset";
    /** {@code meterOfAsset} + asset id: the home's one approved (revenue) meter. */
    public static final String METER_OF_ASSET = "meterOfAsset";
    /** {@code baseline} + day + asset id: the public commitment (the values are private). */
    public static final String BASELINE = "baseline";
    /** (day, asset id, version): one immutable baseline commitment version, written once. */
    public static final String BASELINE_VERSION = "baselineVersion";
    /** The record key a countersignature in an aggregator-DSO collection stands for. */
    public static final String COUNTERSIGNATURE = "countersign";
    /** {@code request} + request id. */
    public static final String REQUEST = "request";
    /** {@code requestByDay} + day + request id. */
    public static final String REQUEST_BY_DAY = "requestByDay";
    /** {@code offer} + offer id. */
    public static final String OFFER = "offer";
    /** {@code offerByDay} + day + offer id. */
    public static final String OFFER_BY_DAY = "offerByDay";
    /** {@code revocation} + offer id. */
    public static final String REVOCATION = "revocation";
    /** {@code order} + order id. */
    public static final String ORDER = "order";
    /** {@code orderByDay} + day + order id. */
    public static final String ORDER_BY_DAY = "orderByDay";
    /**
     * {@code assetSlot} + day + asset id + slot (3 digits): what sold this asset in this slot, a DSO order
     * ({@code orderId}) or a community trade ({@code communityOrderId}, {@code community}).
     */
    public static final String ASSET_SLOT = "assetSlot";

    /** {@code communityDay} + community (operator MSP id) + day: the community's calendar and outside prices. */
    public static final String COMMUNITY_DAY = "communityDay";
    /**
     * {@code communityMembership} + home id: public state and hash of the home's membership; the full record
     * under the same key in the community's collection.
     */
    public static final String COMMUNITY_MEMBERSHIP = "communityMembership";
    /** {@code communityMembershipByCommunity} + community + home id: a community's memberships. */
    public static final String COMMUNITY_MEMBERSHIP_BY_COMMUNITY = "communityMembershipByCommunity";
    /** {@code communityOrder} + community + order id: public hash of a member's order (full record private). */
    public static final String COMMUNITY_ORDER = "communityOrder";
    /** {@code communityOrderByDay} + community + day + order id: a community's orders of a day. */
    public static final String COMMUNITY_ORDER_BY_DAY = "communityOrderByDay";
    /** {@code communityClearing} + community + day: public prices per slot and hash (trades private). */
    public static final String COMMUNITY_CLEARING = "communityClearing";
    /**
     * {@code communityStatement} + community + day + home id: public hash of a member's settled statement
     * (full record private).
     */
    public static final String COMMUNITY_STATEMENT = "communityStatement";

    /** {@code anchor} + day + aggregator MSP id: the Merkle root of the portfolio's readings of that day. */
    public static final String ANCHOR = "anchor";
    /** {@code settlement} + settlement id ({@code stl-<orderId>}). */
    public static final String SETTLEMENT = "settlement";
    /** {@code settlementByDay} + day + settlement id. */
    public static final String SETTLEMENT_BY_DAY = "settlementByDay";
    /** {@code dispute} + dispute id. */
    public static final String DISPUTE = "dispute";

    /** {@code uftpParticipant} + UFTP domain: the participant's role, CS1 key, endpoint and organisation. */
    public static final String UFTP_PARTICIPANT = "uftpParticipant";
    /** {@code uftpParticipantByMsp} + MSP id + domain: an organisation's participants. */
    public static final String UFTP_PARTICIPANT_BY_MSP = "uftpParticipantByMsp";
    /** {@code uftpMessage} + sender domain + MessageID: an accepted inbound UFTP message. */
    public static final String UFTP_MESSAGE = "uftpMessage";
    /** {@code uftpOfferOptions} + FlexOffer MessageID: the ledger offers of a FlexOffer's several options. */
    public static final String UFTP_OFFER_OPTIONS = "uftpOfferOptions";
    /** {@code uftpOptionOf} + offer id: the FlexOffer MessageID whose option the offer is. */
    public static final String UFTP_OPTION_OF = "uftpOptionOf";
    /** {@code uftpOptionOrder} + FlexOffer MessageID: the order of its one ordered option. */
    public static final String UFTP_OPTION_ORDER = "uftpOptionOrder";
    /**
     * {@code uftpPrognosis} + day + congestion point + aggregator MSP id: the aggregator's D-Prognosis of a
     * congestion point where it has several homes, checked against their revealed baselines.
     */
    public static final String UFTP_PROGNOSIS = "uftpPrognosis";

    /** {@code idem} + caller MSP id + idempotency key: the first committed request under that key. */
    public static final String IDEMPOTENCY = "idem";

    /** A slot number as a fixed-width key attribute, so that range reads list slots in order. */
    public static String slot(int slot) {
        return String.format("%03d", slot);
    }

    /** A version number as a key attribute that sorts in version order (1 to 999999). */
    public static String version(int version) {
        return String.format("%06d", version);
    }
}
