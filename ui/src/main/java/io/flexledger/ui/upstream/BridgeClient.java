package io.flexledger.ui.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** device-bridge: a home's signed readings of a day with their Merkle proofs. */
@Path("/bridge")
public interface BridgeClient {
    @GET
    @Path("readings/{day}/{assetId}")
    Response readings(
            @PathParam("day") String day,
            @PathParam("assetId") String assetId,
            @HeaderParam("Authorization") String authorization);
}
