package io.flexledger.devicebridge.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps the answers of another directory for a while: registered devices and homes for
 * {@code knownTtl}, unknown ids for the shorter {@code unknownTtl} (so a device or home registered a
 * moment ago is soon found).
 */
public final class CachingDeviceDirectory implements DeviceDirectory {
    private final Cache<RegisteredDevice> devices;
    private final Cache<String> homes;

    public CachingDeviceDirectory(DeviceDirectory source, Duration knownTtl, Duration unknownTtl, Clock clock) {
        this.devices = new Cache<>(source::find, knownTtl, unknownTtl, clock);
        this.homes = new Cache<>(source::aggregatorOf, knownTtl, unknownTtl, clock);
    }

    @Override
    public Optional<RegisteredDevice> find(String deviceId) {
        return devices.get(deviceId);
    }

    @Override
    public Optional<String> aggregatorOf(String assetId) {
        return homes.get(assetId);
    }

    /** Forgets every answer. */
    public void clear() {
        devices.entries.clear();
        homes.entries.clear();
    }

    /** The answers of one lookup by id. */
    private static final class Cache<T> {
        private record Entry<T>(Optional<T> value, Instant until) {}

        private final Function<String, Optional<T>> source;
        private final Duration knownTtl;
        private final Duration unknownTtl;
        private final Clock clock;
        private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

        Cache(Function<String, Optional<T>> source, Duration knownTtl, Duration unknownTtl, Clock clock) {
            this.source = source;
            this.knownTtl = knownTtl;
            this.unknownTtl = unknownTtl;
            this.clock = clock;
        }

        Optional<T> get(String id) {
            Instant now = clock.instant();
            Entry<T> entry = entries.get(id);
            if (entry != null && now.isBefore(entry.until())) {
                return entry.value();
            }
            Optional<T> found = source.apply(id);
            entries.put(id, new Entry<>(found, now.plus(found.isPresent() ? knownTtl : unknownTtl)));
            return found;
        }
    }
}
