package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.Community;
import io.flexledger.contract.Registry;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
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
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.CommunityLedger;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link CommunityLedger} port over the Fabric Gateway ({@link FabricLedger}). Every write touches
 * the community's private collection, whose endorsement policy is AND(operator peer, CommunityMSP peer),
 * so each submit is endorsed by the community's operator and {@code CommunityMSP}: the operator is this
 * instance's organisation for a day or a clearing, and the home's aggregator (read from the registry) for
 * a membership or an order.
 *
 * <p>Each input is written with the ledger contract's codec ({@link CommunityRecords}), the same text the
 * chaincode reads. A membership, an order, a clearing and a member's settlement travel as transient data (the chaincode's
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

    /** The ledger's answers: as deep as its records nest, of any length (a day's book may be long). */
    static final JsonReader.Limits ANSWER = new JsonReader.Limits(Integer.MAX_VALUE, 16, 1000);

    public GatewayCommunityLedger(FabricLedger fabric) {
        super(fabric);
    }

    @Override
    public LedgerReceipt openDay(String idempotencyKey, Day day) {
        return fabric.submitIdempotent(
                Community.OPEN_DAY,
                idempotencyKey,
                Map.of(),
                endorsers(fabric.mspId()),
                CanonicalJson.write(CommunityRecords.dayInput(day)));
    }

    @Override
    public StoredDay readDay(String community, String day) {
        return decode(fabric.evaluate(Community.READ_DAY, community, day), CommunityRecords::storedDay);
    }

    @Override
    public LedgerReceipt proposeMembership(String idempotencyKey, MembershipInput membership) {
        return fabric.submitIdempotent(
                Community.PROPOSE_MEMBERSHIP,
                idempotencyKey,
                Map.of(MEMBERSHIP_TRANSIENT, CanonicalJson.write(CommunityRecords.membershipInput(membership))),
                endorsersOfHome(membership.homeId()),
                "");
    }

    @Override
    public LedgerReceipt approveMembership(String idempotencyKey, String homeId) {
        return fabric.submitIdempotent(
                Community.APPROVE_MEMBERSHIP, idempotencyKey, Map.of(), endorsersOfHome(homeId), homeId);
    }

    @Override
    public Membership readMembership(String homeId) {
        return decode(fabric.evaluate(Community.READ_MEMBERSHIP, homeId), CommunityRecords::privateMembership);
    }

    @Override
    public Page<Membership> listMemberships(String community) {
        return page(fabric.evaluate(Community.LIST_MEMBERSHIPS, community), CommunityRecords::privateMembership);
    }

    @Override
    public LedgerReceipt postOrder(String idempotencyKey, Order order) {
        return fabric.submitIdempotent(
                Community.POST_ORDER,
                idempotencyKey,
                Map.of(ORDER_TRANSIENT, CanonicalJson.write(CommunityRecords.orderInput(order))),
                endorsersOfHome(order.homeId()),
                "");
    }

    @Override
    public Page<PostedOrder> listOrders(String community, String day) {
        return page(fabric.evaluate(Community.LIST_ORDERS, community, day), CommunityRecords::postedOrder);
    }

    @Override
    public LedgerReceipt recordClearing(String idempotencyKey, ClearingInput clearing) {
        return fabric.submitIdempotent(
                Community.RECORD_CLEARING,
                idempotencyKey,
                Map.of(CLEARING_TRANSIENT, CanonicalJson.write(CommunityRecords.clearingInput(clearing))),
                endorsers(fabric.mspId()),
                "");
    }

    @Override
    public StoredClearing readClearing(String community, String day) {
        return decode(fabric.evaluate(Community.READ_CLEARING, community, day), CommunityRecords::storedClearing);
    }

    @Override
    public ClearingPrices readPrices(String community, String day) {
        return decode(fabric.evaluate(Community.READ_PRICES, community, day), CommunityRecords::storedPrices);
    }

    @Override
    public LedgerReceipt settleMember(String idempotencyKey, SettlementInput settlement) {
        return fabric.submitIdempotent(
                Community.SETTLE_MEMBER,
                idempotencyKey,
                Map.of(SETTLEMENT_TRANSIENT, CanonicalJson.write(CommunityRecords.settlementInput(settlement))),
                endorsers(fabric.mspId()),
                "");
    }

    @Override
    public StoredStatement readStatement(String community, String day, String homeId) {
        return decode(
                fabric.evaluate(Community.READ_STATEMENT, community, day, homeId), CommunityRecords::storedStatement);
    }

    @Override
    public Page<StoredStatement> listStatements(String community, String day) {
        return page(fabric.evaluate(Community.LIST_STATEMENTS, community, day), CommunityRecords::storedStatement);
    }

    /**
     * A record the ledger answered, read strictly by the ledger contract's codec; one the codec does not read
     * (an unknown field, a field of the wrong form) is the ledger's fault, never passed on in part.
     */
    public static <T> T decode(byte[] json, Function<JsonFields, T> reader) {
        try {
            return reader.apply(
                    JsonFields.parse(new String(json, StandardCharsets.UTF_8), ANSWER, JsonFields.throwing()));
        } catch (InputRefusal | ValidationException e) {
            throw new LedgerUnavailableException(
                    "the ledger returned a record the codec does not read: " + e.getMessage(), e);
        }
    }

    /** A list the ledger answered ({@code {records[, bookmark]}}), each record read by {@code reader}. */
    public static <T> Page<T> page(byte[] json, Function<JsonFields, T> reader) {
        return decode(json, in -> {
            in.onlyFields(Set.of("records", "bookmark"));
            List<T> records = in.objects("records").stream().map(reader).toList();
            String bookmark = in.has("bookmark") ? in.string("bookmark") : "";
            return new Page<>(records, bookmark);
        });
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
