package io.flexledger.devicebridge.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.devicebridge.anchor.AnchorService;
import io.flexledger.devicebridge.directory.CachingDeviceDirectory;
import io.flexledger.devicebridge.directory.DirectoryUnavailableException;
import io.flexledger.devicebridge.pipeline.BridgeStats;
import io.flexledger.devicebridge.pipeline.IngestionPipeline;
import io.flexledger.devicebridge.store.AnchorRecord;
import io.flexledger.domain.validation.Violations;
import io.flexledger.problem.Problem;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bridge's HTTP side: sealing and anchoring a day, a home's readings with their proofs, and the
 * ingestion counters.
 */
@Path("/bridge")
@Produces(MediaType.APPLICATION_JSON)
public class BridgeResource {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The token claim naming the caller's organisation. */
    static final String MSP_CLAIM = "msp";

    private final AnchorService anchors;
    private final BridgeStats stats;
    private final IngestionPipeline pipeline;
    private final CachingDeviceDirectory registry;
    private final SecurityIdentity identity;

    public BridgeResource(
            AnchorService anchors,
            BridgeStats stats,
            IngestionPipeline pipeline,
            CachingDeviceDirectory registry,
            SecurityIdentity identity) {
        this.anchors = anchors;
        this.stats = stats;
        this.pipeline = pipeline;
        this.registry = registry;
        this.identity = identity;
    }

    /** Seals the day and anchors one root per aggregator on the ledger (the DSO: role dso or admin of DsoMSP). */
    @POST
    @Path("anchors/{day}")
    public ObjectNode seal(@PathParam("day") String dayText) {
        // Only the DSO closes a day's readings (see BridgeAccess).
        refuse(BridgeAccess.sealRefusal(caller()));
        LocalDate day = day(dayText);
        AnchorService.SealResult result = anchors.seal(day);
        ObjectNode out = MAPPER.createObjectNode();
        out.put("day", day.toString());
        ArrayNode list = out.putArray("anchors");
        for (AnchorRecord a : result.anchors()) {
            ObjectNode n = list.addObject();
            n.put("aggregatorMsp", a.anchor().aggregatorMsp());
            n.put("rootHex", a.anchor().rootHex());
            n.put("leafCount", a.anchor().leafCount());
            n.put("onLedger", a.onLedger());
        }
        if (!result.ledgerErrors().isEmpty()) {
            throw new ProblemException(Problem.of(
                    Status.SERVICE_UNAVAILABLE,
                    "ledger-unavailable",
                    "the day is sealed but the ledger did not record every anchor (post again to retry): "
                            + String.join("; ", result.ledgerErrors())));
        }
        return out;
    }

    /**
     * A home's readings of a sealed day with their Merkle proofs: for the home's own aggregator (the
     * organisation that registered it on the ledger), the DSO and auditors (see {@link BridgeAccess}).
     */
    @GET
    @Path("readings/{day}/{assetId}")
    public ObjectNode readings(@PathParam("day") String dayText, @PathParam("assetId") String assetId) {
        BridgeAccess.Caller caller = caller();
        refuse(BridgeAccess.readRefusal(caller));
        LocalDate day = day(dayText);
        Violations v = new Violations();
        if (!v.id(assetId, "assetId")) {
            throw new ProblemException(Problem.of(
                            Status.BAD_REQUEST,
                            "invalid-input",
                            "assetId: " + v.list().get(0).reason())
                    .at("path assetId"));
        }
        // Whose home it is comes from the ledger, and is decided before anything about its readings
        // (whether there are any, whether the day is sealed) is told.
        refuse(BridgeAccess.homeRefusal(caller, assetId, aggregatorOf(assetId)));
        DayReadings home;
        try {
            home = anchors.readingsOf(day, assetId)
                    .orElseThrow(() -> new ProblemException(
                            Problem.of(Status.NOT_FOUND, "not-found", "no readings of " + assetId + " on " + day)));
        } catch (IllegalStateException e) {
            throw new ProblemException(Problem.of(Status.CONFLICT, "day-not-sealed", e.getMessage()));
        }
        // The readings are proven against the anchor of the portfolio they were taken for: that one too.
        refuse(BridgeAccess.homeRefusal(caller, assetId, home.aggregatorMsp()));
        return MAPPER.valueToTree(home.toJson());
    }

    /**
     * Accepted readings, resends (a reading received again after it was stored) and rejections by
     * reason since the bridge started (no token needed).
     */
    @GET
    @Path("stats")
    public ObjectNode stats() {
        BridgeStats.Snapshot s = stats.snapshot();
        ObjectNode out = MAPPER.createObjectNode();
        out.put("accepted", s.accepted());
        out.put("resent", s.resent());
        out.put("rejectedTotal", s.rejectedTotal());
        ObjectNode rejected = out.putObject("rejected");
        s.rejected().forEach((reason, n) -> rejected.put(reason.name(), n));
        out.put("inFlight", pipeline.inFlight());
        return out;
    }

    /** The caller (401 without a valid token). */
    private BridgeAccess.Caller caller() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("a bearer token of the flexledger realm is required");
        }
        Object msp = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(MSP_CLAIM) : null;
        if (msp == null) {
            msp = identity.getAttribute(MSP_CLAIM);
        }
        return new BridgeAccess.Caller(Optional.ofNullable(msp).map(Object::toString), identity.getRoles());
    }

    /** 403 with the reason, if there is one. */
    private static void refuse(Optional<String> refusal) {
        refusal.ifPresent(reason -> {
            throw new ForbiddenException(reason);
        });
    }

    /** The aggregator that registered the home on the ledger (404 when none did, 503 when the ledger is not asked). */
    private String aggregatorOf(String assetId) {
        try {
            return registry.aggregatorOf(assetId)
                    .orElseThrow(() -> new ProblemException(Problem.of(
                            Status.NOT_FOUND, "not-found", "asset " + assetId + " is not registered on the ledger")));
        } catch (DirectoryUnavailableException e) {
            throw new ProblemException(Problem.of(
                    Status.SERVICE_UNAVAILABLE,
                    "registry-unavailable",
                    "the ledger's registry did not answer who holds " + assetId + ": " + e.getMessage()));
        }
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    Problem.of(Status.BAD_REQUEST, "invalid-input", "day must be an ISO date such as 2026-11-28")
                            .at("path day"));
        }
    }
}
