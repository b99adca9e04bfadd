package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Orders;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The DSO's orders of offers. The ledger refuses an order of an offer that is not live, below its
 * minimum activation, or for an asset already sold in one of its slots (a double sale); an accepted
 * order can be cancelled until its block begins.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "orders")
@SecurityRequirement(name = "bearer")
public class OrdersResource {
    static final Set<String> FIELDS = Orders.ORDER_FIELDS;

    private final Ledger ledger;
    private final Access access;

    public OrdersResource(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** Orders an offer: {@code {"id","offerId","activation"}} with activation in (0, 1]. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Order an offer (role dso)")
    public Response create(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.CREATE_ORDER);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, FIELDS);
        FlexOrder order = new FlexOrder(
                in.string("id"),
                ledger.mspId(),
                in.string("offerId"),
                in.decimal("activation"),
                FlexOrderState.ACCEPTED);
        return LedgerResponses.created("/api/orders/" + order.id(), ledger.createOrder(key, order));
    }

    /**
     * Cancels an accepted order before its block begins; the body is empty or {@code {}}. The order's
     * key is under the endorsement policy AND(DSO, aggregator), so the DSO and the order's aggregator
     * (read from the order first) endorse the cancellation.
     */
    @POST
    @Path("{id}/cancellation")
    @Operation(summary = "Cancel an accepted order before its block begins (role dso)")
    public Response cancel(
            @PathParam("id") String id,
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.CANCEL_ORDER);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        OffersResource.requireId(id);
        // The chaincode takes the order id only: a body, if any, is an empty object.
        if (body != null && !body.isBlank()) {
            JsonBody.parse(body, Set.of());
        }
        return LedgerResponses.created("/api/orders/" + id, ledger.cancelOrder(key, id));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One order, with Ledger-Transaction-Id and Ledger-Block-Number headers")
    public Response read(@PathParam("id") String id) {
        access.require(Action.READ);
        OffersResource.requireId(id);
        StoredOrder order = ledger.readOrder(id);
        return LedgerResponses.record(ledger, MarketRecords.order(order), order.txId());
    }

    @GET
    @Operation(summary = "A day's orders, filtered by congestion point, state and slot; paginated")
    public String list(
            @QueryParam("day") String day,
            @QueryParam("congestionPointId") String congestionPointId,
            @QueryParam("state") String state,
            @QueryParam("slot") String slot,
            @QueryParam("pageSize") @DefaultValue("50") String pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        access.require(Action.READ);
        LedgerResponses.Filter filter = new LedgerResponses.Filter(
                congestionPointId, OffersResource.stateOf(state, FlexOrderState.class), LedgerResponses.slot(slot));
        return LedgerResponses.dayPage(
                ledger::listOrdersByDay,
                day,
                filter.<StoredOrder>on(
                        StoredOrder::congestionPointId, o -> o.order().state(), StoredOrder::kwBySlot),
                MarketRecords::order,
                pageSize,
                bookmark);
    }
}
