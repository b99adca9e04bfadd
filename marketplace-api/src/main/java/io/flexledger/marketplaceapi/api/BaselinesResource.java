package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Baselines;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.ledger.SettlementLedger;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.Action;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A home's baseline by commit and reveal: before gate closure its aggregator commits the SHA-256 of
 * the baseline's canonical text; later it reveals values and salt, which travel as transient data
 * (the private collection the aggregator shares with the DSO keeps them; the public record shows
 * only the hash and the state).
 */
@Path("/api/baselines")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "baselines")
@SecurityRequirement(name = "bearer")
public class BaselinesResource {
    static final Set<String> COMMIT_FIELDS = Baselines.COMMITMENT_FIELDS;
    static final Set<String> REVEAL_FIELDS = Baselines.REVEAL_FIELDS;
    /** The transient field that carries a revealed baseline to the chaincode. */
    static final String BASELINE_TRANSIENT = Baselines.BASELINE_TRANSIENT;

    private final SettlementLedger ledger;
    private final Access access;

    public BaselinesResource(SettlementLedger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** Commits the hash of a home's baseline: {@code {"assetId","day","hashHex"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Commit the hash of a home's baseline before gate closure (role aggregator)")
    public Response commit(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.SUBMIT_BASELINE);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, COMMIT_FIELDS);
        BaselineCommitment c = validateCommitment(in, ledger.mspId());
        return LedgerResponses.created(location(c.period().day(), c.assetId()), ledger.commitBaseline(key, c));
    }

    /**
     * Reveals a committed baseline: {@code {"assetId","day","kwBySlot":[… one kW per slot …],"salt"}},
     * sent to the chaincode as the transient field {@code baseline} only.
     */
    @POST
    @Path("reveal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reveal a committed baseline's values and salt as private data (role aggregator)")
    public Response reveal(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.SUBMIT_BASELINE);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, REVEAL_FIELDS);
        MarketRecords.Reveal reveal = validateReveal(in);
        Baseline baseline = reveal.baseline();
        return LedgerResponses.created(
                location(baseline.period().day(), baseline.assetId()), ledger.revealBaseline(key, reveal));
    }

    @GET
    @Path("{day}/{assetId}")
    @Operation(summary = "A home's public baseline commitment of a day (hash and state)")
    public Response read(@PathParam("day") String day, @PathParam("assetId") String assetId) {
        access.require(Action.READ);
        LedgerResponses.requireDay(day);
        OffersResource.requireId(assetId, "assetId");
        MarketRecords.StoredCommitment commitment = ledger.readBaseline(assetId, day);
        return LedgerResponses.record(ledger, MarketRecords.commitment(commitment), commitment.txId());
    }

    @GET
    @Path("{day}/{assetId}/versions")
    @Operation(
            summary = "Every committed version of a home's baseline commitment for a day, oldest first"
                    + " (a commitment is written once; a correction before gate closure is a new version)")
    public Response versions(
            @PathParam("day") String day,
            @PathParam("assetId") String assetId,
            @QueryParam("pageSize") @DefaultValue("100") String pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        access.require(Action.READ);
        LedgerResponses.requireDay(day);
        OffersResource.requireId(assetId, "assetId");
        return Response.ok(LedgerResponses.page(
                        List.of(assetId, day),
                        (size, from) -> ledger.listBaselineVersions(assetId, day, size, from),
                        r -> true,
                        MarketRecords::commitment,
                        pageSize,
                        bookmark))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("{day}/{assetId}/values")
    @Operation(
            summary = "A home's revealed baseline values and salt (private: the DSO and the home's aggregator),"
                    + " for settlement and audit")
    public Response values(@PathParam("day") String day, @PathParam("assetId") String assetId) {
        access.require(Action.READ_SETTLEMENTS);
        LedgerResponses.requireDay(day);
        OffersResource.requireId(assetId, "assetId");
        // The chaincode gives the values to the DSO and the home's aggregator only, once revealed.
        // The private values carry no transaction of their own: no ledger headers.
        return LedgerResponses.record(ledger, MarketRecords.revealInput(ledger.readBaselineValues(assetId, day)), null);
    }

    /** The domain's rules on a commitment by {@code aggregatorMsp}, named by the body's fields. */
    static BaselineCommitment validateCommitment(JsonBody in, String aggregatorMsp) {
        LocalDate day = in.day("day");
        try {
            return new BaselineCommitment(
                    in.string("assetId"),
                    aggregatorMsp,
                    period(day),
                    in.string("hashHex"),
                    Instant.now(),
                    BaselineState.COMMITTED);
        } catch (ValidationException e) {
            throw OffersResource.merged(new Violations(), e);
        }
    }

    /** The domain's rules on a revealed baseline and its salt, named by the body's fields. */
    static MarketRecords.Reveal validateReveal(JsonBody in) {
        LocalDate day = in.day("day");
        Violations v = new Violations();
        List<BigDecimal> raw = in.decimals("kwBySlot");
        List<Kilowatts> kw = null;
        if (raw != null) {
            kw = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                BigDecimal value = raw.get(i);
                Kilowatts k = v.nested("kwBySlot[" + i + "]", () -> new Kilowatts(value));
                kw.add(k == null ? Kilowatts.ZERO : k);
            }
        }
        String salt = in.string("salt");
        v.nested("", () -> {
            Baseline.checkSalt(salt);
            return salt;
        });
        List<Kilowatts> values = kw;
        Baseline baseline = v.nested("", () -> new Baseline(in.string("assetId"), period(day), values));
        try {
            v.throwIfAny();
        } catch (ValidationException e) {
            throw OffersResource.merged(new Violations(), e);
        }
        return new MarketRecords.Reveal(baseline, salt);
    }

    private static MarketPeriod period(LocalDate day) {
        return day == null ? null : MarketRules.DEFAULT.period(day);
    }

    private static String location(LocalDate day, String assetId) {
        return "/api/baselines/" + day + "/" + assetId;
    }
}
