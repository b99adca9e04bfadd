package io.flexledger.domain.participants;

import io.flexledger.domain.metering.SignedReading;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device as the ledger's registry holds it: the device with its current key, whether its readings
 * count, and every key it has signed with, each with its period.
 *
 * @param device the device with its current key
 * @param state PROPOSED for a meter the DSO has not approved, ACTIVE otherwise
 * @param keys every key of the device, oldest first, the current one last
 */
public record DeviceRegistration(Device device, DeviceState state, List<DeviceKey> keys) {
    public DeviceRegistration {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(state, "state");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys: a device has at least its current key");
        }
    }

    /** A device in use with the one key it was registered with. */
    public static DeviceRegistration active(Device device) {
        return new DeviceRegistration(device, DeviceState.ACTIVE, List.of(device.key()));
    }

    /** The device's id. */
    public String id() {
        return device.id();
    }

    /**
     * The key, among those the device had during the reading's slot, that verifies the reading's
     * signature; empty when none does (a key retired before the slot or approved after it does not count).
     */
    public Optional<DeviceKey> signerOf(SignedReading signed) {
        return DeviceKey.coveringSlot(
                        keys, signed.reading().day(), signed.reading().slot())
                .stream()
                .filter(k -> signed.verify(k.publicKey()))
                .findFirst();
    }
}
