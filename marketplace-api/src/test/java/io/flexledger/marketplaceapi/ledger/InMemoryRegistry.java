package io.flexledger.marketplaceapi.ledger;

import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.find;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.object;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.refuse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Registry;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.DeviceHistory;
import io.flexledger.contract.codec.RegistryRecords.DeviceRecord;
import io.flexledger.contract.codec.RegistryRecords.DeviceVersion;
import io.flexledger.contract.codec.RegistryRecords.StoredAsset;
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
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The registry's {@link RegistryLedger} in memory for the tests, enabled by {@link InMemoryLedgerProfile};
 * its writes are transactions of the {@link InMemoryLedger} (its blocks and idempotency keys). It keeps
 * the chaincode's rules the API's answers depend on: congestion points by the DSO only, a feeder under a
 * registered transformer, homes by an aggregator for itself at a registered congestion point, devices by
 * their home's aggregator, unique ids, one approved meter per home, meters PROPOSED until the DSO approves
 * the key it checked, new keys proposed by the home's aggregator for approved meters only and unlike any
 * key the meter had. Every version of a device is kept for its history, newest first. Its writes take the
 * domain's values, it keeps the ledger contract codec's stored records and answers them, and what it writes
 * is their text as the codec's writers (the chaincode's) write it.
 */
@Alternative
@ApplicationScoped
public class InMemoryRegistry implements RegistryLedger {
    private final InMemoryLedger ledger;
    private final Map<String, CongestionPoint> congestionPoints = new TreeMap<>();
    private final Map<String, StoredAsset> assets = new TreeMap<>();
    /** The homes' private details, by asset id. */
    private final Map<String, String> homes = new HashMap<>();

    private final SortedMap<String, DeviceRecord> devices = new TreeMap<>();
    /** Every version of each device, oldest first. */
    private final Map<String, List<DeviceVersion>> versions = new HashMap<>();
    /** A home's approved meter. */
    private final Map<String, String> meterOfAsset = new HashMap<>();

    public InMemoryRegistry(InMemoryLedger ledger) {
        this.ledger = ledger;
    }

    /** This registry as seen by another organisation's instance. */
    public RegistryLedger as(String organisation) {
        return new View(organisation);
    }

    /** Forgets every record (between tests). */
    public void clear() {
        ledger.read(() -> {
            congestionPoints.clear();
            assets.clear();
            homes.clear();
            devices.clear();
            versions.clear();
            meterOfAsset.clear();
            return null;
        });
    }

    /** The private details of a home as this registry holds them. */
    public String homeDetails(String assetId) {
        return ledger.read(() -> homes.get(assetId));
    }

    /**
     * The aggregator of registered home {@code assetId}, refused unless it is {@code caller} (the
     * contracts whose records are a home's: baselines).
     */
    String requireOwnAsset(String assetId, String caller) {
        StoredAsset asset = assets.get(assetId);
        if (asset == null) {
            throw refuse(ErrorCode.ASSET_NOT_FOUND, "$.assetId: asset %s does not exist", assetId);
        }
        String owner = asset.asset().aggregatorMsp();
        if (!owner.equals(caller)) {
            throw refuse(
                    ErrorCode.ASSET_NOT_OWNED, "$.assetId: asset %s belongs to %s, not %s", assetId, owner, caller);
        }
        return owner;
    }

    /** Device {@code deviceId} as the registry stores it, or null (the contracts that check readings). */
    StoredDevice storedDevice(String deviceId) {
        DeviceRecord device = devices.get(deviceId);
        return device == null ? null : device.device();
    }

    /** {@code registry:ListPortfolio}: a page of {@code aggregatorMsp}'s homes, in id order. */
    byte[] listPortfolio(String aggregatorMsp, String pageSize, String bookmark) {
        return ledger.read(() -> {
            Map<String, ObjectNode> records = new TreeMap<>();
            assets.forEach((id, a) -> records.put(id, record(RegistryRecords.asset(a))));
            return InMemoryLedger.page(
                    records,
                    a -> aggregatorMsp.equals(a.path("aggregatorMsp").asText()),
                    "byAggregator",
                    List.of(aggregatorMsp),
                    pageSize,
                    bookmark);
        });
    }

    @Override
    public String mspId() {
        return ledger.mspId();
    }

    @Override
    public long blockNumberOf(String txId) {
        return ledger.blockNumberOf(txId);
    }

    @Override
    public LedgerReceipt registerCongestionPoint(String idempotencyKey, CongestionPoint congestionPoint) {
        return as(mspId()).registerCongestionPoint(idempotencyKey, congestionPoint);
    }

    @Override
    public CongestionPoint readCongestionPoint(String id) {
        return as(mspId()).readCongestionPoint(id);
    }

    @Override
    public LedgerReceipt registerAsset(String idempotencyKey, Asset asset, HomeDetails home, String salt) {
        return as(mspId()).registerAsset(idempotencyKey, asset, home, salt);
    }

    @Override
    public StoredAsset readAsset(String assetId) {
        return as(mspId()).readAsset(assetId);
    }

    @Override
    public LedgerReceipt registerDevice(String idempotencyKey, Device device) {
        return as(mspId()).registerDevice(idempotencyKey, device);
    }

    @Override
    public LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String publicKeyBase64) {
        return as(mspId()).approveMeter(idempotencyKey, deviceId, publicKeyBase64);
    }

    @Override
    public LedgerReceipt proposeMeterKey(
            String idempotencyKey, String deviceId, String keyAlgorithm, String publicKeyBase64) {
        return as(mspId()).proposeMeterKey(idempotencyKey, deviceId, keyAlgorithm, publicKeyBase64);
    }

    @Override
    public DeviceRecord readDevice(String deviceId) {
        return as(mspId()).readDevice(deviceId);
    }

    @Override
    public DeviceHistory deviceHistory(String deviceId) {
        return as(mspId()).deviceHistory(deviceId);
    }

    @Override
    public Page<DeviceRecord> listDevices(String assetId, String pageSize, String bookmark) {
        return as(mspId()).listDevices(assetId, pageSize, bookmark);
    }

    /** One organisation's calls. */
    private final class View extends InMemoryLedger.Calls implements RegistryLedger {
        View(String caller) {
            super(ledger, caller);
        }

        @Override
        public LedgerReceipt registerCongestionPoint(String idempotencyKey, CongestionPoint cp) {
            Map<String, Object> input = RegistryRecords.congestionPointInput(cp);
            return writeRecord(Registry.REGISTER_CONGESTION_POINT, idempotencyKey, input, txId -> {
                requireDso(ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register congestion points");
                if (congestionPoints.containsKey(cp.id())) {
                    throw refuse(
                            ErrorCode.CONGESTION_POINT_EXISTS, "congestion point %s is already registered", cp.id());
                }
                if (cp.kind() == CongestionPointKind.FEEDER) {
                    CongestionPoint parent = congestionPoints.get(cp.parentId());
                    if (parent == null) {
                        throw refuse(
                                ErrorCode.CONGESTION_POINT_PARENT_INVALID,
                                "$.parentId: transformer %s is not registered",
                                cp.parentId());
                    }
                    if (parent.kind() != CongestionPointKind.TRANSFORMER) {
                        throw refuse(
                                ErrorCode.CONGESTION_POINT_PARENT_INVALID,
                                "$.parentId: %s is a %s, not a transformer",
                                parent.id(),
                                parent.kind());
                    }
                }
                congestionPoints.put(cp.id(), cp);
                return RegistryRecords.congestionPoint(cp);
            });
        }

        @Override
        public CongestionPoint readCongestionPoint(String id) {
            return ledger.read(
                    () -> find(congestionPoints, id, ErrorCode.CONGESTION_POINT_NOT_FOUND, "congestion point"));
        }

        @Override
        public LedgerReceipt registerAsset(String idempotencyKey, Asset asset, HomeDetails home, String salt) {
            String homeJson = CanonicalJson.write(RegistryRecords.homeInput(home, salt));
            String request = CanonicalJson.write(RegistryRecords.assetInput(asset)) + "|" + homeJson;
            return write(Registry.REGISTER_ASSET, idempotencyKey, request, txId -> {
                requireAggregator(ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register assets");
                if (!caller.equals(asset.aggregatorMsp())) {
                    throw refuse(
                            ErrorCode.REGISTRY_MSP_NOT_ALLOWED,
                            "$.aggregatorMsp: %s may not register assets for %s",
                            caller,
                            asset.aggregatorMsp());
                }
                try {
                    Baseline.checkSalt(salt);
                } catch (ValidationException e) {
                    throw refuse(
                            ErrorCode.PRIVATE_DATA_INVALID,
                            "$.salt: %s",
                            e.first().reason());
                }
                if (!home.assetId().equals(asset.id())) {
                    throw refuse(
                            ErrorCode.PRIVATE_DATA_INVALID,
                            "$.assetId: the details are for %s, not %s",
                            home.assetId(),
                            asset.id());
                }
                if (assets.containsKey(asset.id())) {
                    throw refuse(ErrorCode.ASSET_EXISTS, "asset %s is already registered", asset.id());
                }
                if (!congestionPoints.containsKey(asset.congestionPointId())) {
                    throw refuse(
                            ErrorCode.CONGESTION_POINT_NOT_FOUND,
                            "$.congestionPointId: %s is not registered",
                            asset.congestionPointId());
                }
                // The public record carries the hash of the private details, as the chaincode writes them.
                String privateJson = CanonicalJson.write(RegistryRecords.home(home, salt));
                StoredAsset stored = new StoredAsset(asset, Baseline.sha256Hex(privateJson));
                assets.put(asset.id(), stored);
                homes.put(asset.id(), privateJson);
                return record(RegistryRecords.asset(stored));
            });
        }

        @Override
        public StoredAsset readAsset(String assetId) {
            return ledger.read(() -> find(assets, assetId, ErrorCode.ASSET_NOT_FOUND, "asset"));
        }

        @Override
        public LedgerReceipt registerDevice(String idempotencyKey, Device device) {
            return writeRecord(Registry.REGISTER_DEVICE, idempotencyKey, RegistryRecords.deviceInput(device), txId -> {
                requireAggregator(ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register devices");
                requireOwnAsset(device.assetId(), caller);
                if (devices.containsKey(device.id())) {
                    throw refuse(ErrorCode.DEVICE_EXISTS, "device %s is already registered", device.id());
                }
                if (device.kind() == DeviceKind.METER && meterOfAsset.containsKey(device.assetId())) {
                    throw refuse(
                            ErrorCode.METER_ACTIVE_EXISTS,
                            "$.assetId: home %s has the approved meter %s already (one revenue meter per home)",
                            device.assetId(),
                            meterOfAsset.get(device.assetId()));
                }
                return keep(StoredDevice.registered(device, caller, Instant.now()), txId);
            });
        }

        @Override
        public LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String publicKeyBase64) {
            Map<String, Object> input = RegistryRecords.meterApprovalInput(deviceId, publicKeyBase64);
            return writeRecord(Registry.APPROVE_METER, idempotencyKey, input, txId -> {
                requireDso(ErrorCode.METER_MSP_NOT_ALLOWED, "approve meters and their keys");
                StoredDevice meter = requireMeter(deviceId);
                String assetId = meter.device().assetId();
                StoredDevice approved;
                if (meter.state() == DeviceState.PROPOSED) {
                    String other = meterOfAsset.get(assetId);
                    if (other != null) {
                        throw refuse(
                                ErrorCode.METER_ACTIVE_EXISTS,
                                "home %s has the approved meter %s already (one revenue meter per home)",
                                assetId,
                                other);
                    }
                    requireChecked(deviceId, publicKeyBase64, meter.device().publicKeyBase64());
                    approved = meter.approved(caller, Instant.now());
                    meterOfAsset.put(assetId, deviceId);
                } else if (meter.pendingKey() != null) {
                    requireChecked(deviceId, publicKeyBase64, meter.pendingKey().publicKeyBase64());
                    approved = meter.rotated(caller, Instant.now());
                } else {
                    throw refuse(
                            ErrorCode.METER_STATE_INVALID,
                            "meter %s is approved and no new key of it awaits approval",
                            deviceId);
                }
                return keep(approved, txId);
            });
        }

        @Override
        public LedgerReceipt proposeMeterKey(
                String idempotencyKey, String deviceId, String keyAlgorithm, String publicKeyBase64) {
            Map<String, Object> input = RegistryRecords.meterKeyInput(deviceId, keyAlgorithm, publicKeyBase64);
            return writeRecord(Registry.PROPOSE_METER_KEY, idempotencyKey, input, txId -> {
                requireAggregator(ErrorCode.METER_MSP_NOT_ALLOWED, "propose new keys of meters");
                StoredDevice meter = requireMeter(deviceId);
                Asset home = assets.get(meter.device().assetId()).asset();
                if (!home.aggregatorMsp().equals(caller)) {
                    throw refuse(
                            ErrorCode.ASSET_NOT_OWNED,
                            "$.deviceId: meter %s is at %s, a home of %s, not %s",
                            deviceId,
                            home.id(),
                            home.aggregatorMsp(),
                            caller);
                }
                if (meter.state() != DeviceState.ACTIVE) {
                    throw refuse(
                            ErrorCode.METER_STATE_INVALID,
                            "meter %s is %s: the DSO approves the key it was registered with",
                            deviceId,
                            meter.state());
                }
                for (DeviceKey had : meter.keys()) {
                    if (had.sameKeyAs(keyAlgorithm, publicKeyBase64)) {
                        throw refuse(
                                ErrorCode.METER_KEY_INVALID,
                                "$.publicKeyBase64: is key version %d of meter %s",
                                had.version(),
                                deviceId);
                    }
                }
                return keep(
                        meter.withPendingKey(new RegistryRecords.PendingKey(
                                keyAlgorithm, publicKeyBase64, Instant.now().toString())),
                        txId);
            });
        }

        @Override
        public DeviceRecord readDevice(String deviceId) {
            return ledger.read(() -> find(devices, deviceId, ErrorCode.DEVICE_NOT_FOUND, "device"));
        }

        @Override
        public DeviceHistory deviceHistory(String deviceId) {
            return ledger.read(() -> {
                find(devices, deviceId, ErrorCode.DEVICE_NOT_FOUND, "device");
                List<DeviceVersion> newestFirst = new ArrayList<>(versions.get(deviceId));
                java.util.Collections.reverse(newestFirst);
                return new DeviceHistory(deviceId, newestFirst);
            });
        }

        @Override
        public Page<DeviceRecord> listDevices(String assetId, String pageSize, String bookmark) {
            return ledger.read(() -> {
                SortedMap<String, DeviceRecord> ofHome = new TreeMap<>();
                devices.forEach((id, d) -> {
                    if (d.device().device().assetId().equals(assetId)) {
                        ofHome.put(id, d);
                    }
                });
                return InMemorySettlements.typedPage(ofHome, "deviceByAsset", List.of(assetId), pageSize, bookmark);
            });
        }

        /**
         * Stores a device's new version as written by transaction {@code txId} and answers it as the chaincode
         * writes it.
         */
        private Map<String, Object> keep(StoredDevice device, String txId) {
            String id = device.device().id();
            DeviceRecord record = new DeviceRecord(device, txId);
            devices.put(id, record);
            versions.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new DeviceVersion(txId, InMemoryLedger.at(txId), false, record));
            return RegistryRecords.device(record);
        }

        private StoredDevice requireMeter(String deviceId) {
            StoredDevice device = storedDevice(deviceId);
            if (device == null) {
                throw refuse(ErrorCode.DEVICE_NOT_FOUND, "$.deviceId: device %s does not exist", deviceId);
            }
            if (device.device().kind() != DeviceKind.METER) {
                throw refuse(
                        ErrorCode.METER_KIND_INVALID,
                        "$.deviceId: device %s is a %s; only meters are approved",
                        deviceId,
                        device.device().kind());
            }
            return device;
        }

        private void requireChecked(String deviceId, String checked, String awaiting) {
            if (!checked.equals(awaiting)) {
                throw refuse(
                        ErrorCode.METER_KEY_CONFLICT,
                        "$.publicKeyBase64: is not the key of %s awaiting approval",
                        deviceId);
            }
        }
    }

    /** A record as the chaincode stores it: the codec's map in canonical JSON. */
    static ObjectNode record(Map<String, Object> written) {
        return object(CanonicalJson.write(written));
    }

    /** Home details for a seed of home {@code assetId}, hidden by {@link #SEED_SALT}. */
    public static HomeDetails seedHome(String assetId) {
        return new HomeDetails(assetId, "1 Seed Lane", "seed-meter-" + assetId, Kilowatts.of("10"));
    }

    /** Transformer {@code id} of {@code kw} kW, as a seed registers it. */
    public static CongestionPoint transformer(String id, String kw) {
        return new CongestionPoint(id, CongestionPointKind.TRANSFORMER, null, Kilowatts.of(kw));
    }

    /** Feeder {@code id} of {@code kw} kW under transformer {@code parentId}, as a seed registers it. */
    public static CongestionPoint feeder(String id, String parentId, String kw) {
        return new CongestionPoint(id, CongestionPointKind.FEEDER, parentId, Kilowatts.of(kw));
    }

    /** Registers home {@code assetId} of {@code aggregator} at {@code congestionPointId}, with {@link #seedHome}. */
    public LedgerReceipt seedAsset(String aggregator, String assetId, String congestionPointId) {
        return as(aggregator)
                .registerAsset(
                        "seed-" + aggregator + "-" + assetId,
                        new Asset(assetId, aggregator, congestionPointId),
                        seedHome(assetId),
                        SEED_SALT);
    }

    /** The salt of {@link #seedHome}. */
    public static final String SEED_SALT = "00112233445566778899aabbccddeeff";
}
