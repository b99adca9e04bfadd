package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Settlements of orders against their baseline and the anchored, device-signed meter readings. The
 * DSO posts an order's readings with their Merkle proofs; the chaincode checks every signature and
 * proof, computes the settlement and marks the order settled. The order's key is under the
 * endorsement policy AND(DSO, aggregator), so the transaction is endorsed by the DSO and the order's
 * aggregator (read from the order first).
 */
@Path("/api/settlements")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "settlements")
@SecurityRequirement(name = "bearer")
public class SettlementsResource {
    static final Set<String> FIELDS = Set.of("orderId", "readings");
    static final Set<String> READING_FIELDS =
            Set.of("deviceId", "assetId", "day", "slot", "netKwh", "sequence", "signature", "proof");
    static final Set<String> PROOF_FIELDS = Set.of("leafIndex", "leafCount", "siblings");
    /** At most one reading per slot of the longest market day. */
    static final int MAX_READINGS = 100;
    /** Settlement ids: {@code stl-<orderId>}. */
    static final Pattern ID =
            Pattern.compile(Pattern.quote(FlexSettlement.ID_PREFIX) + "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final SettlementLedger ledger;
    private final Access access;

    public SettlementsResource(SettlementLedger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /**
     * Settles an order: {@code {"orderId","readings":[{deviceId, assetId, day, slot, netKwh, sequence,
     * signature, proof:{leafIndex, leafCount, siblings}} … one per ordered slot]}}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Settle an order with its signed meter readings and their Merkle proofs (role dso)")
    public Response settle(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.SETTLE_ORDER);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, FIELDS);
        Settle settle = validate(in);
        return LedgerResponses.created(
                "/api/settlements/" + FlexSettlement.ID_PREFIX + settle.orderId(),
                ledger.settleOrder(key, settle.orderId(), settle.readings()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One settlement's public record (roles dso, aggregator, admin, auditor)")
    public Response read(@PathParam("id") String id) {
        Caller caller = access.require(Action.READ_SETTLEMENTS);
        requireId(id);
        StoredSettlement settlement = ledger.readSettlement(id);
        access.requireShown(caller, settlement.aggregatorMsp(), "settlement " + id);
        return LedgerResponses.record(ledger, settlement.toJson(), settlement.txId());
    }

    @GET
    @Path("{id}/details")
    @Operation(summary = "A settlement's per-slot lines (private: the DSO and the settlement's aggregator)")
    public Response details(@PathParam("id") String id) {
        access.require(Action.READ_SETTLEMENTS);
        requireId(id);
        // The chaincode gives the private lines to the DSO and the settlement's aggregator only.
        // The details carry no transaction id of their own (the public record's names the settling one).
        return LedgerResponses.record(ledger, SettlementRecords.details(ledger.readSettlementDetails(id)), null);
    }

    @GET
    @Operation(summary = "A day's settlements, filtered by state; paginated (an aggregator's instance lists its own)")
    public String list(
            @QueryParam("day") String day,
            @QueryParam("state") String state,
            @QueryParam("pageSize") @DefaultValue("50") String pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        Caller caller = access.require(Action.READ_SETTLEMENTS);
        LedgerResponses.Filter filter = new LedgerResponses.Filter(
                null, OffersResource.stateOf(state, io.flexledger.domain.settlement.FlexSettlementState.class), null);
        return LedgerResponses.dayPage(
                ledger::listSettlements,
                day,
                filter.<StoredSettlement>on(s -> null, StoredSettlement::state, s -> Map.of())
                        .and(s -> access.shows(caller, s.aggregatorMsp())),
                StoredSettlement::toJson,
                pageSize,
                bookmark);
    }

    static void requireId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ValidationException("id", "must match " + ID.pattern());
        }
    }

    /** What settles an order: the order and one proven reading per ordered slot. */
    record Settle(String orderId, List<ProvenReading> readings) {}

    /**
     * The domain's rules on each reading, its signature and proof, named by the body's fields
     * ({@code $.readings[3].proof.siblings[0]}); returns the order and its proven readings.
     */
    static Settle validate(JsonBody in) {
        Violations v = new Violations();
        String orderId = in.string("orderId");
        v.id(orderId, "orderId");
        List<JsonBody> readings = in.objects("readings", READING_FIELDS);
        List<ProvenReading> proven = new ArrayList<>();
        if (v.present(readings, "readings")) {
            // A settlement covers at least one ordered slot, and a day has at most 100.
            v.check(!readings.isEmpty(), "readings", "must hold one reading per ordered slot");
            v.check(readings.size() <= MAX_READINGS, "readings", "must hold at most " + MAX_READINGS + " readings");
            List<MeterReading> read = new ArrayList<>();
            for (int i = 0; i < readings.size() && i < MAX_READINGS; i++) {
                Checked checked = reading(readings.get(i), "readings[" + i + "]", v);
                read.add(checked.reading());
                proven.add(checked.proven());
            }
            consistent(read, v);
        }
        v.throwIfAny();
        return new Settle(orderId, proven);
    }

    /**
     * A reading as checked: the reading (null if it is not valid) and, when its signature and proof are
     * valid too, the proven reading (null otherwise); the violations are recorded.
     */
    private record Checked(MeterReading reading, ProvenReading proven) {}

    /** One signed reading with its proof. */
    private static Checked reading(JsonBody r, String at, Violations v) {
        LocalDate day = r.day("day");
        Integer slot = r.integer("slot");
        Long sequence = r.longInteger("sequence");
        BigDecimal net = r.decimalOrText("netKwh");
        v.present(slot, at + ".slot");
        v.present(sequence, at + ".sequence");
        KilowattHours netKwh = net == null ? null : v.nested(at + ".netKwh", () -> new KilowattHours(net));
        boolean netOk = net == null || netKwh != null;
        // Placeholders for what is missing (reported above) let the other fields be checked too.
        MeterReading reading = v.nested(
                at,
                () -> new MeterReading(
                        r.string("deviceId"),
                        r.string("assetId"),
                        day,
                        slot == null ? 0 : slot,
                        netOk ? netKwh : KilowattHours.ZERO,
                        sequence == null ? 1 : sequence));
        SignedReading signed =
                reading == null ? null : v.nested(at, () -> new SignedReading(reading, r.string("signature")));
        JsonBody proof = r.object("proof", PROOF_FIELDS);
        MerkleProof merkle = null;
        if (v.present(proof, at + ".proof")) {
            Integer leafIndex = proof.integer("leafIndex");
            Integer leafCount = proof.integer("leafCount");
            v.present(leafIndex, at + ".proof.leafIndex");
            v.present(leafCount, at + ".proof.leafCount");
            List<String> siblings = proof.strings("siblings");
            merkle = v.nested(
                    at + ".proof",
                    () -> new MerkleProof(
                            leafIndex == null ? 0 : leafIndex,
                            leafCount == null ? Integer.MAX_VALUE : leafCount,
                            siblings));
        }
        MeterReading valid = slot == null || sequence == null || !netOk ? null : reading;
        return new Checked(
                valid, valid == null || signed == null || merkle == null ? null : new ProvenReading(signed, merkle));
    }

    /** Rules across the readings of one settlement. */
    private static void consistent(List<MeterReading> readings, Violations v) {
        MeterReading first = readings.isEmpty() ? null : readings.get(0);
        Map<Integer, Integer> bySlot = new HashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            MeterReading r = readings.get(i);
            if (r == null || first == null) {
                continue;
            }
            String at = "readings[" + i + "]";
            // An order is for one home on one day.
            v.check(r.assetId().equals(first.assetId()), at + ".assetId", "must be the home of readings[0]");
            v.check(r.day().equals(first.day()), at + ".day", "must be the day of readings[0]");
            // Exactly one reading per ordered slot.
            Integer earlier = bySlot.putIfAbsent(r.slot(), i);
            v.check(earlier == null, at + ".slot", "repeats the slot of readings[" + earlier + "]");
        }
    }
}
