package io.flexledger.devicebridge.directory;

import io.flexledger.domain.participants.Device;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A device as registered on the ledger, with the aggregator whose portfolio holds its home and its
 * decoded key (decoded once, used for every reading).
 *
 * @param device the ledger's device record
 * @param aggregatorMsp the aggregator of the device's home
 * @param publicKey the device's decoded public key
 */
public record RegisteredDevice(Device device, String aggregatorMsp, PublicKey publicKey) {
    public RegisteredDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(aggregatorMsp, "aggregatorMsp");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Decodes the device's key. */
    public static RegisteredDevice of(Device device, String aggregatorMsp) {
        return new RegisteredDevice(device, aggregatorMsp, device.publicKey());
    }
}
