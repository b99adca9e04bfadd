package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.StoredDispute;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violation;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.ledger.SettlementLedger;
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
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Disputes of settlements. The DSO or the settlement's aggregator opens one with the SHA-256 of its
 * off-ledger evidence and the corrected figures it claims; the other party resolves it by accepting
 * (UPHELD: exactly the opener's figures apply) or rejecting them (REJECTED), naming no amount of its
 * own. Both transactions are endorsed by the DSO and the settlement's aggregator, as the dispute's key
 * policy requires; the chaincode checks which party the signing organisation is and bounds the claim
 * by what the order can be worth.
 */
@Path("/api/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "disputes")
@SecurityRequirement(name = "bearer")
public class DisputesResource {
    static final Set<String> FIELDS = Set.of("id", "settlementId", "reason", "evidenceHash", "claim");
    static final Set<String> CLAIM_FIELDS = Set.of("creditedKwh", "shortfallKwh", "netEur");
    static final Set<String> RESOLUTION_FIELDS = Set.of("outcome", "note");

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Stand-ins for the parts of a dispute that a body does not carry (or that are named at fault
     * already), to check the rest with the domain's rules.
     */
    private static final String ANY_HASH = "0".repeat(64);

    private static final DisputeClaim ANY_CLAIM = new DisputeClaim(KilowattHours.ZERO, KilowattHours.ZERO, Euros.ZERO);

    private final SettlementLedger ledger;
    private final Access access;

    public DisputesResource(SettlementLedger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /**
     * Opens a dispute: {@code {"id","settlementId","reason","evidenceHash","claim":{"creditedKwh",
     * "shortfallKwh","netEur"}}}, the claim being the corrected totals (the net must follow from the
     * energy by the settlement rule, within what the order can be worth; the ledger checks both).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dispute a settlement with the corrected figures (roles dso, aggregator: its parties)")
    public Response open(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.OPEN_DISPUTE);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, FIELDS);
        Dispute dispute = validateDispute(in, ledger.mspId());
        return LedgerResponses.created("/api/disputes/" + dispute.id(), ledger.openDispute(key, dispute));
    }

    /**
     * Resolves an open dispute: {@code {"outcome":"UPHELD"|"REJECTED","note"}}. UPHELD applies the
     * figures the opener stated, REJECTED keeps the settlement; an amount in the body is refused.
     */
    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Accept (UPHELD) or reject the figures of a dispute opened by the other party (roles dso,"
                    + " aggregator)")
    public Response resolve(
            @PathParam("id") String id,
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.RESOLVE_DISPUTE);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        OffersResource.requireId(id);
        JsonBody in = JsonBody.parse(body, union(RESOLUTION_FIELDS, Dispute.RESOLUTION_AMOUNTS));
        Dispute resolved = validateResolution(id, in);
        return LedgerResponses.created(
                "/api/disputes/" + id, ledger.resolveDispute(key, id, resolved.outcome(), resolved.note()));
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
        StoredDispute dispute = ledger.readDispute(id);
        access.requireShown(caller, dispute.aggregatorMsp(), "dispute " + id);
        Map<String, Object> record = SettlementRecords.dispute(dispute);
        ObjectNode out = JSON.createObjectNode();
        out.set("dispute", LedgerResponses.json(CanonicalJson.bytes(record)));
        out.set(
                "history",
                LedgerResponses.json(CanonicalJson.bytes(SettlementRecords.disputeHistory(ledger.disputeHistory(id))))
                        .path("history"));
        return Response.fromResponse(LedgerResponses.record(ledger, record, dispute.txId()))
                .entity(out.toString())
                .build();
    }

    /** The domain's rules on a dispute opened by {@code openedBy}, named by the body's fields. */
    static Dispute validateDispute(JsonBody in, String openedBy) {
        Violations v = new Violations();
        JsonBody c = in.object("claim", CLAIM_FIELDS);
        DisputeClaim claim = c == null ? null : v.nested("claim", () -> claim(c));
        Dispute dispute = v.nested(
                "",
                () -> Dispute.open(
                        in.string("id"),
                        in.string("settlementId"),
                        openedBy,
                        in.freeText("reason"),
                        in.string("evidenceHash"),
                        // A claim at fault is named above already, not again as missing.
                        c != null && claim == null ? ANY_CLAIM : claim));
        v.throwIfAny();
        return dispute;
    }

    /** The claim's figures, each at its unit's scale, checked by the domain. */
    private static DisputeClaim claim(JsonBody c) {
        Violations v = new Violations();
        KilowattHours credited = v.nested("creditedKwh", () -> new KilowattHours(c.decimalOrText("creditedKwh")));
        KilowattHours shortfall = v.nested("shortfallKwh", () -> new KilowattHours(c.decimalOrText("shortfallKwh")));
        Euros net = v.nested("netEur", () -> new Euros(c.decimalOrText("netEur")));
        v.throwIfAny();
        return new DisputeClaim(credited, shortfall, net);
    }

    /** The domain's rules on a resolution, named by the body's fields; an amount is refused by its path. */
    static Dispute validateResolution(String id, JsonBody in) {
        Violations v = new Violations();
        // Nobody sets an amount alone: the resolver accepts or rejects the figures the opener stated.
        Dispute.RESOLUTION_AMOUNTS.stream()
                .filter(name -> in.node().has(name))
                .sorted()
                .forEach(name -> v.add(new Violation(name, Dispute.RESOLUTION_NAMES_NO_AMOUNT)));
        DisputeOutcome outcome = in.enumValue("outcome", DisputeOutcome.class);
        String note = in.freeText("note");
        Dispute resolved = v.nested(
                "",
                () -> Dispute.open(id, "stl-" + id, Organisation.DSO_MSP, "-", ANY_HASH, ANY_CLAIM)
                        .resolve(outcome, note));
        v.throwIfAny();
        // Only its outcome and note travel: the stand-ins checked the rest.
        return resolved;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
