package io.flexledger.marketplaceapi.ledger;

/**
 * The port in front of the ledger for the registry: one method per transaction of the {@code registry}
 * contract that the API calls (congestion points, homes, devices and their keys). See {@link
 * LedgerPort} for records, refusals and idempotency keys.
 */
public interface RegistryLedger extends LedgerPort {
    /** {@code registry:RegisterCongestionPoint}: registers a transformer or feeder (DSO only). */
    LedgerReceipt registerCongestionPoint(String idempotencyKey, String congestionPointJson);

    /** {@code registry:ReadCongestionPoint}: one congestion point. */
    byte[] readCongestionPoint(String id);

    /**
     * {@code registry:RegisterAsset}: registers a home of this instance's aggregator; {@code homeJson}
     * (its private details) travels as transient data only.
     */
    LedgerReceipt registerAsset(String idempotencyKey, String assetJson, String homeJson);

    /** {@code registry:ReadAsset}: one asset's public record. */
    byte[] readAsset(String assetId);

    /** {@code registry:RegisterDevice}: registers a device of one of this aggregator's homes. */
    LedgerReceipt registerDevice(String idempotencyKey, String deviceJson);

    /** {@code registry:ApproveMeter}: the DSO approves meter {@code deviceId} or its proposed key. */
    LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String approvalJson);

    /** {@code registry:ProposeMeterKey}: the home's aggregator proposes a new key of meter {@code deviceId}. */
    LedgerReceipt proposeMeterKey(String idempotencyKey, String deviceId, String keyJson);

    /** {@code registry:ReadDevice}: one device. */
    byte[] readDevice(String deviceId);

    /** {@code registry:DeviceHistory}: every version of a device's record ({@code {id, history}}). */
    byte[] deviceHistory(String deviceId);

    /** {@code registry:ListDevices}: a page of a home's devices. */
    byte[] listDevices(String assetId, String pageSize, String bookmark);
}
