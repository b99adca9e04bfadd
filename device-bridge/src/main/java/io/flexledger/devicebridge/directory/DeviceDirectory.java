package io.flexledger.devicebridge.directory;

import java.util.Optional;

/** Port: the devices registered on the ledger, by id. */
public interface DeviceDirectory {
    /**
     * The registered device, or empty when no such device is registered.
     *
     * @throws DirectoryUnavailableException when the registry cannot be asked right now (the
     *     reading is then kept and retried, never refused)
     */
    Optional<RegisteredDevice> find(String deviceId);
}
