package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Requests;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredRequest;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violations;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.SortedMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The DSO's flexibility requests: posted by the DSO's instance, read by every organisation's. */
@Path("/api/requests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "requests")
@SecurityRequirement(name = "bearer")
public class RequestsResource {
    static final Set<String> FIELDS = Requests.REQUEST_FIELDS;

    private final Ledger ledger;
    private final Access access;

    public RequestsResource(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** Posts a request: {@code {"id","congestionPointId","day","kwBySlot","unservedPenalty"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a flexibility request (role dso)")
    public Response create(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.CREATE_REQUEST);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, FIELDS);
        if (in.string("dsoMsp") == null) {
            in.node().put("dsoMsp", ledger.mspId());
        }
        FlexRequest request = validate(in);
        return LedgerResponses.created("/api/requests/" + request.id(), ledger.createRequest(key, request));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One request, with Ledger-Transaction-Id and Ledger-Block-Number headers")
    public Response read(@PathParam("id") String id) {
        access.require(Action.READ);
        OffersResource.requireId(id);
        StoredRequest request = ledger.readRequest(id);
        return LedgerResponses.record(ledger, MarketRecords.request(request), request.txId());
    }

    @GET
    @Operation(summary = "A day's requests, filtered by congestion point, state and slot; paginated")
    public String list(
            @QueryParam("day") String day,
            @QueryParam("congestionPointId") String congestionPointId,
            @QueryParam("state") String state,
            @QueryParam("slot") String slot,
            @QueryParam("pageSize") @DefaultValue("50") String pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        access.require(Action.READ);
        LedgerResponses.Filter filter = new LedgerResponses.Filter(
                congestionPointId, OffersResource.stateOf(state, FlexRequestState.class), LedgerResponses.slot(slot));
        return LedgerResponses.dayPage(
                ledger::listRequestsByDay,
                day,
                filter.<StoredRequest>on(
                        r -> r.request().congestionPointId(),
                        r -> r.request().state(),
                        r -> r.request().kwBySlot()),
                MarketRecords::request,
                pageSize,
                bookmark);
    }

    static FlexRequest validate(JsonBody in) {
        LocalDate day = in.day("day");
        Violations units = new Violations();
        SortedMap<Integer, Kilowatts> kw = OffersResource.kwBySlot(in, units);
        BigDecimal penaltyValue = in.decimal("unservedPenalty");
        EurosPerKwh penalty =
                penaltyValue == null ? null : units.nested("unservedPenalty", () -> new EurosPerKwh(penaltyValue));
        try {
            FlexRequest request = new FlexRequest(
                    in.string("id"),
                    in.string("dsoMsp"),
                    in.string("congestionPointId"),
                    day == null ? null : MarketRules.DEFAULT.period(day),
                    kw,
                    penalty,
                    FlexRequestState.OPEN);
            units.throwIfAny();
            return request;
        } catch (ValidationException e) {
            throw OffersResource.merged(units, e);
        }
    }
}
