package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Registry;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.DeviceHistory;
import io.flexledger.contract.codec.RegistryRecords.DeviceRecord;
import io.flexledger.contract.codec.RegistryRecords.StoredAsset;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.Page;
import io.flexledger.marketplaceapi.ledger.RegistryLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The {@link RegistryLedger} port over the Fabric Gateway ({@link FabricLedger}): each write is its
 * catalogued transaction with the input written by the ledger contract's codec ({@link RegistryRecords}),
 * endorsed by the organisations the record's key-level policy names ({@link Endorsers}).
 */
@ApplicationScoped
public class GatewayRegistryLedger extends GatewayPort implements RegistryLedger {
    @Inject
    public GatewayRegistryLedger(FabricLedger fabric) {
        super(fabric);
    }

    /** For the container's client proxy only. */
    protected GatewayRegistryLedger() {
        super();
    }

    @Override
    public LedgerReceipt registerCongestionPoint(String idempotencyKey, CongestionPoint congestionPoint) {
        return fabric.submitIdempotent(
                Registry.REGISTER_CONGESTION_POINT,
                idempotencyKey,
                Map.of(),
                CanonicalJson.write(RegistryRecords.congestionPointInput(congestionPoint)));
    }

    @Override
    public CongestionPoint readCongestionPoint(String id) {
        return LedgerRecords.record(
                fabric.evaluate(Registry.READ_CONGESTION_POINT, id), RegistryRecords::storedCongestionPoint);
    }

    @Override
    public LedgerReceipt registerAsset(String idempotencyKey, Asset asset, HomeDetails home, String salt) {
        return fabric.submitIdempotent(
                Registry.REGISTER_ASSET,
                idempotencyKey,
                Map.of(Registry.HOME_TRANSIENT, CanonicalJson.write(RegistryRecords.homeInput(home, salt))),
                CanonicalJson.write(RegistryRecords.assetInput(asset)));
    }

    @Override
    public StoredAsset readAsset(String assetId) {
        return LedgerRecords.record(fabric.evaluate(Registry.READ_ASSET, assetId), RegistryRecords::storedAsset);
    }

    @Override
    public LedgerReceipt registerDevice(String idempotencyKey, Device device) {
        return fabric.submitIdempotent(
                Registry.REGISTER_DEVICE,
                idempotencyKey,
                Map.of(),
                CanonicalJson.write(RegistryRecords.deviceInput(device)));
    }

    @Override
    public LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String publicKeyBase64) {
        return fabric.submitIdempotent(
                Registry.APPROVE_METER,
                idempotencyKey,
                Map.of(),
                Endorsers.ofDevice(fabric::evaluate, deviceId),
                CanonicalJson.write(RegistryRecords.meterApprovalInput(deviceId, publicKeyBase64)));
    }

    @Override
    public LedgerReceipt proposeMeterKey(
            String idempotencyKey, String deviceId, String keyAlgorithm, String publicKeyBase64) {
        return fabric.submitIdempotent(
                Registry.PROPOSE_METER_KEY,
                idempotencyKey,
                Map.of(),
                Endorsers.ofDevice(fabric::evaluate, deviceId),
                CanonicalJson.write(RegistryRecords.meterKeyInput(deviceId, keyAlgorithm, publicKeyBase64)));
    }

    @Override
    public DeviceRecord readDevice(String deviceId) {
        return LedgerRecords.record(
                fabric.evaluate(Registry.READ_DEVICE, deviceId), RegistryRecords::storedDeviceRecord);
    }

    @Override
    public DeviceHistory deviceHistory(String deviceId) {
        return LedgerRecords.history(
                fabric.evaluate(Registry.DEVICE_HISTORY, deviceId), RegistryRecords::storedDeviceHistory);
    }

    @Override
    public Page<DeviceRecord> listDevices(String assetId, String pageSize, String bookmark) {
        return LedgerRecords.page(
                fabric.evaluate(Registry.LIST_DEVICES, assetId, pageSize, bookmark),
                RegistryRecords::storedDeviceRecord);
    }
}
