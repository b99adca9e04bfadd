package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.RegistryJson;
import io.flexledger.chaincode.failures.Failures;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Registry;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceState;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Participants, congestion points, homes and devices. Only the DSO registers congestion points; an
 * aggregator registers the homes of its own portfolio and their devices. A home's details go to the
 * private collection its aggregator shares with the DSO; the public record holds their hash. A meter
 * measures what its aggregator is paid for, so its keys need the DSO's consent: the aggregator
 * registers a meter or proposes a new key, the DSO approves, one approved meter per home.
 */
@Contract(
        name = Registry.CONTRACT,
        info = @Info(title = "FlexLedger registry", description = "Organisations, grid, homes, devices", version = "1"))
public final class RegistryContract implements MarketContract {
    /** Records the caller's own organisation (role from its MSP id) with a display name. */
    @Transaction(name = Registry.Names.REGISTER_ORGANISATION, intent = Transaction.TYPE.SUBMIT)
    public String registerOrganisation(Context ctx, String name) {
        String msp = Caller.msp(ctx);
        // Only channel members with a known role are registered, each by itself.
        if (Organisation.roleOf(msp).isEmpty()) {
            throw fail(ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "organisation %s has no role in this market", msp);
        }
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.ORGANISATION, msp);
        // An organisation is registered once.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.ORGANISATION_EXISTS, "organisation %s is already registered", msp);
        }
        Organisation org;
        try {
            org = new Organisation(msp, Organisation.roleOf(msp).orElseThrow(), name);
        } catch (ValidationException e) {
            throw Failures.invalid(e.prefixed("$"));
        }
        String json = ledger.put(key, RegistryJson.organisation(org));
        ledger.emit("OrganisationRegistered", RegistryJson.organisation(org));
        return json;
    }

    /** Reads an organisation. */
    @Transaction(name = Registry.Names.READ_ORGANISATION, intent = Transaction.TYPE.EVALUATE)
    public String readOrganisation(Context ctx, String mspId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.ORGANISATION, mspId))
                .orElseThrow(() -> fail(ErrorCode.INVALID_FIELD, "$.mspId: organisation %s is not registered", mspId));
    }

    /** Registers a transformer or feeder (DSO only). */
    @Transaction(name = Registry.Names.REGISTER_CONGESTION_POINT, intent = Transaction.TYPE.SUBMIT)
    public String registerCongestionPoint(Context ctx, String congestionPointJson) {
        Caller.requireDso(ctx, ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register congestion points");
        JsonInput in = JsonInput.parse(congestionPointJson).onlyFields(RegistryJson.CONGESTION_POINT_INPUT);
        CongestionPoint cp = RegistryJson.congestionPoint(in);
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.CONGESTION_POINT, cp.id());
        // Congestion point ids are unique.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.CONGESTION_POINT_EXISTS, "congestion point %s is already registered", cp.id());
        }
        if (cp.kind() == CongestionPointKind.FEEDER) {
            // A feeder hangs from a registered transformer.
            CongestionPoint parent = ledger.read(
                            ledger.key(Keys.CONGESTION_POINT, cp.parentId()), RegistryJson::congestionPoint)
                    .orElseThrow(() -> fail(
                            ErrorCode.CONGESTION_POINT_PARENT_INVALID,
                            "$.parentId: transformer %s is not registered",
                            cp.parentId()));
            if (parent.kind() != CongestionPointKind.TRANSFORMER) {
                throw fail(
                        ErrorCode.CONGESTION_POINT_PARENT_INVALID,
                        "$.parentId: %s is a %s, not a transformer",
                        parent.id(),
                        parent.kind());
            }
        }
        Map<String, Object> record = RegistryJson.congestionPoint(cp);
        String json = ledger.put(key, record);
        ledger.emit("CongestionPointRegistered", record);
        return json;
    }

    /** Reads a congestion point. */
    @Transaction(name = Registry.Names.READ_CONGESTION_POINT, intent = Transaction.TYPE.EVALUATE)
    public String readCongestionPoint(Context ctx, String id) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.CONGESTION_POINT, id))
                .orElseThrow(
                        () -> fail(ErrorCode.CONGESTION_POINT_NOT_FOUND, "congestion point %s does not exist", id));
    }

    /** Lists congestion points, one page at a time. */
    @Transaction(name = Registry.Names.LIST_CONGESTION_POINTS, intent = Transaction.TYPE.EVALUATE)
    public String listCongestionPoints(Context ctx, int pageSize, String bookmark) {
        return new Ledger(ctx).page(Keys.CONGESTION_POINT, List.of(), pageSize, bookmark, json -> json);
    }

    /**
     * Registers a home of the caller's portfolio. The public argument holds {@code id} and
     * {@code congestionPointId}; the transient field {@code home} holds the private details
     * ({@code assetId, address, meterId, connectionCapacityKw, salt}).
     */
    @Transaction(name = Registry.Names.REGISTER_ASSET, intent = Transaction.TYPE.SUBMIT)
    public String registerAsset(Context ctx, String assetJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register assets");
        Asset asset = RegistryJson.asset(JsonInput.parse(assetJson).onlyFields(RegistryJson.ASSET_INPUT), caller);
        // An aggregator registers homes into its own portfolio only.
        if (!asset.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED,
                    "$.aggregatorMsp: %s may not register assets for %s",
                    caller,
                    asset.aggregatorMsp());
        }
        Ledger ledger = new Ledger(ctx);
        String homeJson = ledger.transientField(Registry.HOME_TRANSIENT)
                .orElseThrow(() -> fail(
                        ErrorCode.PRIVATE_DATA_INVALID,
                        "the home's details are required in the transient field '%s'",
                        Registry.HOME_TRANSIENT));
        JsonInput homeIn = JsonInput.parse(homeJson).onlyFields(RegistryJson.HOME_INPUT);
        String salt = homeIn.string("salt");
        HomeDetails home = RegistryJson.home(homeIn, asset.id());
        try {
            Baseline.checkSalt(salt);
        } catch (ValidationException e) {
            throw fail(ErrorCode.PRIVATE_DATA_INVALID, "$.salt: %s", e.first().reason());
        }
        // The private details describe the home being registered.
        if (!home.assetId().equals(asset.id())) {
            throw fail(
                    ErrorCode.PRIVATE_DATA_INVALID,
                    "$.assetId: the details are for %s, not %s",
                    home.assetId(),
                    asset.id());
        }
        String key = ledger.key(Keys.ASSET, asset.id());
        // Asset ids are global: a home is in one portfolio only.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.ASSET_EXISTS, "asset %s is already registered", asset.id());
        }
        // A home is connected at a registered congestion point.
        if (!ledger.exists(ledger.key(Keys.CONGESTION_POINT, asset.congestionPointId()))) {
            throw fail(
                    ErrorCode.CONGESTION_POINT_NOT_FOUND,
                    "$.congestionPointId: %s is not registered",
                    asset.congestionPointId());
        }
        String privateJson = CanonicalJson.write(RegistryJson.home(home, salt));
        Map<String, Object> record = RegistryJson.asset(asset, Baseline.sha256Hex(privateJson));
        ledger.putPrivate(PrivateCollections.forAggregator(caller), key, RegistryJson.home(home, salt));
        String json = ledger.put(key, record);
        ledger.put(ledger.key(Keys.ASSET_BY_AGGREGATOR, caller, asset.id()), Map.of("key", key));
        ledger.emit("AssetRegistered", record);
        return json;
    }

    /** Reads an asset's public record. */
    @Transaction(name = Registry.Names.READ_ASSET, intent = Transaction.TYPE.EVALUATE)
    public String readAsset(Context ctx, String assetId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.ASSET, assetId))
                .orElseThrow(() -> fail(ErrorCode.ASSET_NOT_FOUND, "asset %s does not exist", assetId));
    }

    /** Reads a home's private details: only its aggregator and the DSO. */
    @Transaction(name = Registry.Names.READ_HOME_DETAILS, intent = Transaction.TYPE.EVALUATE)
    public String readHomeDetails(Context ctx, String assetId) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.ASSET, assetId);
        Asset asset = ledger.read(key, in -> RegistryJson.asset(in, null))
                .orElseThrow(() -> fail(ErrorCode.ASSET_NOT_FOUND, "asset %s does not exist", assetId));
        // Prosumer details are for the home's aggregator and the DSO only.
        if (!caller.equals(asset.aggregatorMsp()) && !Organisation.isDso(caller)) {
            throw fail(
                    ErrorCode.REGISTRY_MSP_NOT_ALLOWED,
                    "only %s and the DSO may read the details of %s (caller %s)",
                    asset.aggregatorMsp(),
                    assetId,
                    caller);
        }
        return ledger.getPrivate(PrivateCollections.forAggregator(asset.aggregatorMsp()), key)
                .orElseThrow(() ->
                        fail(ErrorCode.PRIVATE_DATA_INVALID, "this peer holds no private details of %s", assetId));
    }

    /** Lists an aggregator's portfolio, one page at a time. */
    @Transaction(name = Registry.Names.LIST_PORTFOLIO, intent = Transaction.TYPE.EVALUATE)
    public String listPortfolio(Context ctx, String aggregatorMsp, int pageSize, String bookmark) {
        Ledger ledger = new Ledger(ctx);
        return ledger.page(
                Keys.ASSET_BY_AGGREGATOR, List.of(aggregatorMsp), pageSize, bookmark, index -> resolve(ledger, index));
    }

    /**
     * Registers a device of one of the caller's homes, with its public key. A METER is stored PROPOSED:
     * its readings count only once the DSO approves it ({@link #approveMeter}); devices of other kinds are
     * ACTIVE at once. Every later change of the device needs the peers of both its aggregator and the DSO
     * (key-level policy), so neither replaces its key alone.
     */
    @Transaction(name = Registry.Names.REGISTER_DEVICE, intent = Transaction.TYPE.SUBMIT)
    public String registerDevice(Context ctx, String deviceJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register devices");
        Device device = RegistryJson.device(JsonInput.parse(deviceJson).onlyFields(RegistryJson.DEVICE_INPUT));
        Ledger ledger = new Ledger(ctx);
        Asset asset = ledger.read(ledger.key(Keys.ASSET, device.assetId()), in -> RegistryJson.asset(in, null))
                .orElseThrow(
                        () -> fail(ErrorCode.ASSET_NOT_FOUND, "$.assetId: asset %s does not exist", device.assetId()));
        // Devices are registered by the aggregator of their home.
        if (!asset.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.ASSET_NOT_OWNED,
                    "$.assetId: asset %s belongs to %s, not %s",
                    asset.id(),
                    asset.aggregatorMsp(),
                    caller);
        }
        String key = ledger.key(Keys.DEVICE, device.id());
        // Device ids are unique.
        if (ledger.exists(key)) {
            throw fail(ErrorCode.DEVICE_EXISTS, "device %s is already registered", device.id());
        }
        // One revenue meter per home: a second one is not even proposed while the first is approved.
        if (device.kind() == DeviceKind.METER) {
            ledger.get(ledger.key(Keys.METER_OF_ASSET, asset.id())).ifPresent(index -> {
                throw fail(
                        ErrorCode.METER_ACTIVE_EXISTS,
                        "$.assetId: home %s has the approved meter %s already (one revenue meter per home)",
                        asset.id(),
                        meterIdOf(ledger, index));
            });
        }
        StoredDevice stored = StoredDevice.registered(device, caller, ledger.now());
        Map<String, Object> record = RegistryJson.device(stored, ledger.txId());
        String json = ledger.put(key, record);
        // Changing the device later (approval, a new key) needs both the aggregator's and the DSO's peers.
        ledger.requireEndorsers(key, caller, Organisation.DSO_MSP);
        ledger.put(ledger.key(Keys.DEVICE_BY_ASSET, device.assetId(), device.id()), Map.of("key", key));
        ledger.emit("DeviceRegistered", record);
        return json;
    }

    /**
     * Approves a meter's key (DSO only): {@code {"deviceId", "publicKeyBase64"}}, the key the DSO checked
     * (the approval is refused if another one awaits approval). A PROPOSED meter becomes ACTIVE with its
     * registered key as key version 1, unless its home has another approved meter; an ACTIVE meter's
     * pending key (proposed by its aggregator) becomes its current key, the previous one kept in
     * {@code previousKeys} with the moment it stopped. The DSO's peer
     * countersigns the approved key in the collection it shares with the aggregator, which settlement
     * requires of every key a reading verifies with.
     */
    @Transaction(name = Registry.Names.APPROVE_METER, intent = Transaction.TYPE.SUBMIT)
    public String approveMeter(Context ctx, String approvalJson) {
        String caller = Caller.requireDso(ctx, ErrorCode.METER_MSP_NOT_ALLOWED, "approve meters and their keys");
        JsonInput in = JsonInput.parse(approvalJson).onlyFields(RegistryJson.METER_APPROVAL_INPUT);
        String deviceId = requireDeviceId(in);
        String checkedKey = in.string("publicKeyBase64");
        if (checkedKey != null) {
            in.violations().text(checkedKey, in.at("publicKeyBase64"), 1000);
        }
        in.done();
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.DEVICE, deviceId);
        StoredDevice meter = requireMeter(ledger, deviceId);
        Asset asset = homeOf(ledger, meter);
        String indexKey = ledger.key(Keys.METER_OF_ASSET, asset.id());
        StoredDevice approved;
        if (meter.state() == DeviceState.PROPOSED) {
            // One revenue meter per home: another approved meter of the home stays the only one.
            ledger.get(indexKey).ifPresent(index -> {
                throw fail(
                        ErrorCode.METER_ACTIVE_EXISTS,
                        "home %s has the approved meter %s already (one revenue meter per home)",
                        asset.id(),
                        meterIdOf(ledger, index));
            });
            requireChecked(deviceId, checkedKey, meter.device().publicKeyBase64());
            approved = meter.approved(caller, ledger.now());
        } else if (meter.pendingKey() != null) {
            requireChecked(deviceId, checkedKey, meter.pendingKey().publicKeyBase64());
            approved = meter.rotated(caller, ledger.now());
        } else {
            throw fail(
                    ErrorCode.METER_STATE_INVALID,
                    "meter %s is approved and no new key of it awaits approval",
                    deviceId);
        }
        Map<String, Object> record = RegistryJson.device(approved, ledger.txId());
        String json = ledger.put(key, record);
        ledger.requireEndorsers(key, asset.aggregatorMsp(), Organisation.DSO_MSP);
        if (meter.state() == DeviceState.PROPOSED) {
            ledger.put(indexKey, Map.of("key", key));
            ledger.requireEndorsers(indexKey, asset.aggregatorMsp(), Organisation.DSO_MSP);
        }
        // The DSO's peer countersigns the approved key where only the aggregator's and the DSO's peers write.
        DeviceKey current = approved.currentKey();
        ledger.countersignByDso(
                asset.aggregatorMsp(),
                Keys.DEVICE,
                List.of(deviceId, Keys.version(current.version())),
                CanonicalJson.write(RegistryJson.approvedKey(deviceId, current)));
        ledger.emit("MeterApproved", record);
        return json;
    }

    /**
     * Proposes a new key for an approved meter (its home's aggregator only): {@code {"deviceId",
     * "keyAlgorithm", "publicKeyBase64"}}. The key waits in {@code pendingKey} (a later proposal replaces
     * it) and is not used for anything until the DSO approves it with {@link #approveMeter}.
     */
    @Transaction(name = Registry.Names.PROPOSE_METER_KEY, intent = Transaction.TYPE.SUBMIT)
    public String proposeMeterKey(Context ctx, String keyJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.METER_MSP_NOT_ALLOWED, "propose new keys of meters");
        JsonInput in = JsonInput.parse(keyJson).onlyFields(RegistryJson.METER_KEY_INPUT);
        String deviceId = requireDeviceId(in);
        String algorithm = in.string("keyAlgorithm");
        String publicKey = in.string("publicKeyBase64");
        in.done();
        DeviceKey proposed;
        try {
            proposed = new DeviceKey(1, algorithm, publicKey, null, null);
        } catch (ValidationException e) {
            throw Failures.invalid(e.prefixed("$"));
        }
        Ledger ledger = new Ledger(ctx);
        StoredDevice meter = requireMeter(ledger, deviceId);
        Asset asset = homeOf(ledger, meter);
        // Only the aggregator of the meter's home proposes its keys.
        if (!asset.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.ASSET_NOT_OWNED,
                    "$.deviceId: meter %s is at %s, a home of %s, not %s",
                    deviceId,
                    asset.id(),
                    asset.aggregatorMsp(),
                    caller);
        }
        // A meter awaiting approval keeps the key it was registered with.
        if (meter.state() != DeviceState.ACTIVE) {
            throw fail(
                    ErrorCode.METER_STATE_INVALID,
                    "meter %s is %s: the DSO approves the key it was registered with",
                    deviceId,
                    meter.state());
        }
        // A new key is new: neither the current one nor a retired one (which may be compromised).
        for (DeviceKey had : meter.keys()) {
            if (had.sameKeyAs(proposed.keyAlgorithm(), proposed.publicKeyBase64())) {
                throw fail(
                        ErrorCode.METER_KEY_INVALID,
                        "$.publicKeyBase64: is key version %d of meter %s",
                        had.version(),
                        deviceId);
            }
        }
        StoredDevice withPending = meter.withPendingKey(new RegistryRecords.PendingKey(
                algorithm, publicKey, ledger.now().toString()));
        String key = ledger.key(Keys.DEVICE, deviceId);
        Map<String, Object> record = RegistryJson.device(withPending, ledger.txId());
        String json = ledger.put(key, record);
        ledger.requireEndorsers(key, caller, Organisation.DSO_MSP);
        ledger.emit("MeterKeyProposed", record);
        return json;
    }

    /**
     * A device with every version of its record: {@code {"id","history":[{"txId","timestamp","isDelete",
     * "value"}…]}} (registration, approvals, proposed and approved keys), in the order the peer returns
     * them (newest first since Fabric 2.0).
     */
    @Transaction(name = Registry.Names.DEVICE_HISTORY, intent = Transaction.TYPE.EVALUATE)
    public String deviceHistory(Context ctx, String deviceId) {
        Ledger ledger = new Ledger(ctx);
        List<Map<String, Object>> history = ledger.history(ledger.key(Keys.DEVICE, deviceId));
        if (history.isEmpty()) {
            throw fail(ErrorCode.DEVICE_NOT_FOUND, "device %s does not exist", deviceId);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", deviceId);
        out.put("history", history);
        return CanonicalJson.write(out);
    }

    /** The input's {@code deviceId}, recorded as a violation unless it is a valid id. */
    private static String requireDeviceId(JsonInput in) {
        String id = in.string("deviceId");
        if (id != null) {
            in.violations().id(id, in.at("deviceId"));
        }
        return id;
    }

    /** A stored device, refused unless it is a registered meter. */
    private static StoredDevice requireMeter(Ledger ledger, String deviceId) {
        StoredDevice d = ledger.read(ledger.key(Keys.DEVICE, deviceId), RegistryJson::storedDevice)
                .orElseThrow(() -> fail(ErrorCode.DEVICE_NOT_FOUND, "$.deviceId: device %s does not exist", deviceId));
        // Only a meter's readings are paid for: other devices need no approval.
        if (d.device().kind() != DeviceKind.METER) {
            throw fail(
                    ErrorCode.METER_KIND_INVALID,
                    "$.deviceId: device %s is a %s; only meters are approved and have their keys replaced",
                    deviceId,
                    d.device().kind());
        }
        return d;
    }

    /** Refuses an approval whose checked key is not the one awaiting approval. */
    private static void requireChecked(String deviceId, String checkedKey, String awaiting) {
        // The DSO approves the key it checked, not one swapped in since.
        if (!checkedKey.equals(awaiting)) {
            throw fail(
                    ErrorCode.METER_KEY_CONFLICT,
                    "$.publicKeyBase64: is not the key of %s awaiting approval",
                    deviceId);
        }
    }

    /** The device id an index entry {@code {"key": …}} points at. */
    private static String meterIdOf(Ledger ledger, String indexJson) {
        String json = resolve(ledger, indexJson);
        return json == null ? "?" : JsonInput.parse(json).string("id");
    }

    /** Reads a device and its public key. */
    @Transaction(name = Registry.Names.READ_DEVICE, intent = Transaction.TYPE.EVALUATE)
    public String readDevice(Context ctx, String deviceId) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.DEVICE, deviceId))
                .orElseThrow(() -> fail(ErrorCode.DEVICE_NOT_FOUND, "device %s does not exist", deviceId));
    }

    /** Lists the devices of a home, one page at a time. */
    @Transaction(name = Registry.Names.LIST_DEVICES, intent = Transaction.TYPE.EVALUATE)
    public String listDevices(Context ctx, String assetId, int pageSize, String bookmark) {
        Ledger ledger = new Ledger(ctx);
        return ledger.page(Keys.DEVICE_BY_ASSET, List.of(assetId), pageSize, bookmark, index -> resolve(ledger, index));
    }

    /** The record an index entry points at. */
    static String resolve(Ledger ledger, String indexJson) {
        String key = JsonInput.parse(indexJson).string("key");
        return ledger.get(key).orElse(null);
    }

    /** The home a stored meter names, refused with {@code ASSET_NOT_FOUND} if the ledger lacks it. */
    private static Asset homeOf(Ledger ledger, StoredDevice meter) {
        String assetId = meter.device().assetId();
        return ledger.read(ledger.key(Keys.ASSET, assetId), i -> RegistryJson.asset(i, null))
                .orElseThrow(() -> fail(
                        ErrorCode.ASSET_NOT_FOUND,
                        "meter %s names asset %s, which does not exist",
                        meter.device().id(),
                        assetId));
    }
}
