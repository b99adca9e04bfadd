package io.flexledger.devicebridge.directory;

import io.flexledger.domain.participants.Device;
import java.util.Objects;

/**
 * A device as registered on the ledger, with the aggregator whose portfolio holds its home and the
 * checker of its signatures (built once from its key, used for every reading).
 *
 * @param device the ledger's device record
 * @param aggregatorMsp the aggregator of the device's home
 * @param signature the checker of the device's signatures
 */
public record RegisteredDevice(Device device, String aggregatorMsp, DeviceSignature signature) {
    public RegisteredDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(aggregatorMsp, "aggregatorMsp");
        Objects.requireNonNull(signature, "signature");
    }

    /** Decodes the device's key. */
    public static RegisteredDevice of(Device device, String aggregatorMsp) {
        return new RegisteredDevice(device, aggregatorMsp, DeviceSignature.of(device.publicKey()));
    }
}
