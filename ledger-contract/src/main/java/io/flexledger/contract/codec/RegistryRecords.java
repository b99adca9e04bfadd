package io.flexledger.contract.codec;

import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.grid.CongestionPointKind;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceState;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.participants.OrganisationRole;
import io.flexledger.domain.units.Kilowatts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one codec of the registry's records (organisations, congestion points, assets and their private home
 * details, devices with their keys and approvals): domain records in, the map {@link CanonicalJson} writes
 * out; JSON read by {@link JsonFields} (input or stored) back to domain records, a field at fault reported to
 * the reader's problems and a record the domain refuses thrown as its {@code ValidationException} with paths
 * under the object's path.
 */
public final class RegistryRecords {
    private RegistryRecords() {}

    /** Fields a client may send to register a congestion point. */
    public static final Set<String> CONGESTION_POINT_INPUT = Set.of("id", "kind", "parentId", "capacityKw");
    /** Fields a client may send to register an asset (public part). */
    public static final Set<String> ASSET_INPUT = Set.of("id", "congestionPointId", "aggregatorMsp");
    /** Fields of the private home details (transient field {@code home}). */
    public static final Set<String> HOME_INPUT =
            Set.of("assetId", "address", "meterId", "connectionCapacityKw", "salt");
    /** Fields a client may send to register a device. */
    public static final Set<String> DEVICE_INPUT = Set.of("id", "assetId", "kind", "keyAlgorithm", "publicKeyBase64");
    /** Fields of a meter key proposal ({@code registry:ProposeMeterKey}). */
    public static final Set<String> METER_KEY_INPUT = Set.of("deviceId", "keyAlgorithm", "publicKeyBase64");
    /**
     * Fields of a meter approval ({@code registry:ApproveMeter}): the device and the key the DSO checked,
     * which must be the one awaiting approval.
     */
    public static final Set<String> METER_APPROVAL_INPUT = Set.of("deviceId", "publicKeyBase64");

    /** Reads an organisation. */
    public static Organisation organisation(JsonFields in) {
        String msp = in.string("mspId");
        OrganisationRole role = in.enumValue("role", OrganisationRole.class);
        String name = in.string("name");
        return in.build(() -> new Organisation(msp, role, name));
    }

    /** An organisation as JSON. */
    public static Map<String, Object> organisation(Organisation o) {
        Map<String, Object> m = MarketRecords.record();
        m.put("mspId", o.mspId());
        m.put("role", o.role().name());
        m.put("name", o.name());
        return m;
    }

    /** Reads a congestion point. */
    public static CongestionPoint congestionPoint(JsonFields in) {
        String id = in.string("id");
        CongestionPointKind kind = in.enumValue("kind", CongestionPointKind.class);
        String parent = in.optionalString("parentId");
        Kilowatts capacity = in.unit("capacityKw", Kilowatts::new);
        return in.build(() -> new CongestionPoint(id, kind, parent, capacity));
    }

    /** A congestion point as JSON. */
    public static Map<String, Object> congestionPoint(CongestionPoint cp) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", cp.id());
        m.put("kind", cp.kind().name());
        m.put("parentId", cp.parentId());
        m.put("capacityKw", cp.capacityKw().toString());
        return m;
    }

    /** A congestion point's input, as {@link #congestionPoint(JsonFields)} reads it. */
    public static Map<String, Object> congestionPointInput(CongestionPoint cp) {
        return congestionPoint(cp);
    }

    /** Reads an asset; {@code aggregatorMsp} defaults to {@code caller} when absent. */
    public static Asset asset(JsonFields in, String caller) {
        String id = in.string("id");
        String cp = in.string("congestionPointId");
        String aggregator = in.has("aggregatorMsp") ? in.string("aggregatorMsp") : caller;
        return in.build(() -> new Asset(id, aggregator, cp));
    }

    /** An asset as JSON, with the hash of its private details. */
    public static Map<String, Object> asset(Asset a, String detailsHash) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", a.id());
        m.put("aggregatorMsp", a.aggregatorMsp());
        m.put("congestionPointId", a.congestionPointId());
        m.put("detailsHash", detailsHash);
        return m;
    }

    /** An asset's input (public part), as {@link #asset(JsonFields, String)} reads it. */
    public static Map<String, Object> assetInput(Asset a) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", a.id());
        m.put("congestionPointId", a.congestionPointId());
        m.put("aggregatorMsp", a.aggregatorMsp());
        return m;
    }

    /** Reads a home's private details (the salt is read separately); {@code assetId} defaults to the asset's. */
    public static HomeDetails home(JsonFields in, String defaultAssetId) {
        String assetId = in.has("assetId") ? in.string("assetId") : defaultAssetId;
        String address = in.string("address");
        String meter = in.string("meterId");
        Kilowatts capacity = in.unit("connectionCapacityKw", Kilowatts::new);
        return in.build(() -> new HomeDetails(assetId, address, meter, capacity));
    }

    /** A home's details as JSON, with the salt that makes its public hash unguessable. */
    public static Map<String, Object> home(HomeDetails h, String salt) {
        Map<String, Object> m = MarketRecords.record();
        m.put("assetId", h.assetId());
        m.put("address", h.address());
        m.put("meterId", h.meterId());
        m.put("connectionCapacityKw", h.connectionCapacityKw().toString());
        m.put("salt", salt);
        return m;
    }

    /** A home's private details as input (transient field {@code home}), with their salt. */
    public static Map<String, Object> homeInput(HomeDetails h, String salt) {
        return home(h, salt);
    }

    /** Reads a device. */
    public static Device device(JsonFields in) {
        String id = in.string("id");
        String assetId = in.string("assetId");
        DeviceKind kind = in.enumValue("kind", DeviceKind.class);
        String algorithm = in.string("keyAlgorithm");
        String key = in.string("publicKeyBase64");
        return in.build(() -> new Device(id, assetId, kind, algorithm, key));
    }

    /** A device as JSON. */
    public static Map<String, Object> device(Device d) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", d.id());
        m.put("assetId", d.assetId());
        m.put("kind", d.kind().name());
        m.put("keyAlgorithm", d.keyAlgorithm());
        m.put("publicKeyBase64", d.publicKeyBase64());
        return m;
    }

    /** A device's input, as {@link #device(JsonFields)} reads it. */
    public static Map<String, Object> deviceInput(Device d) {
        return device(d);
    }

    /** A meter approval's input: the device and the key the DSO checked. */
    public static Map<String, Object> meterApprovalInput(String deviceId, String publicKeyBase64) {
        Map<String, Object> m = MarketRecords.record();
        m.put("deviceId", deviceId);
        m.put("publicKeyBase64", publicKeyBase64);
        return m;
    }

    /** A meter key proposal's input: the device and the key proposed. */
    public static Map<String, Object> meterKeyInput(String deviceId, String keyAlgorithm, String publicKeyBase64) {
        Map<String, Object> m = MarketRecords.record();
        m.put("deviceId", deviceId);
        m.put("keyAlgorithm", keyAlgorithm);
        m.put("publicKeyBase64", publicKeyBase64);
        return m;
    }

    /**
     * A key proposed for a meter by its aggregator, awaiting the DSO's approval.
     *
     * @param keyAlgorithm {@code EC} or {@code Ed25519}
     * @param publicKeyBase64 the proposed public key
     * @param proposedAt when it was proposed (transaction time, ISO-8601)
     */
    public record PendingKey(String keyAlgorithm, String publicKeyBase64, String proposedAt) {}

    /**
     * A device as the registry stores it: the registered device with its current key, and the registry's
     * own facts about it.
     *
     * @param device the device and its current key
     * @param aggregatorMsp the aggregator that registered it (its home's); null in a record written
     *     before devices named it
     * @param state PROPOSED until the DSO approves a meter; ACTIVE otherwise
     * @param keyVersion the current key's version, from the first approval on (null before, and for
     *     devices that are not meters)
     * @param keyValidFrom when the current key was approved in place of the previous one (null for the
     *     first key)
     * @param registeredAt when it was registered
     * @param approvedBy the organisation that approved the current key (the DSO)
     * @param approvedAt when it did
     * @param pendingKey the key proposed to replace the current one, if any
     * @param previousKeys the keys it had before, oldest first, each with its period
     */
    public record StoredDevice(
            Device device,
            String aggregatorMsp,
            DeviceState state,
            Integer keyVersion,
            Instant keyValidFrom,
            String registeredAt,
            String approvedBy,
            String approvedAt,
            PendingKey pendingKey,
            List<DeviceKey> previousKeys) {
        public StoredDevice {
            previousKeys = List.copyOf(previousKeys);
        }

        /** A device just registered by {@code aggregatorMsp} at {@code at}. */
        public static StoredDevice registered(Device device, String aggregatorMsp, Instant at) {
            return new StoredDevice(
                    device,
                    aggregatorMsp,
                    DeviceState.registered(device.kind()),
                    null,
                    null,
                    at.toString(),
                    null,
                    null,
                    null,
                    List.of());
        }

        /** The current key with its period. */
        public DeviceKey currentKey() {
            return new DeviceKey(
                    keyVersion == null ? 1 : keyVersion,
                    device.keyAlgorithm(),
                    device.publicKeyBase64(),
                    keyValidFrom,
                    null);
        }

        /** Every key the device has had, oldest first, the current one last. */
        public List<DeviceKey> keys() {
            List<DeviceKey> out = new ArrayList<>(previousKeys);
            out.add(currentKey());
            return out;
        }

        /** The key of {@code version}, if the device ever had it. */
        public java.util.Optional<DeviceKey> key(int version) {
            return keys().stream().filter(k -> k.version() == version).findFirst();
        }

        /** The meter approved by {@code dso} at {@code at}, with its registered key as version 1. */
        public StoredDevice approved(String dso, Instant at) {
            return new StoredDevice(
                    device,
                    aggregatorMsp,
                    DeviceState.ACTIVE,
                    1,
                    null,
                    registeredAt,
                    dso,
                    at.toString(),
                    null,
                    List.of());
        }

        /** The pending key approved by {@code dso} at {@code at}: the current key is retired then. */
        public StoredDevice rotated(String dso, Instant at) {
            List<DeviceKey> previous = new ArrayList<>(previousKeys);
            previous.add(currentKey().retiredAt(at));
            Device next = new Device(
                    device.id(),
                    device.assetId(),
                    device.kind(),
                    pendingKey.keyAlgorithm(),
                    pendingKey.publicKeyBase64());
            return new StoredDevice(
                    next,
                    aggregatorMsp,
                    state,
                    currentKey().version() + 1,
                    at,
                    registeredAt,
                    dso,
                    at.toString(),
                    null,
                    previous);
        }

        /** This device with {@code key} awaiting approval (replacing any key proposed before). */
        public StoredDevice withPendingKey(PendingKey key) {
            return new StoredDevice(
                    device,
                    aggregatorMsp,
                    state,
                    keyVersion,
                    keyValidFrom,
                    registeredAt,
                    approvedBy,
                    approvedAt,
                    key,
                    previousKeys);
        }
    }

    /** Reads a stored device (also one written before devices had a state). */
    public static StoredDevice storedDevice(JsonFields in) {
        Device device = device(in);
        String aggregator = in.optionalString("aggregatorMsp");
        DeviceState state =
                in.has("state") ? in.enumValue("state", DeviceState.class) : DeviceState.registered(device.kind());
        Integer version = in.has("keyVersion") ? in.integer("keyVersion") : null;
        Instant validFrom = instant(in, "keyValidFrom");
        PendingKey pending = null;
        if (in.has("pendingKey")) {
            JsonFields p = in.object("pendingKey");
            pending = new PendingKey(p.string("keyAlgorithm"), p.string("publicKeyBase64"), p.string("proposedAt"));
        }
        List<DeviceKey> previous = new ArrayList<>();
        List<JsonFields> keys = in.has("previousKeys") ? in.objects("previousKeys") : null;
        if (keys != null) {
            for (JsonFields k : keys) {
                if (k == null) {
                    continue; // reported as not an object
                }
                Integer v = k.integer("keyVersion");
                String algorithm = k.string("keyAlgorithm");
                String key = k.string("publicKeyBase64");
                Instant from = instant(k, "validFrom");
                Instant until = instant(k, "validUntil");
                previous.add(k.build(() -> new DeviceKey(v, algorithm, key, from, until)));
            }
        }
        String registeredAt = in.optionalString("registeredAt");
        String approvedBy = in.optionalString("approvedBy");
        String approvedAt = in.optionalString("approvedAt");
        in.done();
        return new StoredDevice(
                device, aggregator, state, version, validFrom, registeredAt, approvedBy, approvedAt, pending, previous);
    }

    /** A stored device as JSON, with the transaction that wrote this version. */
    public static Map<String, Object> device(StoredDevice d, String txId) {
        Map<String, Object> m = device(d.device());
        m.put("aggregatorMsp", d.aggregatorMsp());
        m.put("state", d.state().name());
        m.put("keyVersion", d.keyVersion());
        m.put("keyValidFrom", MarketRecords.instant(d.keyValidFrom()));
        m.put("registeredAt", d.registeredAt());
        m.put("approvedBy", d.approvedBy());
        m.put("approvedAt", d.approvedAt());
        if (d.pendingKey() != null) {
            Map<String, Object> p = MarketRecords.record();
            p.put("keyAlgorithm", d.pendingKey().keyAlgorithm());
            p.put("publicKeyBase64", d.pendingKey().publicKeyBase64());
            p.put("proposedAt", d.pendingKey().proposedAt());
            m.put("pendingKey", p);
        }
        if (!d.previousKeys().isEmpty()) {
            List<Object> keys = new ArrayList<>();
            for (DeviceKey k : d.previousKeys()) {
                keys.add(key(k));
            }
            m.put("previousKeys", keys);
        }
        m.put("txId", txId);
        return m;
    }

    /** A key of a device with its version and period. */
    public static Map<String, Object> key(DeviceKey k) {
        Map<String, Object> m = MarketRecords.record();
        m.put("keyVersion", k.version());
        m.put("keyAlgorithm", k.keyAlgorithm());
        m.put("publicKeyBase64", k.publicKeyBase64());
        m.put("validFrom", MarketRecords.instant(k.validFrom()));
        m.put("validUntil", MarketRecords.instant(k.validUntil()));
        return m;
    }

    /**
     * What the DSO's peer countersigns when it approves a meter's key: the device, the key's version and
     * the key, so that a settlement finds the approval of exactly the key a reading verified with.
     */
    public static Map<String, Object> approvedKey(String deviceId, DeviceKey k) {
        Map<String, Object> m = MarketRecords.record();
        m.put("deviceId", deviceId);
        m.put("keyVersion", k.version());
        m.put("keyAlgorithm", k.keyAlgorithm());
        m.put("publicKeyBase64", k.publicKeyBase64());
        return m;
    }

    // ---- stored records as the registry's reads answer them

    /** The fields of a stored congestion point: its input's (the registry keeps nothing beside them). */
    public static final Set<String> CONGESTION_POINT_RECORD_FIELDS = CONGESTION_POINT_INPUT;

    /**
     * A stored congestion point ({@code registry:ReadCongestionPoint}), every field it holds, as {@link
     * #congestionPoint(CongestionPoint)} writes it; a field it does not write is refused.
     */
    public static CongestionPoint storedCongestionPoint(JsonFields in) {
        in.onlyFields(CONGESTION_POINT_RECORD_FIELDS);
        return congestionPoint(in);
    }

    /**
     * An asset's public record as the registry stores it: the home and the hash of its private details.
     *
     * @param asset the home, its aggregator and its congestion point
     * @param detailsHash the SHA-256 (64 lowercase hex digits) of its private details with their salt
     */
    public record StoredAsset(Asset asset, String detailsHash) {}

    /** The fields of a stored asset: the input's and the hash of the private details. */
    public static final Set<String> ASSET_RECORD_FIELDS =
            Set.of("id", "aggregatorMsp", "congestionPointId", "detailsHash");

    /**
     * A stored asset ({@code registry:ReadAsset}), every field it holds, as {@link #asset(StoredAsset)}
     * writes it: its aggregator and the hash are required, a field it does not write is refused.
     */
    public static StoredAsset storedAsset(JsonFields in) {
        in.onlyFields(ASSET_RECORD_FIELDS);
        String id = in.string("id");
        String aggregator = in.string("aggregatorMsp");
        String cp = in.string("congestionPointId");
        String hash = in.string("detailsHash");
        if (hash != null && !SHA_256_HEX.matcher(hash).matches()) {
            in.problems().report(in.at("detailsHash"), "must be a SHA-256 in 64 lowercase hex digits");
        }
        return in.build(() -> new StoredAsset(new Asset(id, aggregator, cp), hash));
    }

    /** A stored asset as JSON, as the registry wrote it. */
    public static Map<String, Object> asset(StoredAsset a) {
        return asset(a.asset(), a.detailsHash());
    }

    /**
     * A device record as the registry's reads answer it: the stored device and the transaction that wrote
     * this version.
     *
     * @param device the device, its keys and approvals
     * @param txId the transaction that wrote this version
     */
    public record DeviceRecord(StoredDevice device, String txId) {}

    /** The fields of a stored device: the device's own and those the registry keeps beside them. */
    public static final Set<String> DEVICE_RECORD_FIELDS = Set.of(
            "id",
            "assetId",
            "kind",
            "keyAlgorithm",
            "publicKeyBase64",
            "aggregatorMsp",
            "state",
            "keyVersion",
            "keyValidFrom",
            "registeredAt",
            "approvedBy",
            "approvedAt",
            "pendingKey",
            "previousKeys",
            "txId");

    /** The fields of a key awaiting the DSO's approval ({@code pendingKey}). */
    public static final Set<String> PENDING_KEY_FIELDS = Set.of("keyAlgorithm", "publicKeyBase64", "proposedAt");

    /** The fields of a key a device had before ({@code previousKeys}). */
    public static final Set<String> PREVIOUS_KEY_FIELDS =
            Set.of("keyVersion", "keyAlgorithm", "publicKeyBase64", "validFrom", "validUntil");

    /**
     * {@code in} once its fields, its pending key's and its previous keys' are all fields of a stored device
     * (the first unknown one is reported).
     */
    public static JsonFields onlyDeviceRecordFields(JsonFields in) {
        in.onlyFields(DEVICE_RECORD_FIELDS);
        if (in.has("pendingKey")) {
            in.object("pendingKey").onlyFields(PENDING_KEY_FIELDS);
        }
        if (in.has("previousKeys")) {
            for (JsonFields k : in.objects("previousKeys")) {
                if (k != null) {
                    k.onlyFields(PREVIOUS_KEY_FIELDS);
                }
            }
        }
        return in;
    }

    /**
     * A stored device record ({@code registry:ReadDevice}, {@code registry:ListDevices}), every field it
     * holds, as {@link #device(DeviceRecord)} writes it: a field it does not write is refused, the
     * transaction is required.
     */
    public static DeviceRecord storedDeviceRecord(JsonFields in) {
        onlyDeviceRecordFields(in);
        String txId = in.string("txId");
        StoredDevice device = storedDevice(in);
        return new DeviceRecord(device, txId);
    }

    /** A device record as JSON, as the registry wrote it. */
    public static Map<String, Object> device(DeviceRecord r) {
        return device(r.device(), r.txId());
    }

    /**
     * One version of a device's record as the peer's history gives it.
     *
     * @param txId the transaction that wrote (or deleted) it
     * @param timestamp when that transaction was made; null when the peer gives none
     * @param isDelete whether the transaction deleted the record
     * @param value the record it wrote; null for a deletion
     */
    public record DeviceVersion(String txId, Instant timestamp, boolean isDelete, DeviceRecord value) {}

    /**
     * Every version of a device's record ({@code registry:DeviceHistory}), in the order the peer gives them
     * (newest first).
     *
     * @param id the device
     * @param history its versions
     */
    public record DeviceHistory(String id, List<DeviceVersion> history) {
        public DeviceHistory {
            history = List.copyOf(history);
        }
    }

    /** The fields of a device's history, and of one version of it. */
    public static final Set<String> DEVICE_HISTORY_FIELDS = Set.of("id", "history");

    public static final Set<String> DEVICE_VERSION_FIELDS = Set.of("txId", "timestamp", "isDelete", "value");

    /**
     * A device's history as {@link #deviceHistory(DeviceHistory)} writes it, each version's record read as
     * {@link #storedDeviceRecord}; a version that deletes the record carries none.
     */
    public static DeviceHistory storedDeviceHistory(JsonFields in) {
        in.onlyFields(DEVICE_HISTORY_FIELDS);
        String id = in.string("id");
        List<DeviceVersion> versions = new ArrayList<>();
        List<JsonFields> items = in.objects("history");
        for (JsonFields v : items == null ? List.<JsonFields>of() : items) {
            if (v == null) {
                continue; // reported as not an object
            }
            v.onlyFields(DEVICE_VERSION_FIELDS);
            String txId = v.string("txId");
            Instant at = instant(v, "timestamp");
            Boolean deleted = v.bool("isDelete");
            DeviceRecord value = v.has("value") ? storedDeviceRecord(v.object("value")) : null;
            if (Boolean.TRUE.equals(deleted) && value != null) {
                v.problems().report(v.at("value"), "must be absent: the version deletes the record");
            }
            v.done();
            versions.add(new DeviceVersion(txId, at, Boolean.TRUE.equals(deleted), value));
        }
        in.done();
        return new DeviceHistory(id, versions);
    }

    /** A device's history as JSON: {@code {"id","history":[{"txId","timestamp","isDelete","value"}…]}}. */
    public static Map<String, Object> deviceHistory(DeviceHistory h) {
        List<Object> versions = new ArrayList<>();
        for (DeviceVersion v : h.history()) {
            versions.add(deviceVersion(v));
        }
        Map<String, Object> m = MarketRecords.record();
        m.put("id", h.id());
        m.put("history", versions);
        return m;
    }

    /** One version of a device's record as JSON. */
    public static Map<String, Object> deviceVersion(DeviceVersion v) {
        Map<String, Object> m = MarketRecords.record();
        m.put("txId", v.txId());
        m.put("timestamp", MarketRecords.instant(v.timestamp()));
        m.put("isDelete", v.isDelete());
        m.put("value", v.value() == null ? null : device(v.value()));
        return m;
    }

    private static final java.util.regex.Pattern SHA_256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private static Instant instant(JsonFields in, String name) {
        return in.has(name) ? in.instant(name) : null;
    }
}
