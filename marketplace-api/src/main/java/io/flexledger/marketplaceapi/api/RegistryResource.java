package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.DeviceHistory;
import io.flexledger.contract.codec.RegistryRecords.DeviceRecord;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violations;
import io.flexledger.marketplaceapi.ledger.RegistryLedger;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registry the market rules rest on: congestion points (registered by the DSO), the homes of an
 * aggregator's portfolio (registered by that aggregator, with their private details going to the
 * collection it shares with the DSO) and their devices with the keys that sign meter readings. Field
 * rules are the chaincode's; its refusals come back as problem+json naming the field. A meter counts only
 * once the DSO approves it, and a new key of it only once the DSO approves that key: the aggregator
 * (who is paid for what the meter measures) never sets a meter key alone.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "registry")
@SecurityRequirement(name = "bearer")
public class RegistryResource {
    private static final Set<String> CONGESTION_POINT_FIELDS = Set.of("id", "kind", "parentId", "capacityKw");
    private static final Set<String> ASSET_FIELDS = Set.of("id", "congestionPointId", "aggregatorMsp", "home");
    static final Set<String> DEVICE_FIELDS = Set.of("id", "assetId", "kind", "keyAlgorithm", "publicKeyBase64");
    private static final Set<String> APPROVAL_FIELDS = Set.of("publicKeyBase64");
    private static final Set<String> KEY_FIELDS = Set.of("keyAlgorithm", "publicKeyBase64");
    private static final Set<String> HOME_FIELDS =
            Set.of("assetId", "address", "meterId", "connectionCapacityKw", "salt");

    private final RegistryLedger ledger;
    private final Access access;

    public RegistryResource(RegistryLedger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** Registers a transformer or feeder (DSO only). */
    @POST
    @Path("congestion-points")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a transformer or feeder (role dso)")
    public Response registerCongestionPoint(
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.REGISTER_CONGESTION_POINT);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, CONGESTION_POINT_FIELDS);
        CongestionPoint cp = validateCongestionPoint(in);
        return LedgerResponses.created("/api/congestion-points/" + cp.id(), ledger.registerCongestionPoint(key, cp));
    }

    @GET
    @Path("congestion-points/{id}")
    @Operation(summary = "One congestion point")
    public Response readCongestionPoint(@PathParam("id") String id) {
        access.require(Action.READ);
        OffersResource.requireId(id);
        return LedgerResponses.record(ledger, RegistryRecords.congestionPoint(ledger.readCongestionPoint(id)), null);
    }

    /**
     * Registers a home into this aggregator's portfolio. The body's {@code home} object (address,
     * meter, connection capacity, salt) is private: it travels as transient data and only its hash
     * is public.
     */
    @POST
    @Path("assets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a home of this aggregator's portfolio (role aggregator)")
    public Response registerAsset(@HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.REGISTER_ASSET);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, ASSET_FIELDS);
        ObjectNode asset = in.node().deepCopy();
        if (!(asset.remove("home") instanceof ObjectNode home)) {
            throw new MalformedBodyException("$.home", "is required: an object with " + String.join(", ", HOME_FIELDS));
        }
        if (!asset.has("aggregatorMsp")) {
            asset.put("aggregatorMsp", ledger.mspId());
        }
        RegisteredAsset registered = validateAsset(JsonBody.parse(asset.toString(), ASSET_FIELDS), home);
        return LedgerResponses.created(
                "/api/assets/" + in.string("id"),
                ledger.registerAsset(key, registered.asset(), registered.home(), registered.salt()));
    }

    @GET
    @Path("assets/{id}")
    @Operation(summary = "One asset's public record (its private details stay in the collection)")
    public Response readAsset(@PathParam("id") String id) {
        access.require(Action.READ);
        OffersResource.requireId(id);
        return LedgerResponses.record(ledger, RegistryRecords.asset(ledger.readAsset(id)), null);
    }

    /**
     * Registers a device of a home in this aggregator's portfolio with the public key that verifies
     * the readings it signs: {@code {"id","assetId","kind","keyAlgorithm","publicKeyBase64"}}.
     */
    @POST
    @Path("devices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a device of a home of this aggregator's portfolio (role aggregator)")
    public Response registerDevice(
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.REGISTER_DEVICE);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        JsonBody in = JsonBody.parse(body, DEVICE_FIELDS);
        Device device = validateDevice(in);
        return LedgerResponses.created("/api/devices/" + device.id(), ledger.registerDevice(key, device));
    }

    /**
     * Approves a meter that its home's aggregator registered, or the new key the aggregator proposed for
     * it: {@code {"publicKeyBase64"}}, the key the DSO checked (refused with 409 if another one awaits
     * approval). One approved meter per home (409 otherwise). The device's key is under the policy
     * AND(aggregator, DSO), so the DSO and the device's aggregator (read from the ledger) endorse.
     */
    @POST
    @Path("devices/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a meter or its proposed new key, naming the key checked (role dso)")
    public Response approveMeter(
            @PathParam("id") String id,
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.APPROVE_METER);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        OffersResource.requireId(id);
        JsonBody in = JsonBody.parse(body, APPROVAL_FIELDS);
        String checked = in.string("publicKeyBase64");
        validateCheckedKey(checked);
        return LedgerResponses.created("/api/devices/" + id, ledger.approveMeter(key, id, checked));
    }

    /**
     * Proposes a new key for an approved meter of a home of this aggregator's portfolio: {@code
     * {"keyAlgorithm","publicKeyBase64"}}. It waits as the device's {@code pendingKey}, unused, until the
     * DSO approves it ({@code POST /api/devices/{id}/approval}).
     */
    @POST
    @Path("devices/{id}/key")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Propose a new key of a meter; it counts once the DSO approves it (role aggregator)")
    public Response proposeMeterKey(
            @PathParam("id") String id,
            @HeaderParam(LedgerResponses.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.PROPOSE_METER_KEY);
        String key = LedgerResponses.requireIdempotencyKey(idempotencyKey);
        OffersResource.requireId(id);
        JsonBody in = JsonBody.parse(body, KEY_FIELDS);
        String algorithm = in.string("keyAlgorithm");
        String publicKey = in.string("publicKeyBase64");
        new DeviceKey(1, algorithm, publicKey, null, null);
        return LedgerResponses.created("/api/devices/" + id, ledger.proposeMeterKey(key, id, algorithm, publicKey));
    }

    /**
     * A device with every version of its record: {@code {"device":{…},"history":[{"txId","timestamp",
     * "isDelete","value"}…]}} (registration, approval, proposed and approved keys), newest first as the
     * peer returns them.
     */
    @GET
    @Path("devices/{id}/history")
    @Operation(summary = "One device and every version of its record (its keys and approvals)")
    public Response deviceHistory(@PathParam("id") String id) {
        access.require(Action.READ);
        OffersResource.requireId(id);
        DeviceRecord device = ledger.readDevice(id);
        return LedgerResponses.record(ledger, historyAnswer(device, ledger.deviceHistory(id)), device.txId());
    }

    @GET
    @Path("devices/{id}")
    @Operation(summary = "One device, its state (PROPOSED or ACTIVE) and its public keys")
    public Response readDevice(@PathParam("id") String id) {
        access.require(Action.READ);
        OffersResource.requireId(id);
        DeviceRecord device = ledger.readDevice(id);
        return LedgerResponses.record(ledger, RegistryRecords.device(device), device.txId());
    }

    @GET
    @Path("assets/{assetId}/devices")
    @Operation(summary = "The devices of a home; paginated")
    public String listDevices(
            @PathParam("assetId") String assetId,
            @QueryParam("pageSize") @DefaultValue("50") String pageSize,
            @QueryParam("bookmark") @DefaultValue("") String bookmark) {
        access.require(Action.READ);
        OffersResource.requireId(assetId, "assetId");
        return LedgerResponses.page(
                List.of(assetId),
                (size, from) -> ledger.listDevices(assetId, size, from),
                r -> true,
                RegistryRecords::device,
                pageSize,
                bookmark);
    }

    /** A device and every version of its record: {@code {"device":{…},"history":[…]}}, as the codec writes them. */
    static Map<String, Object> historyAnswer(DeviceRecord device, DeviceHistory history) {
        Map<String, Object> out = MarketRecords.record();
        out.put("device", RegistryRecords.device(device));
        out.put("history", RegistryRecords.deviceHistory(history).get("history"));
        return out;
    }

    /** The domain's rules on a device, named by the body's fields. */
    static Device validateDevice(JsonBody in) {
        DeviceKind kind = in.enumValue("kind", DeviceKind.class);
        return new Device(
                in.string("id"), in.string("assetId"), kind, in.string("keyAlgorithm"), in.string("publicKeyBase64"));
    }

    /** The key the DSO checked: a P-256 or Ed25519 public key as devices register them. */
    static void validateCheckedKey(String publicKeyBase64) {
        if (publicKeyBase64 == null) {
            throw new ValidationException("publicKeyBase64", "is required: the key checked and approved");
        }
        for (String algorithm : List.of("EC", "Ed25519")) {
            try {
                new DeviceKey(1, algorithm, publicKeyBase64, null, null);
                return;
            } catch (ValidationException e) {
                // try the next algorithm
            }
        }
        throw new ValidationException(
                "publicKeyBase64", "is not an EC or Ed25519 public key (base64 X.509 SubjectPublicKeyInfo)");
    }

    /** The domain's rules on a congestion point, named by the body's fields. */
    static CongestionPoint validateCongestionPoint(JsonBody in) {
        Violations v = new Violations();
        CongestionPointKind kind = in.enumValue("kind", CongestionPointKind.class);
        BigDecimal capacity = in.decimal("capacityKw");
        Kilowatts kw = capacity == null ? null : v.nested("capacityKw", () -> new Kilowatts(capacity));
        String id = in.string("id");
        String parentId = in.string("parentId");
        CongestionPoint cp = v.nested("", () -> new CongestionPoint(id, kind, parentId, kw));
        v.throwIfAny();
        return cp;
    }

    /** A home to register: its public record, its private details and the salt that hides them. */
    record RegisteredAsset(Asset asset, HomeDetails home, String salt) {}

    /** The domain's rules on an asset and its private details, named by the body's fields. */
    static RegisteredAsset validateAsset(JsonBody asset, ObjectNode home) {
        Violations v = new Violations();
        String id = asset.string("id");
        String msp = asset.string("aggregatorMsp");
        String cp = asset.string("congestionPointId");
        Asset registered = v.nested("", () -> new Asset(id, msp, cp));
        JsonBody details = JsonBody.parse(home.toString(), HOME_FIELDS, "$.home");
        BigDecimal capacity = details.decimal("connectionCapacityKw");
        Kilowatts kw = capacity == null ? null : v.nested("home.connectionCapacityKw", () -> new Kilowatts(capacity));
        String assetId = details.string("assetId");
        String address = details.freeText("address");
        String meterId = details.string("meterId");
        HomeDetails homeDetails = v.nested("home", () -> new HomeDetails(assetId, address, meterId, kw));
        // The salt keeps the public hash of the details from being confirmed by guessing.
        String salt = details.string("salt");
        if (salt == null) {
            v.check(false, "home.salt", "is required (16 to 64 random bytes in hex)");
        }
        v.throwIfAny();
        return new RegisteredAsset(registered, homeDetails, salt);
    }
}
