package io.flexledger.marketplaceapi.clearing;

import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.api.Problem;
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
public class ClearingResource {
    private final GateClosureClearing clearing;

    public ClearingResource(GateClosureClearing clearing) {
        this.clearing = clearing;
    }

    /** The day's provisional clearing (formats section 2 result), kept warm until gate closure. */
    @GET
    public Response provisional(@PathParam("day") String day) {
        if (!clearing.active()) {
            return notTheDso();
        }
        ClearingResult result = clearing.provisional(parse(day));
        return Response.ok(result).build();
    }

    /** Clears the day now and places its orders (repeatable: placed orders are kept). */
    @POST
    public Response clearNow(@PathParam("day") String day) {
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
