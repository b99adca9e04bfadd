package io.flexledger.devicebridge.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keeps the answers of another directory for a while: registered devices and homes for
 * {@code knownTtl}, unknown ids and meters the DSO has not approved yet for the shorter
 * {@code unknownTtl} (so a device or home registered, or a meter approved, a moment ago is soon found).
 * A reading refused on a cached answer asks again ({@link #findAgain}) once that answer is older than
 * {@code unknownTtl}: a meter's new key is taken soon after the DSO approves it, and forged readings
 * cost at most one question per device and {@code unknownTtl}.
 */
public final class CachingDeviceDirectory implements DeviceDirectory {
    private final Cache<RegisteredDevice> devices;
    private final Cache<String> homes;

    public CachingDeviceDirectory(DeviceDirectory source, Duration knownTtl, Duration unknownTtl, Clock clock) {
        this.devices = new Cache<>(source::find, RegisteredDevice::approved, knownTtl, unknownTtl, clock);
        this.homes = new Cache<>(source::aggregatorOf, home -> true, knownTtl, unknownTtl, clock);
    }

    @Override
    public Optional<RegisteredDevice> find(String deviceId) {
        return devices.get(deviceId);
    }

    @Override
    public Optional<RegisteredDevice> findAgain(String deviceId) {
        return devices.refreshed(deviceId);
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
        private record Entry<T>(Optional<T> value, Instant asked, Instant until) {}

        private final Function<String, Optional<T>> source;
        private final Predicate<T> lasting;
        private final Duration knownTtl;
        private final Duration unknownTtl;
        private final Clock clock;
        private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

        /** {@code lasting}: whether a found value is kept for {@code knownTtl} (else {@code unknownTtl}). */
        Cache(
                Function<String, Optional<T>> source,
                Predicate<T> lasting,
                Duration knownTtl,
                Duration unknownTtl,
                Clock clock) {
            this.source = source;
            this.lasting = lasting;
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
            return ask(id, now);
        }

        /** The answer, asked again unless the cached one is younger than {@code unknownTtl}. */
        Optional<T> refreshed(String id) {
            Instant now = clock.instant();
            Entry<T> entry = entries.get(id);
            if (entry != null && now.isBefore(entry.asked().plus(unknownTtl)) && now.isBefore(entry.until())) {
                return entry.value();
            }
            return ask(id, now);
        }

        private Optional<T> ask(String id, Instant now) {
            Optional<T> found = source.apply(id);
            Duration ttl = found.isPresent() && lasting.test(found.get()) ? knownTtl : unknownTtl;
            entries.put(id, new Entry<>(found, now, now.plus(ttl)));
            return found;
        }
    }
}
