package io.flexledger.devicebridge.support;

import io.flexledger.devicebridge.directory.DeviceDirectory;
import io.flexledger.devicebridge.directory.DirectoryUnavailableException;
import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.domain.participants.Device;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The device registry of the tests: what the ledger would hold, in maps. */
public final class InMemoryDeviceDirectory implements DeviceDirectory {
    private final Map<String, RegisteredDevice> devices = new ConcurrentHashMap<>();
    private final Map<String, String> homes = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** Registers a device of a home of {@code aggregatorMsp} (and the home, as its aggregator would first). */
    public void register(Device device, String aggregatorMsp) {
        registerHome(device.assetId(), aggregatorMsp);
        devices.put(device.id(), RegisteredDevice.of(device, aggregatorMsp));
    }

    /** Registers (or replaces) a device as the ledger holds it, with its state and keys, and its home. */
    public void register(RegisteredDevice device) {
        registerHome(device.device().assetId(), device.aggregatorMsp());
        devices.put(device.device().id(), device);
    }

    /** Registers a home in the portfolio of {@code aggregatorMsp}. */
    public void registerHome(String assetId, String aggregatorMsp) {
        homes.put(assetId, aggregatorMsp);
    }

    /** Makes every lookup fail as an unreachable registry (true) or work again (false). */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    @Override
    public Optional<RegisteredDevice> find(String deviceId) {
        reachable();
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public Optional<String> aggregatorOf(String assetId) {
        reachable();
        return Optional.ofNullable(homes.get(assetId));
    }

    private void reachable() {
        if (down) {
            throw new DirectoryUnavailableException("registry unreachable (test)", null);
        }
    }
}
