package io.flexledger.chaincode.codec;

import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.HomeDetails;
import io.flexledger.domain.participants.Organisation;
import java.util.Map;
import java.util.Set;

/**
 * JSON of the registry's records (organisations, congestion points, assets (homes), devices), written and
 * read by the ledger contract's codec ({@link RegistryRecords}), whose field problems become this input's
 * violations and whose domain refusals the chaincode's.
 */
public final class RegistryJson {
    private RegistryJson() {}

    /** Fields a client may send to register a congestion point. */
    public static final Set<String> CONGESTION_POINT_INPUT = RegistryRecords.CONGESTION_POINT_INPUT;
    /** Fields a client may send to register an asset (public part). */
    public static final Set<String> ASSET_INPUT = RegistryRecords.ASSET_INPUT;
    /** Fields of the private home details (transient field {@code home}). */
    public static final Set<String> HOME_INPUT = RegistryRecords.HOME_INPUT;
    /** Fields a client may send to register a device. */
    public static final Set<String> DEVICE_INPUT = RegistryRecords.DEVICE_INPUT;
    /** Fields of a meter key proposal ({@code registry:ProposeMeterKey}). */
    public static final Set<String> METER_KEY_INPUT = RegistryRecords.METER_KEY_INPUT;
    /** Fields of a meter approval ({@code registry:ApproveMeter}). */
    public static final Set<String> METER_APPROVAL_INPUT = RegistryRecords.METER_APPROVAL_INPUT;

    /** Reads an organisation. */
    public static Organisation organisation(JsonInput in) {
        return Build.read(() -> RegistryRecords.organisation(in.fields()));
    }

    /** An organisation as JSON. */
    public static Map<String, Object> organisation(Organisation o) {
        return RegistryRecords.organisation(o);
    }

    /** Reads a congestion point. */
    public static CongestionPoint congestionPoint(JsonInput in) {
        return Build.read(() -> RegistryRecords.congestionPoint(in.fields()));
    }

    /** A congestion point as JSON. */
    public static Map<String, Object> congestionPoint(CongestionPoint cp) {
        return RegistryRecords.congestionPoint(cp);
    }

    /** Reads an asset; {@code aggregatorMsp} defaults to {@code caller} when absent. */
    public static Asset asset(JsonInput in, String caller) {
        return Build.read(() -> RegistryRecords.asset(in.fields(), caller));
    }

    /** An asset as JSON, with the hash of its private details. */
    public static Map<String, Object> asset(Asset a, String detailsHash) {
        return RegistryRecords.asset(a, detailsHash);
    }

    /** Reads a home's private details (the salt is read separately); {@code assetId} defaults to the asset's. */
    public static HomeDetails home(JsonInput in, String defaultAssetId) {
        return Build.read(() -> RegistryRecords.home(in.fields(), defaultAssetId));
    }

    /** A home's details as JSON, with the salt that makes its public hash unguessable. */
    public static Map<String, Object> home(HomeDetails h, String salt) {
        return RegistryRecords.home(h, salt);
    }

    /** Reads a device. */
    public static Device device(JsonInput in) {
        return Build.read(() -> RegistryRecords.device(in.fields()));
    }

    /** A device as JSON. */
    public static Map<String, Object> device(Device d) {
        return RegistryRecords.device(d);
    }

    /** Reads a stored device (also one written before devices had a state). */
    public static StoredDevice storedDevice(JsonInput in) {
        return Build.read(() -> RegistryRecords.storedDevice(in.fields()));
    }

    /** A stored device as JSON, with the transaction that wrote this version. */
    public static Map<String, Object> device(StoredDevice d, String txId) {
        return RegistryRecords.device(d, txId);
    }

    /** What the DSO's peer countersigns when it approves a meter's key. */
    public static Map<String, Object> approvedKey(String deviceId, DeviceKey k) {
        return RegistryRecords.approvedKey(deviceId, k);
    }
}
