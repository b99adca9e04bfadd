package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.Community;
import io.flexledger.contract.Registry;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.marketplaceapi.ledger.CommunityLedger;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The {@link CommunityLedger} port over the Fabric Gateway ({@link FabricLedger}). Every write touches
 * the community's private collection, whose endorsement policy is AND(operator peer, CommunityMSP peer),
 * so each submit is endorsed by the community's operator and {@code CommunityMSP}: the operator is this
 * instance's organisation for a day or a clearing, and the home's aggregator (read from the registry) for
 * a membership or an order.
 *
 * <p>A membership, an order, a clearing and a member's settlement travel as transient data (the chaincode's
 * fields {@value #MEMBERSHIP_TRANSIENT}, {@value #ORDER_TRANSIENT}, {@value #CLEARING_TRANSIENT}, {@value
 * #SETTLEMENT_TRANSIENT}) with an empty argument, so that members' names, orders, trades and readings stay
 * out of the blocks every channel member stores; only the private collection holds them.
 */
@ApplicationScoped
public class GatewayCommunityLedger extends GatewayPort implements CommunityLedger {
    /** The transient field carrying a membership's JSON. */
    static final String MEMBERSHIP_TRANSIENT = Community.MEMBERSHIP_TRANSIENT;
    /** The transient field carrying an order's JSON. */
    static final String ORDER_TRANSIENT = Community.ORDER_TRANSIENT;
    /** The transient field carrying a clearing's JSON. */
    static final String CLEARING_TRANSIENT = Community.CLEARING_TRANSIENT;

    /** The transient field carrying a member's settlement (its readings). */
    static final String SETTLEMENT_TRANSIENT = Community.SETTLEMENT_TRANSIENT;

    public GatewayCommunityLedger(FabricLedger fabric) {
        super(fabric);
    }

    @Override
    public LedgerReceipt openDay(String idempotencyKey, String dayJson) {
        return fabric.submitIdempotent(
                Community.OPEN_DAY, idempotencyKey, Map.of(), endorsers(fabric.mspId()), dayJson);
    }

    @Override
    public byte[] readDay(String community, String day) {
        return fabric.evaluate(Community.READ_DAY, community, day);
    }

    @Override
    public LedgerReceipt proposeMembership(String idempotencyKey, String membershipJson) {
        String homeId = LedgerResponses.json(membershipJson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .path("homeId")
                .asText();
        return fabric.submitIdempotent(
                Community.PROPOSE_MEMBERSHIP,
                idempotencyKey,
                Map.of(MEMBERSHIP_TRANSIENT, membershipJson),
                endorsersOfHome(homeId),
                "");
    }

    @Override
    public LedgerReceipt approveMembership(String idempotencyKey, String homeId) {
        return fabric.submitIdempotent(
                Community.APPROVE_MEMBERSHIP, idempotencyKey, Map.of(), endorsersOfHome(homeId), homeId);
    }

    @Override
    public byte[] readMembership(String homeId) {
        return fabric.evaluate(Community.READ_MEMBERSHIP, homeId);
    }

    @Override
    public byte[] listMemberships(String community) {
        return fabric.evaluate(Community.LIST_MEMBERSHIPS, community);
    }

    @Override
    public LedgerReceipt postOrder(String idempotencyKey, String orderJson) {
        String homeId = LedgerResponses.json(orderJson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .path("homeId")
                .asText();
        return fabric.submitIdempotent(
                Community.POST_ORDER, idempotencyKey, Map.of(ORDER_TRANSIENT, orderJson), endorsersOfHome(homeId), "");
    }

    @Override
    public byte[] listOrders(String community, String day) {
        return fabric.evaluate(Community.LIST_ORDERS, community, day);
    }

    @Override
    public LedgerReceipt recordClearing(String idempotencyKey, String clearingJson) {
        return fabric.submitIdempotent(
                Community.RECORD_CLEARING,
                idempotencyKey,
                Map.of(CLEARING_TRANSIENT, clearingJson),
                endorsers(fabric.mspId()),
                "");
    }

    @Override
    public byte[] readClearing(String community, String day) {
        return fabric.evaluate(Community.READ_CLEARING, community, day);
    }

    @Override
    public byte[] readPrices(String community, String day) {
        return fabric.evaluate(Community.READ_PRICES, community, day);
    }

    @Override
    public LedgerReceipt settleMember(String idempotencyKey, String settlementJson) {
        return fabric.submitIdempotent(
                Community.SETTLE_MEMBER,
                idempotencyKey,
                Map.of(SETTLEMENT_TRANSIENT, settlementJson),
                endorsers(fabric.mspId()),
                "");
    }

    @Override
    public byte[] readStatement(String community, String day, String homeId) {
        return fabric.evaluate(Community.READ_STATEMENT, community, day, homeId);
    }

    @Override
    public byte[] listStatements(String community, String day) {
        return fabric.evaluate(Community.LIST_STATEMENTS, community, day);
    }

    /** The operator of the community of home {@code homeId} (its aggregator in the registry) and CommunityMSP. */
    private List<String> endorsersOfHome(String homeId) {
        JsonNode asset = LedgerResponses.json(fabric.evaluate(Registry.READ_ASSET, homeId));
        return endorsers(asset.path("aggregatorMsp").asText(""));
    }

    /** The endorsers of a write to {@code operator}'s community: the operator and CommunityMSP. */
    public static List<String> endorsers(String operator) {
        // The collection's policy is AND(operator, CommunityMSP): neither writes the community alone.
        if (!Organisation.isAggregator(operator)) {
            throw new LedgerUnavailableException(
                    "a community is run by an aggregator; the ledger names " + operator, null);
        }
        return List.of(operator, Organisation.COMMUNITY_MSP);
    }
}
