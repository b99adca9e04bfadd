package io.flexledger.contract;

import java.util.Set;

/**
 * The {@code community} contract: the UC2 community market of an aggregator's portfolio on the ledger
 * (docs/decisions/0021-community-market-on-ledger.md). A community is named by its operator, the
 * aggregator organisation whose portfolio it is ({@code Aggregator1MSP}); its members' memberships,
 * orders and trades are private to the operator and {@code CommunityMSP} (the collection {@code
 * <Aggregator>CommunityCollection}), with public SHA-256 hashes; the day's calendar and the clearing
 * prices per slot are public.
 *
 * <p>{@link #PROPOSE_MEMBERSHIP}, {@link #POST_ORDER} and {@link #RECORD_CLEARING} also take their JSON in
 * the transient field {@code membership}, {@code order} or {@code clearing} when the argument is the empty
 * string, which keeps it out of the block every channel member stores; an optional transient {@code salt}
 * (32-64 hex digits) is kept in the private record so that its public hash cannot be found by guessing.
 */
public final class Community {
    private Community() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "community";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String OPEN_DAY = "OpenCommunityDay";
        public static final String READ_DAY = "ReadCommunityDay";
        public static final String PROPOSE_MEMBERSHIP = "ProposeMembership";
        public static final String APPROVE_MEMBERSHIP = "ApproveMembership";
        public static final String READ_MEMBERSHIP = "ReadMembership";
        public static final String LIST_MEMBERSHIPS = "ListMemberships";
        public static final String POST_ORDER = "PostCommunityOrder";
        public static final String LIST_ORDERS = "ListCommunityOrders";
        public static final String RECORD_CLEARING = "RecordCommunityClearing";
        public static final String READ_CLEARING = "ReadCommunityClearing";
        public static final String READ_PRICES = "ReadCommunityPrices";
        public static final String SETTLE_MEMBER = "SettleCommunityMember";
        public static final String READ_STATEMENT = "ReadCommunityStatement";
        public static final String LIST_STATEMENTS = "ListCommunityStatements";
    }

    /** Transient field carrying the membership JSON when {@link #PROPOSE_MEMBERSHIP}'s argument is empty. */
    public static final String MEMBERSHIP_TRANSIENT = "membership";

    /** Transient field carrying the order JSON when {@link #POST_ORDER}'s argument is empty. */
    public static final String ORDER_TRANSIENT = "order";

    /** Transient field carrying the clearing JSON when {@link #RECORD_CLEARING}'s argument is empty. */
    public static final String CLEARING_TRANSIENT = "clearing";

    /** Transient field carrying the settlement JSON when {@link #SETTLE_MEMBER}'s argument is empty. */
    public static final String SETTLEMENT_TRANSIENT = "settlement";

    /** Optional transient field carrying a salt (32-64 hex digits) for a private record's public hash. */
    public static final String SALT_TRANSIENT = "salt";

    /** The fields of {@link #OPEN_DAY}'s dayJson; any other field is refused. */
    public static final Set<String> DAY_FIELDS =
            Set.of("community", "day", "gateClosure", "pricing", "importPrice", "exportPrice");

    /** The fields of {@link #PROPOSE_MEMBERSHIP}'s membershipJson; any other field is refused. */
    public static final Set<String> MEMBERSHIP_FIELDS = Set.of("member", "homeId");

    /** The fields of {@link #POST_ORDER}'s orderJson; any other field is refused. */
    public static final Set<String> ORDER_FIELDS =
            Set.of("id", "homeId", "member", "day", "slot", "side", "flexible", "kw", "price");

    /** The fields of {@link #RECORD_CLEARING}'s clearingJson; any other field is refused. */
    public static final Set<String> CLEARING_FIELDS = Set.of("community", "day", "trades");

    /** The fields of one trade in {@link #RECORD_CLEARING}'s {@code trades}; any other field is refused. */
    public static final Set<String> TRADE_FIELDS = Set.of("orderId", "kw", "price");

    /**
     * The fields of {@link #SETTLE_MEMBER}'s settlementJson; any other field (amounts, energies) is refused.
     * Each reading is a signed reading with its Merkle proof, as {@link Settlements#SETTLE_ORDER} takes them.
     */
    public static final Set<String> SETTLEMENT_FIELDS = Set.of("community", "day", "homeId", "readings");

    /**
     * Opens a community's market day (the operator only): {@code {community, day, gateClosure, pricing,
     * importPrice[slots], exportPrice[slots]}}; the gate closes after the transaction time and before
     * the DSO market's gate closure of the day; once per community and day. Arguments: dayJson.
     */
    public static final Tx OPEN_DAY = Tx.submit(CONTRACT, Names.OPEN_DAY);

    /** Reads a community's day (public). Arguments: community, day. */
    public static final Tx READ_DAY = Tx.evaluate(CONTRACT, Names.READ_DAY);

    /**
     * Proposes that a member (the user name the member's organisation authenticated) is the resident of
     * a home: {@code {member, homeId}}, by the home's aggregator or {@code CommunityMSP}, as the member's
     * consent. Arguments: membershipJson.
     */
    public static final Tx PROPOSE_MEMBERSHIP = Tx.submit(CONTRACT, Names.PROPOSE_MEMBERSHIP);

    /** The home's aggregator consents to a proposed membership, which becomes ACTIVE. Arguments: homeId. */
    public static final Tx APPROVE_MEMBERSHIP = Tx.submit(CONTRACT, Names.APPROVE_MEMBERSHIP);

    /** Reads a home's membership (the community's organisations only). Arguments: homeId. */
    public static final Tx READ_MEMBERSHIP = Tx.evaluate(CONTRACT, Names.READ_MEMBERSHIP);

    /** Lists a community's memberships (the community's organisations only). Arguments: community. */
    public static final Tx LIST_MEMBERSHIPS = Tx.evaluate(CONTRACT, Names.LIST_MEMBERSHIPS);

    /**
     * Posts a member's order: {@code {id, homeId, member, day, slot, side (BUY|SELL), flexible, kw,
     * price}} (EUR/kWh: a bid's highest, an ask's lowest), by the organisation that proposed the
     * member's ACTIVE membership of the home, before the community day's gate closure. Arguments:
     * orderJson.
     */
    public static final Tx POST_ORDER = Tx.submit(CONTRACT, Names.POST_ORDER);

    /** Lists a community's orders of a day (the community's organisations only). Arguments: community, day. */
    public static final Tx LIST_ORDERS = Tx.evaluate(CONTRACT, Names.LIST_ORDERS);

    /**
     * Records the day's clearing (the operator only, after the community's gate closure and before the
     * DSO market's): {@code {community, day, trades[{orderId, kw, price}]}}; re-checked against the
     * stored orders; matched flexible sells lock their home's slots against DSO orders. Once per
     * community and day. Arguments: clearingJson.
     */
    public static final Tx RECORD_CLEARING = Tx.submit(CONTRACT, Names.RECORD_CLEARING);

    /** Reads a day's clearing with its trades (the community's organisations only). Arguments: community, day. */
    public static final Tx READ_CLEARING = Tx.evaluate(CONTRACT, Names.READ_CLEARING);

    /** Reads a day's public clearing summary: price and volume per slot, the trades' hash. Arguments: community, day. */
    public static final Tx READ_PRICES = Tx.evaluate(CONTRACT, Names.READ_PRICES);

    /**
     * Settles one member's trades of a day from the home's meter (the operator only): {@code {community,
     * day, homeId, readings:[{...signed reading..., proof:{leafIndex, leafCount, siblings}}]}}, one reading
     * per traded slot, each proven against the anchored root of the operator's portfolio for the day; the
     * statement is computed on the peer by the community settlement rule; once per home and day.
     * Arguments: settlementJson (or the transient field {@link #SETTLEMENT_TRANSIENT} with an empty argument).
     */
    public static final Tx SETTLE_MEMBER = Tx.submit(CONTRACT, Names.SETTLE_MEMBER);

    /** Reads a member's statement of a day (the community's organisations only). Arguments: community, day, homeId. */
    public static final Tx READ_STATEMENT = Tx.evaluate(CONTRACT, Names.READ_STATEMENT);

    /** Lists a community's statements of a day (the community's organisations only). Arguments: community, day. */
    public static final Tx LIST_STATEMENTS = Tx.evaluate(CONTRACT, Names.LIST_STATEMENTS);
}
