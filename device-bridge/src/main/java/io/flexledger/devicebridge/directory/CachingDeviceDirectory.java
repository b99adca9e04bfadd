package io.flexledger.devicebridge.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the answers of another directory for a while: registered devices for {@code knownTtl}, unknown
 * ids for the shorter {@code unknownTtl} (so a device registered a moment ago is soon found).
 */
public final class CachingDeviceDirectory implements DeviceDirectory {
    private record Entry(Optional<RegisteredDevice> device, Instant until) {}

    private final DeviceDirectory source;
    private final Duration knownTtl;
    private final Duration unknownTtl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public CachingDeviceDirectory(DeviceDirectory source, Duration knownTtl, Duration unknownTtl, Clock clock) {
        this.source = source;
        this.knownTtl = knownTtl;
        this.unknownTtl = unknownTtl;
        this.clock = clock;
    }

    @Override
    public Optional<RegisteredDevice> find(String deviceId) {
        Instant now = clock.instant();
        Entry entry = entries.get(deviceId);
        if (entry != null && now.isBefore(entry.until())) {
            return entry.device();
        }
        Optional<RegisteredDevice> found = source.find(deviceId);
        entries.put(deviceId, new Entry(found, now.plus(found.isPresent() ? knownTtl : unknownTtl)));
        return found;
    }

    /** Forgets every answer. */
    public void clear() {
        entries.clear();
    }
}
