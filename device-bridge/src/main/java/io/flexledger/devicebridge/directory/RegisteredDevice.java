package io.flexledger.devicebridge.directory;

import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceState;
import java.util.List;
import java.util.Objects;

/**
 * A device as registered on the ledger, with the aggregator whose portfolio holds its home, its state
 * and the checkers of its keys' signatures (built once from each key, used for every reading).
 *
 * @param device the ledger's device record, with its current key
 * @param aggregatorMsp the aggregator of the device's home
 * @param state PROPOSED for a meter the DSO has not approved yet, ACTIVE otherwise
 * @param keys every key the device has had with its period, oldest first, the current one last
 */
public record RegisteredDevice(Device device, String aggregatorMsp, DeviceState state, List<SigningKey> keys) {
    /**
     * One key of the device and the checker of its signatures.
     *
     * @param key the key with its version and period
     * @param signature the checker of signatures made with its private half
     */
    public record SigningKey(DeviceKey key, DeviceSignature signature) {
        /** Whether this key was the device's during the reading's slot and signed it. */
        boolean signed(SignedReading signed) {
            MeterReading r = signed.reading();
            boolean always = key.validFrom() == null && key.validUntil() == null;
            return (always || key.covers(r.day(), r.slot())) && signature.verifies(signed);
        }
    }

    public RegisteredDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(aggregatorMsp, "aggregatorMsp");
        Objects.requireNonNull(state, "state");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a device has at least its current key");
        }
    }

    /** A device in use with the one key it was registered with (a meter the DSO approved). */
    public static RegisteredDevice of(Device device, String aggregatorMsp) {
        return of(device, aggregatorMsp, DeviceState.ACTIVE, List.of(device.key()));
    }

    /** A device in {@code state} with {@code keys} (oldest first, the current one last); decodes each key. */
    public static RegisteredDevice of(Device device, String aggregatorMsp, DeviceState state, List<DeviceKey> keys) {
        return new RegisteredDevice(
                device,
                aggregatorMsp,
                state,
                keys.stream()
                        .map(k -> new SigningKey(k, DeviceSignature.of(k.publicKey())))
                        .toList());
    }

    /** The checker of the current key's signatures. */
    public DeviceSignature signature() {
        return keys.get(keys.size() - 1).signature();
    }

    /**
     * Whether the reading was signed with a key that was the device's during its slot: the current key
     * from its approval on, a retired key until its successor was approved.
     */
    public boolean verifies(SignedReading signed) {
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (keys.get(i).signed(signed)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the device's readings are taken: any device but a meter the DSO has not approved. */
    public boolean approved() {
        return state == DeviceState.ACTIVE || device.kind() != DeviceKind.METER;
    }
}
