package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Offers;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredOffer;
import io.flexledger.contract.codec.MarketRecords.StoredRevocation;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Flexibility offers. An aggregator's instance posts and revokes them (the chaincode checks again
 * that the signing organisation is an aggregator and owns the asset); every organisation's instance
 * reads them.
 */
@Path("/api/offers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "offers")
@SecurityRequirement(name = "bearer")
public class OffersResource {
    /** The fields of a posted offer, as the chaincode accepts them. */
    static final Set<String> FIELDS = Offers.OFFER_FIELDS;

    static final Set<String> REVOCATION_FIELDS = Set.of("reason");

    private final Ledger ledger;
    private final Access access;

    public OffersResource(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /**
     * Posts an offer signed by this instance's organisation; answers once the transaction is
     * committed, with its id and block in the {@code Ledger-Transaction-Id} and
     * {@code Ledger-Block-Number} headers. A retry with the same {@code Idempotency-Key} answers the
     * first result.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post an offer (role aggregator)")
    public Response create(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.CREATE_OFFER);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, FIELDS);
        if (in.string("aggregatorMsp") == null) {
            in.node().put("aggregatorMsp", ledger.mspId());
        }
        FlexOffer offer = validate(in);
        return LedgerResponses.created("/api/offers/" + offer.id(), ledger.createOffer(key, offer));
    }

    /** Revokes a live offer of this aggregator: {@code {"reason": "..."}}. */
    @POST
    @Path("{id}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke one of the aggregator's live offers (role aggregator)")
    public Response revoke(
            @PathParam("id") String id,
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.REVOKE_OFFER);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        requireId(id);
        JsonBody in = JsonBody.parse(body, REVOCATION_FIELDS);
        FlexOfferRevocation revocation = new FlexOfferRevocation(id, ledger.mspId(), in.freeText("reason"));
        return LedgerResponses.created("/api/offers/" + id + "/revocation", ledger.revokeOffer(key, revocation));
    }

    /** Reads one offer as the ledger holds it, with the transaction and block of its last change. */
    @GET
    @Path("{id}")
    @Operation(summary = "One offer, with Ledger-Transaction-Id and Ledger-Block-Number headers")
    public Response read(@PathParam("id") String id) {
        access.require(Action.READ);
        requireId(id);
        StoredOffer offer = ledger.readOffer(id);
        return LedgerResponses.record(ledger, MarketRecords.offer(offer), offer.txId());
    }

    /** Reads the revocation of an offer. */
    @GET
    @Path("{id}/revocation")
    @Operation(summary = "The revocation of an offer")
    public Response readRevocation(@PathParam("id") String id) {
        access.require(Action.READ);
        requireId(id);
        StoredRevocation revocation = ledger.readRevocation(id);
        return LedgerResponses.record(ledger, MarketRecords.revocation(revocation), revocation.txId());
    }

    /**
     * Lists the offers of a day, a page at a time ({@code bookmark} from the previous page), optionally
     * only those at a congestion point, in a state or covering a slot.
     */
    @GET
    @Operation(summary = "A day's offers, filtered by congestion point, state and slot; paginated")
    public String list(
            @QueryParam("day") String day,
            @QueryParam("congestionPointId") String congestionPointId,
            @QueryParam("state") String state,
            @QueryParam("slot") String slot,
            @QueryParam("pageSize") @DefaultValue("50") String pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        access.require(Action.READ);
        LedgerResponses.Filter filter = new LedgerResponses.Filter(
                congestionPointId, stateOf(state, FlexOfferState.class), LedgerResponses.slot(slot));
        return LedgerResponses.dayPage(
                ledger::listOffersByDay,
                day,
                filter.<StoredOffer>on(
                        o -> o.offer().congestionPointId(),
                        o -> o.offer().state(),
                        o -> o.offer().kwBySlot()),
                MarketRecords::offer,
                pageSize,
                bookmark);
    }

    /** The domain's rules on an offer, with violations named by the body's field names. */
    static FlexOffer validate(JsonBody in) {
        LocalDate day = in.day("day");
        Violations units = new Violations();
        SortedMap<Integer, Kilowatts> kw = kwBySlot(in, units);
        java.math.BigDecimal priceValue = in.decimal("price");
        EurosPerKwh price = priceValue == null ? null : units.nested("price", () -> new EurosPerKwh(priceValue));
        try {
            FlexOffer offer = new FlexOffer(
                    in.string("id"),
                    in.string("aggregatorMsp"),
                    in.string("congestionPointId"),
                    in.string("assetId"),
                    day == null ? null : MarketRules.DEFAULT.period(day),
                    in.string("requestId"),
                    kw,
                    price,
                    in.decimal("minActivation"),
                    FlexOfferState.OFFERED);
            units.throwIfAny();
            return offer;
        } catch (ValidationException e) {
            throw merged(units, e);
        }
    }

    /** The body's {@code kwBySlot} as kilowatts, each amount's unit errors collected in {@code units}. */
    static SortedMap<Integer, Kilowatts> kwBySlot(JsonBody in, Violations units) {
        SortedMap<Integer, java.math.BigDecimal> raw = in.bySlot("kwBySlot");
        if (raw == null) {
            return null;
        }
        SortedMap<Integer, Kilowatts> kw = new java.util.TreeMap<>();
        for (var e : raw.entrySet()) {
            Kilowatts k = units.nested("kwBySlot." + e.getKey(), () -> new Kilowatts(e.getValue()));
            kw.put(e.getKey(), k == null ? Kilowatts.ZERO : k);
        }
        return kw;
    }

    /** Unit errors and the domain's errors together, the domain's {@code period} named {@code day}. */
    static ValidationException merged(Violations units, ValidationException e) {
        List<Violation> all = new ArrayList<>(units.list());
        e.violations().stream()
                .map(v -> v.path().equals("period") ? new Violation("day", v.reason()) : v)
                .forEach(all::add);
        return new ValidationException(all);
    }

    /** A state filter, checked against the record type's states. */
    static <E extends Enum<E>> String stateOf(String state, Class<E> states) {
        if (state == null) {
            return null;
        }
        for (E s : states.getEnumConstants()) {
            if (s.name().equalsIgnoreCase(state)) {
                return s.name();
            }
        }
        throw new ValidationException(
                "state", "must be one of " + java.util.Arrays.toString(states.getEnumConstants()));
    }

    static void requireId(String id) {
        requireId(id, "id");
    }

    /** A path parameter that must be an identifier, named {@code name} when it is not. */
    static void requireId(String id, String name) {
        if (!Violations.ID.matcher(id).matches()) {
            throw new ValidationException(name, "must match " + Violations.ID.pattern());
        }
    }
}
