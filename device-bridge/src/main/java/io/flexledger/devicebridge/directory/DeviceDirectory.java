package io.flexledger.devicebridge.directory;

import java.util.Map;
import java.util.Optional;

/** Port: the devices and homes registered on the ledger, by id. */
public interface DeviceDirectory {
    /**
     * The registered device, or empty when no such device is registered.
     *
     * @throws DirectoryUnavailableException when the registry cannot be asked right now (the
     *     reading is then kept and retried, never refused)
     */
    Optional<RegisteredDevice> find(String deviceId);

    /**
     * The device as the registry holds it now, for a reading that the answer of {@link #find} refused
     * (a meter approved, or a key replaced, since that answer); a cache may keep its answer for a short
     * while, so that forged readings do not turn into a flood of questions.
     *
     * @throws DirectoryUnavailableException when the registry cannot be asked right now
     */
    default Optional<RegisteredDevice> findAgain(String deviceId) {
        return find(deviceId);
    }

    /**
     * The aggregator that registered the home {@code assetId} on the ledger (its portfolio holds the
     * home, for good: an asset is registered once), or empty when no such asset is registered.
     *
     * @throws DirectoryUnavailableException when the registry cannot be asked right now
     */
    Optional<String> aggregatorOf(String assetId);

    /** A fixed registry of {@code devices} by id, and of their homes (benchmarks, tools). */
    static DeviceDirectory of(Map<String, RegisteredDevice> devices) {
        Map<String, RegisteredDevice> byId = Map.copyOf(devices);
        return new DeviceDirectory() {
            @Override
            public Optional<RegisteredDevice> find(String deviceId) {
                return Optional.ofNullable(byId.get(deviceId));
            }

            @Override
            public Optional<String> aggregatorOf(String assetId) {
                return byId.values().stream()
                        .filter(d -> d.device().assetId().equals(assetId))
                        .map(RegisteredDevice::aggregatorMsp)
                        .findFirst();
            }
        };
    }
}
