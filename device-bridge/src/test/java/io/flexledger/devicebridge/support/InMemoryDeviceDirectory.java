package io.flexledger.devicebridge.support;

import io.flexledger.devicebridge.directory.DeviceDirectory;
import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.domain.participants.Device;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The device registry of the tests: what the ledger would hold, in a map. */
public final class InMemoryDeviceDirectory implements DeviceDirectory {
    private final Map<String, RegisteredDevice> devices = new ConcurrentHashMap<>();

    /** Registers a device of a home of {@code aggregatorMsp}. */
    public void register(Device device, String aggregatorMsp) {
        devices.put(device.id(), RegisteredDevice.of(device, aggregatorMsp));
    }

    @Override
    public Optional<RegisteredDevice> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }
}
