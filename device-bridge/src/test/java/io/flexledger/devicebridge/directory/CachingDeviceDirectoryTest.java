package io.flexledger.devicebridge.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.devicebridge.support.InMemoryDeviceDirectory;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.domain.participants.DeviceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
        return cache(unknownTtl, NOW);
    }

    private CachingDeviceDirectory cache(Duration unknownTtl, Clock clock) {
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
        return new CachingDeviceDirectory(counting, Duration.ofMinutes(10), unknownTtl, clock);
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

    @Test
    void aMeterAwaitingApprovalIsAskedAgainOnceTheShortTimeIsOver() {
        MutableClock clock = new MutableClock();
        CachingDeviceDirectory cache = cache(Duration.ofSeconds(30), clock);
        TestDevice meter = TestDevice.create("meter-p", "home-p");
        registry.register(RegisteredDevice.of(
                meter.device(),
                "Aggregator1MSP",
                DeviceState.PROPOSED,
                List.of(meter.device().key())));
        assertThat(cache.find("meter-p"))
                .get()
                .extracting(RegisteredDevice::state)
                .isEqualTo(DeviceState.PROPOSED);
        registry.register(meter.device(), "Aggregator1MSP");
        clock.advance(Duration.ofSeconds(31));
        assertThat(cache.find("meter-p"))
                .get()
                .extracting(RegisteredDevice::state)
                .isEqualTo(DeviceState.ACTIVE);
        // An approved meter is kept for the long time.
        clock.advance(Duration.ofMinutes(5));
        assertThat(cache.find("meter-p")).isPresent();
        assertThat(asked).hasValue(2);
    }

    @Test
    void aRefusedReadingAsksAgainAtMostOncePerShortTime() {
        MutableClock clock = new MutableClock();
        CachingDeviceDirectory cache = cache(Duration.ofSeconds(30), clock);
        TestDevice meter = TestDevice.create("meter-k", "home-k");
        registry.register(meter.device(), "Aggregator1MSP");
        assertThat(cache.find("meter-k")).isPresent();
        // Asked a moment ago: the answer stands (forged readings do not flood the registry).
        assertThat(cache.findAgain("meter-k")).isPresent();
        assertThat(asked).hasValue(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(cache.findAgain("meter-k")).isPresent();
        assertThat(cache.findAgain("meter-k")).isPresent();
        assertThat(asked).hasValue(2);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
