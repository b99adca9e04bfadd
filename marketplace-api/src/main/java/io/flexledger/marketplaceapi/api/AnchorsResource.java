package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.codec.AnchorRecords;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.ledger.SettlementLedger;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
import io.flexledger.marketplaceapi.security.Caller;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reading anchors: the Merkle root of all accepted meter readings of one day from the homes of one
 * aggregator's portfolio, anchored by the DSO once per (day, aggregator). Settlement proofs lead to
 * these roots.
 */
@Path("/api/anchors")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "anchors")
@SecurityRequirement(name = "bearer")
public class AnchorsResource {
    static final Set<String> FIELDS = Set.of("day", "aggregatorMsp", "rootHex", "leafCount");

    private final SettlementLedger ledger;
    private final Access access;

    public AnchorsResource(SettlementLedger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** Anchors a day's readings of a portfolio: {@code {"day","aggregatorMsp","rootHex","leafCount"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Anchor the Merkle root of a day's readings of an aggregator's portfolio (role dso)")
    public Response anchor(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.ANCHOR_READINGS);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, FIELDS);
        ReadingAnchor anchor = validate(in);
        return LedgerResponses.created(
                "/api/anchors/" + anchor.day() + "/" + anchor.aggregatorMsp(), ledger.anchorReadings(key, anchor));
    }

    @GET
    @Path("{day}/{aggregatorMsp}")
    @Operation(
            summary =
                    "The anchor of a day's readings of an aggregator's portfolio (roles dso, aggregator, admin, auditor)")
    public Response read(@PathParam("day") String day, @PathParam("aggregatorMsp") String aggregatorMsp) {
        Caller caller = access.require(Action.READ_SETTLEMENTS);
        LedgerResponses.requireDay(day);
        OffersResource.requireId(aggregatorMsp, "aggregatorMsp");
        AnchorRecords.StoredAnchor anchor = ledger.readAnchor(day, aggregatorMsp);
        access.requireShown(caller, anchor.anchor().aggregatorMsp(), "the anchor of " + day + " for " + aggregatorMsp);
        return LedgerResponses.record(ledger, AnchorRecords.anchor(anchor), anchor.txId());
    }

    @GET
    @Operation(summary = "A day's anchors; paginated (an aggregator's instance lists its own)")
    public String list(
            @QueryParam("day") String day,
            @QueryParam("pageSize") @DefaultValue("50") String pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        Caller caller = access.require(Action.READ_SETTLEMENTS);
        return LedgerResponses.dayPage(
                ledger::listAnchors,
                day,
                a -> access.shows(caller, a.anchor().aggregatorMsp()),
                AnchorRecords::anchor,
                pageSize,
                bookmark);
    }

    /** The domain's rules on an anchor, named by the body's fields. */
    static ReadingAnchor validate(JsonBody in) {
        LocalDate day = in.day("day");
        Integer leafCount = in.integer("leafCount");
        String aggregatorMsp = in.string("aggregatorMsp");
        Violations v = new Violations();
        v.present(leafCount, "leafCount");
        ReadingAnchor anchor = v.nested(
                "",
                () -> new ReadingAnchor(day, aggregatorMsp, in.string("rootHex"), leafCount == null ? 1 : leafCount));
        // Readings are anchored per aggregator portfolio.
        if (aggregatorMsp != null) {
            v.check(Organisation.isAggregator(aggregatorMsp), "aggregatorMsp", "must be an aggregator organisation");
        }
        v.throwIfAny();
        return anchor;
    }
}
