package io.flexledger.devicebridge.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.devicebridge.support.InMemoryDeviceDirectory;
import io.flexledger.devicebridge.support.TestDevice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The registry cache at one instant: an answer is kept while its time to live lasts (a long one for
 * what is registered, none or a long one for what is not), a failure never.
 */
class CachingDeviceDirectoryTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    /** The in-memory registry, counting the questions that reach it. */
    private final InMemoryDeviceDirectory registry = new InMemoryDeviceDirectory();

    private final AtomicInteger asked = new AtomicInteger();

    private CachingDeviceDirectory cache(Duration unknownTtl) {
        DeviceDirectory counting = new DeviceDirectory() {
            @Override
            public Optional<RegisteredDevice> find(String deviceId) {
                asked.incrementAndGet();
                return registry.find(deviceId);
            }

            @Override
            public Optional<String> aggregatorOf(String assetId) {
                asked.incrementAndGet();
                return registry.aggregatorOf(assetId);
            }
        };
        return new CachingDeviceDirectory(counting, Duration.ofMinutes(10), unknownTtl, NOW);
    }

    @Test
    void aHomesAggregatorIsKeptAndAnUnknownHomeIsAskedAgainOnceItsShortTimeIsOver() {
        CachingDeviceDirectory cache = cache(Duration.ZERO);
        registry.registerHome("home-1", "Aggregator1MSP");
        assertThat(cache.aggregatorOf("home-1")).contains("Aggregator1MSP");
        assertThat(cache.aggregatorOf("home-1")).contains("Aggregator1MSP");
        assertThat(asked).hasValue(1);
        assertThat(cache.aggregatorOf("home-2")).isEmpty();
        registry.registerHome("home-2", "Aggregator2MSP");
        assertThat(cache.aggregatorOf("home-2")).contains("Aggregator2MSP");
        assertThat(asked).hasValue(3);
    }

    @Test
    void anUnknownHomeIsRememberedWhileItsTimeLasts() {
        CachingDeviceDirectory cache = cache(Duration.ofSeconds(30));
        assertThat(cache.aggregatorOf("home-2")).isEmpty();
        registry.registerHome("home-2", "Aggregator2MSP");
        assertThat(cache.aggregatorOf("home-2")).isEmpty();
        assertThat(asked).hasValue(1);
    }

    @Test
    void devicesAndHomesAreKeptApartAndAFailureIsNotRemembered() {
        CachingDeviceDirectory cache = cache(Duration.ofSeconds(30));
        registry.register(TestDevice.create("home-1", "home-1").device(), "Aggregator1MSP");
        assertThat(cache.find("home-1")).isPresent();
        assertThat(cache.aggregatorOf("home-1")).contains("Aggregator1MSP");
        registry.down(true);
        assertThatThrownBy(() -> cache.aggregatorOf("home-3")).isInstanceOf(DirectoryUnavailableException.class);
        registry.down(false);
        registry.registerHome("home-3", "Aggregator2MSP");
        assertThat(cache.aggregatorOf("home-3")).contains("Aggregator2MSP");
    }
}
