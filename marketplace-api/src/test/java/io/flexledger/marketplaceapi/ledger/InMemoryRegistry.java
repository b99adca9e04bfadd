package io.flexledger.marketplaceapi.ledger;

import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.bytes;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.find;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.object;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.refuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry's {@link RegistryLedger} in memory for the tests, enabled by {@link InMemoryLedgerProfile};
 * its writes are transactions of the {@link InMemoryLedger} (its blocks and idempotency keys). It keeps
 * the chaincode's rules the API's answers depend on: congestion points by the DSO only, a feeder under a
 * registered transformer, homes by an aggregator for itself at a registered congestion point, devices by
 * their home's aggregator, unique ids, one approved meter per home, meters PROPOSED until the DSO approves
 * the key it checked, new keys proposed by the home's aggregator for approved meters only and unlike any
 * key the meter had. Every version of a device is kept for its history, newest first.
 */
@Alternative
@ApplicationScoped
public class InMemoryRegistry implements RegistryLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryLedger ledger;
    private final Map<String, ObjectNode> congestionPoints = new TreeMap<>();
    private final Map<String, ObjectNode> assets = new TreeMap<>();
    /** The homes' private details, by asset id. */
    private final Map<String, String> homes = new HashMap<>();

    private final Map<String, ObjectNode> devices = new TreeMap<>();
    /** Every version of each device, oldest first. */
    private final Map<String, List<ObjectNode>> versions = new HashMap<>();
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
        ObjectNode asset = assets.get(assetId);
        if (asset == null) {
            throw refuse(ErrorCode.ASSET_NOT_FOUND, "$.assetId: asset %s does not exist", assetId);
        }
        String owner = asset.path("aggregatorMsp").asText();
        if (!owner.equals(caller)) {
            throw refuse(
                    ErrorCode.ASSET_NOT_OWNED, "$.assetId: asset %s belongs to %s, not %s", assetId, owner, caller);
        }
        return owner;
    }

    /** {@code registry:ListPortfolio}: a page of {@code aggregatorMsp}'s homes, in id order. */
    byte[] listPortfolio(String aggregatorMsp, String pageSize, String bookmark) {
        return ledger.read(() -> InMemoryLedger.page(
                assets,
                a -> aggregatorMsp.equals(a.path("aggregatorMsp").asText()),
                "byAggregator",
                List.of(aggregatorMsp),
                pageSize,
                bookmark));
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
    public LedgerReceipt registerCongestionPoint(String idempotencyKey, String congestionPointJson) {
        return as(mspId()).registerCongestionPoint(idempotencyKey, congestionPointJson);
    }

    @Override
    public byte[] readCongestionPoint(String id) {
        return as(mspId()).readCongestionPoint(id);
    }

    @Override
    public LedgerReceipt registerAsset(String idempotencyKey, String assetJson, String homeJson) {
        return as(mspId()).registerAsset(idempotencyKey, assetJson, homeJson);
    }

    @Override
    public byte[] readAsset(String assetId) {
        return as(mspId()).readAsset(assetId);
    }

    @Override
    public LedgerReceipt registerDevice(String idempotencyKey, String deviceJson) {
        return as(mspId()).registerDevice(idempotencyKey, deviceJson);
    }

    @Override
    public LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String approvalJson) {
        return as(mspId()).approveMeter(idempotencyKey, deviceId, approvalJson);
    }

    @Override
    public LedgerReceipt proposeMeterKey(String idempotencyKey, String deviceId, String keyJson) {
        return as(mspId()).proposeMeterKey(idempotencyKey, deviceId, keyJson);
    }

    @Override
    public byte[] readDevice(String deviceId) {
        return as(mspId()).readDevice(deviceId);
    }

    @Override
    public byte[] deviceHistory(String deviceId) {
        return as(mspId()).deviceHistory(deviceId);
    }

    @Override
    public byte[] listDevices(String assetId, String pageSize, String bookmark) {
        return as(mspId()).listDevices(assetId, pageSize, bookmark);
    }

    /** One organisation's calls. */
    private final class View extends InMemoryLedger.Calls implements RegistryLedger {
        View(String caller) {
            super(ledger, caller);
        }

        @Override
        public LedgerReceipt registerCongestionPoint(String idempotencyKey, String congestionPointJson) {
            return write(Registry.REGISTER_CONGESTION_POINT, idempotencyKey, congestionPointJson, txId -> {
                requireDso(ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register congestion points");
                ObjectNode cp = object(congestionPointJson);
                String id = cp.path("id").asText();
                if (congestionPoints.containsKey(id)) {
                    throw refuse(ErrorCode.CONGESTION_POINT_EXISTS, "congestion point %s is already registered", id);
                }
                if ("FEEDER".equals(cp.path("kind").asText())) {
                    String parentId = cp.path("parentId").asText();
                    ObjectNode parent = congestionPoints.get(parentId);
                    if (parent == null) {
                        throw refuse(
                                ErrorCode.CONGESTION_POINT_PARENT_INVALID,
                                "$.parentId: transformer %s is not registered",
                                parentId);
                    }
                    if (!"TRANSFORMER".equals(parent.path("kind").asText())) {
                        throw refuse(
                                ErrorCode.CONGESTION_POINT_PARENT_INVALID,
                                "$.parentId: %s is a %s, not a transformer",
                                parentId,
                                parent.path("kind").asText());
                    }
                }
                cp.put("capacityKw", cp.path("capacityKw").asText());
                cp.put("txId", txId);
                congestionPoints.put(id, cp);
                return cp;
            });
        }

        @Override
        public byte[] readCongestionPoint(String id) {
            return ledger.read(
                    () -> bytes(find(congestionPoints, id, ErrorCode.CONGESTION_POINT_NOT_FOUND, "congestion point")));
        }

        @Override
        public LedgerReceipt registerAsset(String idempotencyKey, String assetJson, String homeJson) {
            return write(Registry.REGISTER_ASSET, idempotencyKey, assetJson + "|" + homeJson, txId -> {
                requireAggregator(ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register assets");
                ObjectNode asset = object(assetJson);
                object(homeJson);
                String id = asset.path("id").asText();
                if (!caller.equals(asset.path("aggregatorMsp").asText())) {
                    throw refuse(
                            ErrorCode.REGISTRY_MSP_NOT_ALLOWED,
                            "$.aggregatorMsp: %s may not register assets of %s",
                            caller,
                            asset.path("aggregatorMsp").asText());
                }
                if (assets.containsKey(id)) {
                    throw refuse(ErrorCode.ASSET_EXISTS, "asset %s is already registered", id);
                }
                String cp = asset.path("congestionPointId").asText();
                if (!congestionPoints.containsKey(cp)) {
                    throw refuse(
                            ErrorCode.CONGESTION_POINT_NOT_FOUND,
                            "$.congestionPointId: congestion point %s does not exist",
                            cp);
                }
                asset.put("detailsHash", sha256(homeJson));
                asset.put("txId", txId);
                assets.put(id, asset);
                homes.put(id, homeJson);
                return asset;
            });
        }

        @Override
        public byte[] readAsset(String assetId) {
            return ledger.read(() -> bytes(find(assets, assetId, ErrorCode.ASSET_NOT_FOUND, "asset")));
        }

        @Override
        public LedgerReceipt registerDevice(String idempotencyKey, String deviceJson) {
            return write(Registry.REGISTER_DEVICE, idempotencyKey, deviceJson, txId -> {
                requireAggregator(ErrorCode.REGISTRY_MSP_NOT_ALLOWED, "register devices");
                ObjectNode device = object(deviceJson);
                String id = device.path("id").asText();
                String assetId = device.path("assetId").asText();
                requireOwnAsset(assetId, caller);
                if (devices.containsKey(id)) {
                    throw refuse(ErrorCode.DEVICE_EXISTS, "device %s is already registered", id);
                }
                boolean meter = "METER".equals(device.path("kind").asText());
                if (meter && meterOfAsset.containsKey(assetId)) {
                    throw refuse(
                            ErrorCode.METER_ACTIVE_EXISTS,
                            "$.assetId: home %s has the approved meter %s already (one revenue meter per home)",
                            assetId,
                            meterOfAsset.get(assetId));
                }
                device.put("aggregatorMsp", caller);
                device.put("state", meter ? "PROPOSED" : "ACTIVE");
                device.put("keyVersion", 1);
                return keep(device, txId);
            });
        }

        @Override
        public LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String approvalJson) {
            return write(Registry.APPROVE_METER, idempotencyKey, approvalJson, txId -> {
                requireDso(ErrorCode.METER_MSP_NOT_ALLOWED, "approve meters and their keys");
                String checked = object(approvalJson).path("publicKeyBase64").asText();
                ObjectNode meter = requireMeter(deviceId).deepCopy();
                String assetId = meter.path("assetId").asText();
                if ("PROPOSED".equals(meter.path("state").asText())) {
                    String approved = meterOfAsset.get(assetId);
                    if (approved != null) {
                        throw refuse(
                                ErrorCode.METER_ACTIVE_EXISTS,
                                "home %s has the approved meter %s already (one revenue meter per home)",
                                assetId,
                                approved);
                    }
                    requireChecked(
                            deviceId, checked, meter.path("publicKeyBase64").asText());
                    meter.put("state", "ACTIVE");
                    meterOfAsset.put(assetId, deviceId);
                } else if (meter.has("pendingKey")) {
                    ObjectNode pending = (ObjectNode) meter.remove("pendingKey");
                    requireChecked(
                            deviceId, checked, pending.path("publicKeyBase64").asText());
                    ArrayNode previous = meter.has("previousKeys")
                            ? (ArrayNode) meter.get("previousKeys")
                            : meter.putArray("previousKeys");
                    previous.addObject()
                            .put("keyVersion", meter.path("keyVersion").asInt())
                            .put("keyAlgorithm", meter.path("keyAlgorithm").asText())
                            .put(
                                    "publicKeyBase64",
                                    meter.path("publicKeyBase64").asText());
                    meter.put("keyVersion", meter.path("keyVersion").asInt() + 1);
                    meter.put("keyAlgorithm", pending.path("keyAlgorithm").asText());
                    meter.put("publicKeyBase64", pending.path("publicKeyBase64").asText());
                } else {
                    throw refuse(
                            ErrorCode.METER_STATE_INVALID,
                            "meter %s is approved and no new key of it awaits approval",
                            deviceId);
                }
                meter.put("approvedBy", caller);
                return keep(meter, txId);
            });
        }

        @Override
        public LedgerReceipt proposeMeterKey(String idempotencyKey, String deviceId, String keyJson) {
            return write(Registry.PROPOSE_METER_KEY, idempotencyKey, keyJson, txId -> {
                requireAggregator(ErrorCode.METER_MSP_NOT_ALLOWED, "propose new keys of meters");
                ObjectNode proposal = object(keyJson);
                ObjectNode meter = requireMeter(deviceId).deepCopy();
                String owner = assets.get(meter.path("assetId").asText())
                        .path("aggregatorMsp")
                        .asText();
                if (!owner.equals(caller)) {
                    throw refuse(
                            ErrorCode.ASSET_NOT_OWNED,
                            "$.deviceId: meter %s is at a home of %s, not %s",
                            deviceId,
                            owner,
                            caller);
                }
                if (!"ACTIVE".equals(meter.path("state").asText())) {
                    throw refuse(
                            ErrorCode.METER_STATE_INVALID,
                            "meter %s is %s: the DSO approves the key it was registered with",
                            deviceId,
                            meter.path("state").asText());
                }
                String key = proposal.path("publicKeyBase64").asText();
                List<String> had =
                        new ArrayList<>(List.of(meter.path("publicKeyBase64").asText()));
                meter.path("previousKeys")
                        .forEach(k -> had.add(k.path("publicKeyBase64").asText()));
                if (had.contains(key)) {
                    throw refuse(ErrorCode.METER_KEY_INVALID, "$.publicKeyBase64: is a key meter %s had", deviceId);
                }
                meter.putObject("pendingKey")
                        .put("keyAlgorithm", proposal.path("keyAlgorithm").asText())
                        .put("publicKeyBase64", key);
                return keep(meter, txId);
            });
        }

        @Override
        public byte[] readDevice(String deviceId) {
            return ledger.read(() -> bytes(find(devices, deviceId, ErrorCode.DEVICE_NOT_FOUND, "device")));
        }

        @Override
        public byte[] deviceHistory(String deviceId) {
            return ledger.read(() -> {
                find(devices, deviceId, ErrorCode.DEVICE_NOT_FOUND, "device");
                ObjectNode out = JSON.createObjectNode().put("id", deviceId);
                ArrayNode history = out.putArray("history");
                List<ObjectNode> all = versions.get(deviceId);
                for (int i = all.size() - 1; i >= 0; i--) {
                    history.add(all.get(i));
                }
                return bytes(out);
            });
        }

        @Override
        public byte[] listDevices(String assetId, String pageSize, String bookmark) {
            return ledger.read(() -> InMemoryLedger.page(
                    devices,
                    d -> d.path("assetId").asText().equals(assetId),
                    "deviceByAsset",
                    List.of(assetId),
                    pageSize,
                    bookmark));
        }

        /** Stores a device's new version as written by transaction {@code txId}. */
        private ObjectNode keep(ObjectNode device, String txId) {
            device.put("txId", txId);
            String id = device.path("id").asText();
            devices.put(id, device);
            ObjectNode version = JSON.createObjectNode().put("txId", txId).put("isDelete", false);
            version.put("timestamp", "1970-01-01T00:00:00Z");
            version.set("value", device.deepCopy());
            versions.computeIfAbsent(id, k -> new ArrayList<>()).add(version);
            return device;
        }

        private ObjectNode requireMeter(String deviceId) {
            ObjectNode device = devices.get(deviceId);
            if (device == null) {
                throw refuse(ErrorCode.DEVICE_NOT_FOUND, "$.deviceId: device %s does not exist", deviceId);
            }
            if (!"METER".equals(device.path("kind").asText())) {
                throw refuse(
                        ErrorCode.METER_KIND_INVALID,
                        "$.deviceId: device %s is a %s; only meters are approved",
                        deviceId,
                        device.path("kind").asText());
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

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
