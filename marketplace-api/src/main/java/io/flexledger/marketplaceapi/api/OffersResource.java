package io.flexledger.marketplaceapi.api;

import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Flexibility offers. An aggregator's instance posts them (the chaincode checks again that the
 * signing organisation is an aggregator); every organisation's instance reads them.
 */
@Path("/api/offers")
@Produces(MediaType.APPLICATION_JSON)
public class OffersResource {
    /** The fields of a posted offer, as the chaincode accepts them. */
    static final Set<String> FIELDS = Set.of(
            "id",
            "aggregatorMsp",
            "congestionPointId",
            "assetId",
            "day",
            "requestId",
            "kwBySlot",
            "price",
            "minActivation");

    private final FabricLedger ledger;

    public OffersResource(FabricLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Posts an offer signed by this instance's organisation; answers once the transaction is
     * committed, with its id and block in the {@code Ledger-Transaction-Id} and
     * {@code Ledger-Block-Number} headers.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonBody in = JsonBody.parse(body, FIELDS);
        // Only aggregator organisations post offers (the chaincode enforces the same rule).
        if (!Organisation.isAggregator(ledger.mspId())) {
            return Problem.of(
                            Response.Status.FORBIDDEN,
                            "forbidden",
                            "only aggregator organisations may post offers; this instance signs for " + ledger.mspId())
                    .toResponse();
        }
        if (in.string("aggregatorMsp") == null) {
            in.node().put("aggregatorMsp", ledger.mspId());
        }
        FlexOffer offer = validate(in);
        LedgerReceipt receipt = ledger.submit("CreateOffer", in.node().toString());
        return Response.created(URI.create("/api/offers/" + offer.id()))
                .header("Ledger-Transaction-Id", receipt.transactionId())
                .header("Ledger-Block-Number", receipt.blockNumber())
                .entity(new String(receipt.payload(), StandardCharsets.UTF_8))
                .build();
    }

    /** Reads one offer as the ledger holds it. */
    @GET
    @Path("{id}")
    public String read(@PathParam("id") String id) {
        requireId(id);
        return new String(ledger.evaluate("ReadOffer", id), StandardCharsets.UTF_8);
    }

    /** Lists the offers of a day, a page at a time ({@code bookmark} from the previous page). */
    @GET
    public String list(
            @QueryParam("day") String day,
            @QueryParam("pageSize") @DefaultValue("50") int pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        if (day == null) {
            throw new ValidationException("day", "is required (YYYY-MM-DD)");
        }
        try {
            LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationException("day", "must be a day written YYYY-MM-DD");
        }
        return new String(
                ledger.evaluate("ListOffersByDay", day, Integer.toString(pageSize), bookmark), StandardCharsets.UTF_8);
    }

    /** The domain's rules on an offer, with violations named by the body's field names. */
    static FlexOffer validate(JsonBody in) {
        LocalDate day = in.day("day");
        SortedMap<Integer, Kilowatts> kw = null;
        SortedMap<Integer, java.math.BigDecimal> raw = in.bySlot("kwBySlot");
        Violations units = new Violations();
        if (raw != null) {
            kw = new TreeMap<>();
            for (var e : raw.entrySet()) {
                Kilowatts k = units.nested("kwBySlot." + e.getKey(), () -> new Kilowatts(e.getValue()));
                kw.put(e.getKey(), k == null ? Kilowatts.ZERO : k);
            }
        }
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
            List<Violation> all = new java.util.ArrayList<>(units.list());
            e.violations().stream()
                    .map(v -> v.path().equals("period") ? new Violation("day", v.reason()) : v)
                    .forEach(all::add);
            throw new ValidationException(all);
        }
    }

    static void requireId(String id) {
        if (!Violations.ID.matcher(id).matches()) {
            throw new ValidationException("id", "must match " + Violations.ID.pattern());
        }
    }
}
