package io.flexledger.marketplaceapi.ledger;

/**
 * The port in front of the ledger for the UC2 community market: one method per transaction of the
 * {@code community} contract ({@link io.flexledger.contract.Community}). Records travel as the
 * chaincode's JSON with the catalogue's field names; see {@link LedgerPort} for refusals and
 * idempotency keys. A community is named by its operator, the aggregator organisation whose portfolio it
 * is; memberships, orders and clearings are private to the operator and {@code CommunityMSP}.
 *
 * <p>{@code api.GatewayCommunityLedger} implements it over the Fabric Gateway; the tests have an
 * in-memory one.
 */
public interface CommunityLedger extends LedgerPort {
    /** {@code community:OpenCommunityDay}: opens the operator's market day ({@code dayJson}). */
    LedgerReceipt openDay(String idempotencyKey, String dayJson);

    /** {@code community:ReadCommunityDay}: one community's day (public). */
    byte[] readDay(String community, String day);

    /** {@code community:ProposeMembership}: {@code {member, homeId}} by the home's aggregator or CommunityMSP. */
    LedgerReceipt proposeMembership(String idempotencyKey, String membershipJson);

    /** {@code community:ApproveMembership}: the home's aggregator makes its proposed membership ACTIVE. */
    LedgerReceipt approveMembership(String idempotencyKey, String homeId);

    /** {@code community:ReadMembership}: a home's membership (the community's organisations only). */
    byte[] readMembership(String homeId);

    /** {@code community:ListMemberships}: a community's memberships ({@code {records}}). */
    byte[] listMemberships(String community);

    /** {@code community:PostCommunityOrder}: a member's order ({@code orderJson}). */
    LedgerReceipt postOrder(String idempotencyKey, String orderJson);

    /** {@code community:ListCommunityOrders}: a community's orders of a day ({@code {records}}). */
    byte[] listOrders(String community, String day);

    /** {@code community:RecordCommunityClearing}: the day's trades, by the operator, once. */
    LedgerReceipt recordClearing(String idempotencyKey, String clearingJson);

    /** {@code community:ReadCommunityClearing}: a day's clearing with its trades (private). */
    byte[] readClearing(String community, String day);

    /** {@code community:ReadCommunityPrices}: a day's public price and volume per slot. */
    byte[] readPrices(String community, String day);

    /**
     * {@code community:SettleCommunityMember}: settles a member's trades of a day from the home's signed,
     * anchored readings ({@code {community, day, homeId, readings}}), by the operator, once per home and day.
     */
    LedgerReceipt settleMember(String idempotencyKey, String settlementJson);

    /** {@code community:ReadCommunityStatement}: a member's statement of a day (private). */
    byte[] readStatement(String community, String day, String homeId);

    /** {@code community:ListCommunityStatements}: a community's statements of a day ({@code {records}}). */
    byte[] listStatements(String community, String day);
}
