package io.flexledger.marketplaceapi.ledger;

import io.flexledger.contract.codec.CommunityRecords.ClearingInput;
import io.flexledger.contract.codec.CommunityRecords.ClearingPrices;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipInput;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.PostedOrder;
import io.flexledger.contract.codec.CommunityRecords.SettlementInput;
import io.flexledger.contract.codec.CommunityRecords.StoredClearing;
import io.flexledger.contract.codec.CommunityRecords.StoredDay;
import io.flexledger.contract.codec.CommunityRecords.StoredStatement;

/**
 * The port in front of the ledger for the UC2 community market: one method per transaction of the
 * {@code community} contract ({@link io.flexledger.contract.Community}). Writes take domain values, which
 * the implementation writes as the transaction's input with the ledger contract's codec ({@link
 * io.flexledger.contract.codec.CommunityRecords}); a day, memberships, orders, the private clearing and its
 * public prices and members' statements are read back decoded by that codec into records that hold
 * everything the ledger's JSON holds. See {@link LedgerPort} for refusals and
 * idempotency keys. A community is named by its operator, the aggregator organisation whose portfolio it
 * is; memberships, orders and clearings are private to the operator and {@code CommunityMSP}.
 *
 * <p>{@code api.GatewayCommunityLedger} implements it over the Fabric Gateway; the tests have an
 * in-memory one.
 */
public interface CommunityLedger extends LedgerPort {
    /** {@code community:OpenCommunityDay}: opens the operator's market day. */
    LedgerReceipt openDay(String idempotencyKey, Day day);

    /** {@code community:ReadCommunityDay}: one community's day (public). */
    StoredDay readDay(String community, String day);

    /** {@code community:ProposeMembership}: a member of a home, by the home's aggregator or CommunityMSP. */
    LedgerReceipt proposeMembership(String idempotencyKey, MembershipInput membership);

    /** {@code community:ApproveMembership}: the home's aggregator makes its proposed membership ACTIVE. */
    LedgerReceipt approveMembership(String idempotencyKey, String homeId);

    /** {@code community:ReadMembership}: a home's private membership (the community's organisations only). */
    Membership readMembership(String homeId);

    /** {@code community:ListMemberships}: a community's private memberships, all of them (no bookmark). */
    Page<Membership> listMemberships(String community);

    /** {@code community:PostCommunityOrder}: a member's order. */
    LedgerReceipt postOrder(String idempotencyKey, Order order);

    /** {@code community:ListCommunityOrders}: a community's private orders of a day, all of them (no bookmark). */
    Page<PostedOrder> listOrders(String community, String day);

    /** {@code community:RecordCommunityClearing}: the day's trades, by the operator, once. */
    LedgerReceipt recordClearing(String idempotencyKey, ClearingInput clearing);

    /** {@code community:ReadCommunityClearing}: a day's clearing with its trades (private). */
    StoredClearing readClearing(String community, String day);

    /** {@code community:ReadCommunityPrices}: a day's public price and volume per slot. */
    ClearingPrices readPrices(String community, String day);

    /**
     * {@code community:SettleCommunityMember}: settles a member's trades of a day from the home's signed,
     * anchored readings (each with its Merkle proof), by the operator, once per home and day.
     */
    LedgerReceipt settleMember(String idempotencyKey, SettlementInput settlement);

    /** {@code community:ReadCommunityStatement}: a member's statement of a day (private). */
    StoredStatement readStatement(String community, String day, String homeId);

    /** {@code community:ListCommunityStatements}: a community's private statements of a day, all of them (no bookmark). */
    Page<StoredStatement> listStatements(String community, String day);
}
