package io.flexledger.ui.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The settlement service: the audit verdict of each settlement of a day. */
@Path("/settlement")
public interface SettlementClient {
    @GET
    @Path("audit/{day}")
    Response audit(@PathParam("day") String day, @HeaderParam("Authorization") String authorization);
}
