package io.flexledger.devicebridge.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device's keys over time: each reading verifies with a key that was the device's during its slot. */
class RegisteredDeviceTest {
    /** 2026-11-27 is GMT: slot 68 is 17:00-17:15 UTC. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

    private static final Instant ROTATION = Instant.parse("2026-11-27T17:05:00Z");

    @Test
    void aRotatedMeterVerifiesEachSlotWithItsKeyOfThen() {
        TestDevice old = TestDevice.create("meter-1", "home-1");
        TestDevice next = TestDevice.create("meter-1", "home-1");
        DeviceKey first = new DeviceKey(1, "EC", old.device().publicKeyBase64(), null, ROTATION);
        DeviceKey second = new DeviceKey(2, "EC", next.device().publicKeyBase64(), ROTATION, null);
        RegisteredDevice d =
                RegisteredDevice.of(next.device(), "Aggregator1MSP", DeviceState.ACTIVE, List.of(first, second));
        assertThat(d.verifies(old.sign(DAY, 67, "0.1", 1))).isTrue();
        assertThat(d.verifies(next.sign(DAY, 67, "0.1", 1))).isFalse();
        // The slot of the rotation: either key.
        assertThat(d.verifies(old.sign(DAY, 68, "0.1", 2))).isTrue();
        assertThat(d.verifies(next.sign(DAY, 68, "0.1", 2))).isTrue();
        // After it, the retired key signs nothing.
        assertThat(d.verifies(old.sign(DAY, 69, "0.1", 3))).isFalse();
        assertThat(d.verifies(next.sign(DAY, 69, "0.1", 3))).isTrue();
        assertThat(d.signature().verifies(next.sign(DAY, 1, "0.1", 4))).isTrue();
    }

    @Test
    void onlyAMeterWaitsForTheDsosApproval() {
        TestDevice meter = TestDevice.create("meter-1", "home-1");
        assertThat(RegisteredDevice.of(meter.device(), "Aggregator1MSP").approved())
                .isTrue();
        assertThat(RegisteredDevice.of(
                                meter.device(),
                                "Aggregator1MSP",
                                DeviceState.PROPOSED,
                                List.of(meter.device().key()))
                        .approved())
                .isFalse();
        var battery = new io.flexledger.domain.participants.Device(
                "bat-1", "home-1", DeviceKind.BATTERY, "EC", meter.device().publicKeyBase64());
        assertThat(RegisteredDevice.of(battery, "Aggregator1MSP", DeviceState.PROPOSED, List.of(battery.key()))
                        .approved())
                .isTrue();
    }
}
