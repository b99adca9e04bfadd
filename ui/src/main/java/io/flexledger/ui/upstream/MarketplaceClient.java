package io.flexledger.ui.upstream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The marketplace-api endpoints the pages read (one instance per organisation), with the user's token. */
@Path("/api")
public interface MarketplaceClient {
    /** A page of a day's records: {@code kind} is requests, offers, orders or settlements. */
    @GET
    @Path("{kind}")
    Response list(
            @PathParam("kind") String kind,
            @QueryParam("day") String day,
            @QueryParam("pageSize") int pageSize,
            @QueryParam("bookmark") String bookmark,
            @HeaderParam("Authorization") String authorization);

    /** One record: {@code kind} is offers, orders, settlements, assets or congestion-points. */
    @GET
    @Path("{kind}/{id}")
    Response one(
            @PathParam("kind") String kind,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization);

    /** A settlement's private per-slot lines (the DSO and the settlement's aggregator). */
    @GET
    @Path("settlements/{id}/details")
    Response settlementDetails(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("baselines/{day}/{assetId}")
    Response baseline(
            @PathParam("day") String day,
            @PathParam("assetId") String assetId,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("anchors/{day}/{aggregatorMsp}")
    Response anchor(
            @PathParam("day") String day,
            @PathParam("aggregatorMsp") String aggregatorMsp,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("clearing/{day}")
    Response clearing(@PathParam("day") String day, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("offers")
    @Consumes(MediaType.APPLICATION_JSON)
    Response postOffer(
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Authorization") String authorization,
            String body);
}
