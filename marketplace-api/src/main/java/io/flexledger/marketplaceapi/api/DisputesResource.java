package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
import io.flexledger.marketplaceapi.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Disputes of settlements. The DSO or the settlement's aggregator opens one (with the SHA-256 of its
 * off-ledger evidence); the other party resolves it. Both transactions are endorsed by the DSO and the
 * settlement's aggregator, as the dispute's key policy requires; the chaincode checks which party
 * the signing organisation is.
 */
@Path("/api/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "disputes")
@SecurityRequirement(name = "bearer")
public class DisputesResource {
    static final Set<String> FIELDS = Set.of("id", "settlementId", "reason", "evidenceHash");
    static final Set<String> RESOLUTION_FIELDS = Set.of("outcome", "note", "adjustedNetEur");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stand-ins for the parts of a dispute that a resolution does not carry, to check it with the domain's rules. */
    private static final String ANY_HASH = "0".repeat(64);

    private final FabricLedger ledger;
    private final Access access;

    public DisputesResource(FabricLedger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** Opens a dispute: {@code {"id","settlementId","reason","evidenceHash"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dispute a settlement (roles dso, aggregator: the settlement's parties)")
    public Response open(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.OPEN_DISPUTE);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, FIELDS);
        Dispute dispute = Dispute.open(
                in.string("id"),
                in.string("settlementId"),
                ledger.mspId(),
                in.string("reason"),
                in.string("evidenceHash"));
        List<String> endorsers = Endorsers.ofSettlement(ledger::evaluate, dispute.settlementId());
        return LedgerResponses.created(
                "/api/disputes/" + dispute.id(),
                ledger.submitIdempotent(
                        Transactions.OPEN_DISPUTE,
                        key,
                        Map.of(),
                        endorsers,
                        in.node().toString()));
    }

    /**
     * Resolves an open dispute: {@code {"outcome":"UPHELD"|"REJECTED","note","adjustedNetEur"}}, the
     * corrected net amount given for an upheld dispute only.
     */
    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve a dispute opened by the other party (roles dso, aggregator)")
    public Response resolve(
            @PathParam("id") String id,
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.RESOLVE_DISPUTE);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        OffersResource.requireId(id);
        JsonBody in = JsonBody.parse(body, RESOLUTION_FIELDS);
        validateResolution(id, in);
        // An absent optional field is left out rather than sent as null.
        in.node().properties().removeIf(field -> field.getValue().isNull());
        in.node().put("id", id);
        List<String> endorsers = Endorsers.ofDispute(ledger::evaluate, id);
        return LedgerResponses.created(
                "/api/disputes/" + id,
                ledger.submitIdempotent(
                        Transactions.RESOLVE_DISPUTE,
                        key,
                        Map.of(),
                        endorsers,
                        in.node().toString()));
    }

    /**
     * A dispute with every version it went through: {@code {"dispute":{…},"history":[{"txId",
     * "timestamp","isDelete","value"}…]}}, the versions as the chaincode's {@code DisputeHistory} lists them.
     */
    @GET
    @Path("{id}")
    @Operation(summary = "One dispute and its history (roles dso, aggregator, admin, auditor)")
    public Response read(@PathParam("id") String id) {
        Caller caller = access.require(Action.READ_SETTLEMENTS);
        OffersResource.requireId(id);
        byte[] dispute = ledger.evaluate(Transactions.READ_DISPUTE, id);
        access.requireShown(caller, LedgerResponses.aggregatorOf(dispute), "dispute " + id);
        ObjectNode out = JSON.createObjectNode();
        out.set("dispute", LedgerResponses.json(dispute));
        out.set(
                "history",
                LedgerResponses.json(ledger.evaluate(Transactions.DISPUTE_HISTORY, id))
                        .path("history"));
        return Response.fromResponse(LedgerResponses.record(ledger, dispute))
                .entity(out.toString())
                .build();
    }

    /** The domain's rules on a resolution, named by the body's fields. */
    static void validateResolution(String id, JsonBody in) {
        Violations v = new Violations();
        DisputeOutcome outcome = in.enumValue("outcome", DisputeOutcome.class);
        BigDecimal adjusted = in.decimalOrText("adjustedNetEur");
        Euros adjustedEur = adjusted == null ? null : v.nested("adjustedNetEur", () -> new Euros(adjusted));
        if (adjusted == null || adjustedEur != null) {
            String note = in.string("note");
            v.nested(
                    "",
                    () -> Dispute.open(id, "stl-" + id, Organisation.DSO_MSP, "-", ANY_HASH)
                            .resolve(outcome, note, adjustedEur));
        }
        v.throwIfAny();
    }
}
