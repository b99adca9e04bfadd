package io.flexledger.marketplaceapi.clearing;

import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
import io.flexledger.problem.Problem;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The DSO's market clearing (UC3): the provisional clearing of a day, and clearing it now with its
 * orders recorded on the ledger (what gate closure does by itself).
 */
@Path("/api/clearing/{day}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ClearingResource {
    private final GateClosureClearing clearing;
    private final Access access;

    public ClearingResource(GateClosureClearing clearing, Access access) {
        this.clearing = clearing;
        this.access = access;
    }

    /** The day's provisional clearing (formats section 2 result), kept warm until gate closure. */
    @GET
    public Response provisional(@PathParam("day") String day) {
        // The provisional clearing is the DSO's working view: only its market roles see it.
        access.require(Action.CREATE_ORDER);
        if (!clearing.active()) {
            return notTheDso();
        }
        ClearingResult result = clearing.provisional(parse(day));
        return Response.ok(result).build();
    }

    /** Clears the day now and places its orders (repeatable: placed orders are kept). */
    @POST
    public Response clearNow(@PathParam("day") String day) {
        access.require(Action.CREATE_ORDER);
        if (!clearing.active()) {
            return notTheDso();
        }
        return Response.ok(clearing.clearAndOrder(parse(day))).build();
    }

    private static Response notTheDso() {
        return Problem.of(
                        Response.Status.FORBIDDEN,
                        "forbidden",
                        "only the DSO's instance clears the market (or flex.clearing.enabled is false)")
                .toResponse();
    }

    private static LocalDate parse(String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new ValidationException("day", "must be a day written YYYY-MM-DD");
        }
    }
}
