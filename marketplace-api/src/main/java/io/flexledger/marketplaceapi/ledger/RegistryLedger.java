package io.flexledger.marketplaceapi.ledger;

import io.flexledger.contract.codec.RegistryRecords.DeviceHistory;
import io.flexledger.contract.codec.RegistryRecords.DeviceRecord;
import io.flexledger.contract.codec.RegistryRecords.StoredAsset;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.HomeDetails;

/**
 * The port in front of the ledger for the registry: one method per transaction of the {@code registry}
 * contract that the API calls (congestion points, homes, devices and their keys). See {@link
 * LedgerPort} for records, refusals and idempotency keys.
 */
public interface RegistryLedger extends LedgerPort {
    /** {@code registry:RegisterCongestionPoint}: registers a transformer or feeder (DSO only). */
    LedgerReceipt registerCongestionPoint(String idempotencyKey, CongestionPoint congestionPoint);

    /** {@code registry:ReadCongestionPoint}: one congestion point (the registry keeps nothing beside it). */
    CongestionPoint readCongestionPoint(String id);

    /**
     * {@code registry:RegisterAsset}: registers a home of this instance's aggregator; {@code home} (its
     * private details) and the {@code salt} that hides them behind their public hash travel as transient
     * data only.
     */
    LedgerReceipt registerAsset(String idempotencyKey, Asset asset, HomeDetails home, String salt);

    /** {@code registry:ReadAsset}: one asset's public record, with the hash of its private details. */
    StoredAsset readAsset(String assetId);

    /** {@code registry:RegisterDevice}: registers a device of one of this aggregator's homes. */
    LedgerReceipt registerDevice(String idempotencyKey, Device device);

    /**
     * {@code registry:ApproveMeter}: the DSO approves meter {@code deviceId} or its proposed key, naming the
     * key it checked ({@code publicKeyBase64}).
     */
    LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String publicKeyBase64);

    /** {@code registry:ProposeMeterKey}: the home's aggregator proposes a new key of meter {@code deviceId}. */
    LedgerReceipt proposeMeterKey(String idempotencyKey, String deviceId, String keyAlgorithm, String publicKeyBase64);

    /** {@code registry:ReadDevice}: one device, its keys and approvals, and the transaction of its version. */
    DeviceRecord readDevice(String deviceId);

    /** {@code registry:DeviceHistory}: every version of a device's record, newest first. */
    DeviceHistory deviceHistory(String deviceId);

    /** {@code registry:ListDevices}: a page of a home's devices. */
    Page<DeviceRecord> listDevices(String assetId, String pageSize, String bookmark);
}
