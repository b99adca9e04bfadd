package io.flexledger.devicebridge.pipeline;

import static io.flexledger.devicebridge.reading.RejectionReason.ASSET_MISMATCH;
import static io.flexledger.devicebridge.reading.RejectionReason.BAD_SIGNATURE;
import static io.flexledger.devicebridge.reading.RejectionReason.MALFORMED;
import static io.flexledger.devicebridge.reading.RejectionReason.METER_NOT_APPROVED;
import static io.flexledger.devicebridge.reading.RejectionReason.OUT_OF_PERIOD;
import static io.flexledger.devicebridge.reading.RejectionReason.REPLAY;
import static io.flexledger.devicebridge.reading.RejectionReason.UNKNOWN_DEVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.devicebridge.reading.RejectionReason;
import io.flexledger.devicebridge.support.Harness;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.DeviceState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every reason a reading is refused: each one counted, stored with its reason, and the message acked. */
class RejectionsTest {
    private static final String MSP = "Aggregator1MSP";
    private static Harness bridge;
    private static TestDevice meter;
    private static LocalDate today;

    @BeforeAll
    static void start() {
        bridge = new Harness();
        meter = TestDevice.create("meter-r1", "home-r1");
        bridge.directory.register(meter.device(), MSP);
        bridge.startBridge();
        today = Harness.today();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    /** Publishes and waits until the bridge counted one more of {@code reason}. */
    private static void expectRejected(RejectionReason reason, Runnable publish) {
        long counted = bridge.stats().snapshot().rejected().get(reason);
        long stored = bridge.storedRejections(reason);
        publish.run();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.stats().snapshot().rejected().get(reason) == counted + 1);
        assertThat(bridge.storedRejections(reason)).isEqualTo(stored + 1);
    }

    @Test
    void aValidReadingIsStoredAndCounted() {
        TestDevice m = TestDevice.create("meter-ok", "home-ok");
        bridge.directory.register(m.device(), MSP);
        long before = bridge.stats().snapshot().accepted();
        bridge.publish(m.sign(today, 10, "0.412", 1));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.stats().snapshot().accepted() == before + 1);
        var stored = bridge.store.readingsOfAsset(today, "home-ok");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).signed().reading().netKwh()).isEqualTo(KilowattHours.parse("0.412"));
        assertThat(stored.get(0).aggregatorMsp()).isEqualTo(MSP);
        assertThat(stored.get(0).signed().verify(m.keys().getPublic())).isTrue();
    }

    @Test
    void payloadsThatAreNotReadingsAreMalformedWithTheirJsonPath() {
        expectRejected(MALFORMED, () -> bridge.publishRaw("meter-r1", "not json".getBytes(StandardCharsets.UTF_8)));
        assertThat(bridge.lastRejectionDetail(MALFORMED)).startsWith("$:");

        String noKwh = "{\"deviceId\":\"meter-r1\",\"assetId\":\"home-r1\",\"day\":\"" + today
                + "\",\"slot\":3,\"sequence\":5,\"signature\":\"AAAA\"}";
        expectRejected(MALFORMED, () -> bridge.publishRaw("meter-r1", noKwh.getBytes(StandardCharsets.UTF_8)));
        assertThat(bridge.lastRejectionDetail(MALFORMED)).startsWith("$.netKwh:");

        String numberKwh = noKwh.replace("\"slot\":3", "\"slot\":3,\"netKwh\":0.5");
        expectRejected(MALFORMED, () -> bridge.publishRaw("meter-r1", numberKwh.getBytes(StandardCharsets.UTF_8)));
        assertThat(bridge.lastRejectionDetail(MALFORMED)).startsWith("$.netKwh:");

        String zeroSequence = numberKwh.replace("0.5", "\"0.5\"").replace("\"sequence\":5", "\"sequence\":0");
        expectRejected(MALFORMED, () -> bridge.publishRaw("meter-r1", zeroSequence.getBytes(StandardCharsets.UTF_8)));
        assertThat(bridge.lastRejectionDetail(MALFORMED)).startsWith("$.sequence:");

        // A device publishes on its own topic only.
        expectRejected(
                MALFORMED,
                () -> bridge.publishRaw(
                        "meter-other", payload(meter.sign(today, 4, "0.1", 900)).getBytes(StandardCharsets.UTF_8)));
        assertThat(bridge.lastRejectionDetail(MALFORMED)).startsWith("$.deviceId:");
    }

    @Test
    void aDeviceNotOnTheLedgerIsUnknown() {
        TestDevice stranger = TestDevice.create("meter-stranger", "home-r1");
        expectRejected(UNKNOWN_DEVICE, () -> bridge.publish(stranger.sign(today, 1, "0.1", 1)));
        assertThat(bridge.lastRejectionDetail(UNKNOWN_DEVICE)).contains("meter-stranger");
    }

    @Test
    void aMeterTheDsoHasNotApprovedSignsNothingThatCounts() {
        TestDevice m = TestDevice.create("meter-proposed", "home-proposed");
        bridge.directory.register(RegisteredDevice.of(
                m.device(), MSP, DeviceState.PROPOSED, List.of(m.device().key())));
        expectRejected(METER_NOT_APPROVED, () -> bridge.publish(m.sign(today, 30, "0.3", 1)));
        assertThat(bridge.lastRejectionDetail(METER_NOT_APPROVED))
                .contains("meter meter-proposed is PROPOSED: the DSO has not approved it");
        assertThat(bridge.store.readingsOfAsset(today, "home-proposed")).isEmpty();
        // Once the DSO approved it, its readings count.
        bridge.directory.register(m.device(), MSP);
        long accepted = bridge.stats().snapshot().accepted();
        bridge.publish(m.sign(today, 31, "0.3", 2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.stats().snapshot().accepted() == accepted + 1);
    }

    @Test
    void aReadingForAnotherHomeIsAnAssetMismatch() {
        TestDevice sameKeyOtherHome = new TestDevice("meter-r1", "home-elsewhere", meter.keys());
        expectRejected(ASSET_MISMATCH, () -> bridge.publish(sameKeyOtherHome.sign(today, 1, "0.1", 1000)));
        assertThat(bridge.lastRejectionDetail(ASSET_MISMATCH))
                .contains("home-elsewhere")
                .contains("home-r1");
    }

    @Test
    void aReadingSignedWithAnotherKeyOrChangedAfterSigningHasABadSignature() {
        TestDevice impostor = new TestDevice(
                "meter-r1", "home-r1", TestDevice.create("x", "y").keys());
        expectRejected(BAD_SIGNATURE, () -> bridge.publish(impostor.sign(today, 2, "0.1", 2000)));

        SignedReading genuine = meter.sign(today, 2, "0.100000", 2001);
        MeterReading changed = new MeterReading("meter-r1", "home-r1", today, 2, KilowattHours.parse("0.000001"), 2001);
        expectRejected(BAD_SIGNATURE, () -> bridge.publish(new SignedReading(changed, genuine.signatureBase64())));
    }

    @Test
    void anotherReadingOfAStoredSlotIsAReplayAndTheSameReadingAgainIsAResend() {
        TestDevice m = TestDevice.create("meter-replay", "home-replay");
        bridge.directory.register(m.device(), MSP);
        long accepted = bridge.stats().snapshot().accepted();
        SignedReading first = m.sign(today, 20, "0.2", 10);
        bridge.publish(first);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.stats().snapshot().accepted() == accepted + 1);

        // The same reading again (a meter that had no receipt, a broker's redelivery): stored once,
        // no rejection, counted as a resend.
        long resent = bridge.stats().snapshot().resent();
        long replays = bridge.storedRejections(REPLAY);
        bridge.publish(first);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.stats().snapshot().resent() == resent + 1);
        assertThat(bridge.storedRejections(REPLAY)).isEqualTo(replays);

        // Another reading of the stored slot, with a higher sequence: one reading per device and slot.
        expectRejected(REPLAY, () -> bridge.publish(m.sign(today, 20, "0.9", 11)));
        assertThat(bridge.lastRejectionDetail(REPLAY)).contains("already stored");
        // The same slot and energy under another sequence is another reading too.
        expectRejected(REPLAY, () -> bridge.publish(m.sign(today, 20, "0.2", 12)));
        assertThat(bridge.store.readingsOfAsset(today, "home-replay")).hasSize(1);

        // A slot not stored yet takes its reading whatever the sequence: the reading a broker lost,
        // sent again by its meter after later ones, is stored.
        bridge.publish(m.sign(today, 19, "0.3", 9));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.stats().snapshot().accepted() == accepted + 2);
        assertThat(bridge.store.readingsOfAsset(today, "home-replay")).hasSize(2);
    }

    @Test
    void slotsOutsideTheDayDaysOutsideTheWindowAndSealedDaysAreOutOfPeriod() {
        TestDevice m = TestDevice.create("meter-period", "home-period");
        bridge.directory.register(m.device(), MSP);
        int slots = MarketPeriod.of(today).slotCount();
        String beyondLastSlot = "{\"deviceId\":\"meter-period\",\"assetId\":\"home-period\",\"day\":\"" + today
                + "\",\"slot\":" + slots + ",\"netKwh\":\"0.1\",\"sequence\":1,\"signature\":\"AAAA\"}";
        expectRejected(
                OUT_OF_PERIOD,
                () -> bridge.publishRaw("meter-period", beyondLastSlot.getBytes(StandardCharsets.UTF_8)));
        assertThat(bridge.lastRejectionDetail(OUT_OF_PERIOD)).contains("slot " + slots);

        expectRejected(OUT_OF_PERIOD, () -> bridge.publish(m.sign(today.minusDays(8), 0, "0.1", 2)));
        assertThat(bridge.lastRejectionDetail(OUT_OF_PERIOD)).contains("in the past");
        expectRejected(OUT_OF_PERIOD, () -> bridge.publish(m.sign(today.plusDays(3), 0, "0.1", 3)));
        assertThat(bridge.lastRejectionDetail(OUT_OF_PERIOD)).contains("in the future");

        // Seven days back and two ahead are inside the window.
        long accepted = bridge.stats().snapshot().accepted();
        bridge.publish(m.sign(today.minusDays(7), 0, "0.1", 4));
        bridge.publish(m.sign(today.plusDays(2), 0, "0.1", 5));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bridge.stats().snapshot().accepted() == accepted + 2);

        LocalDate sealedDay = today.minusDays(6);
        bridge.anchors().seal(sealedDay);
        expectRejected(OUT_OF_PERIOD, () -> bridge.publish(m.sign(sealedDay, 5, "0.1", 6)));
        assertThat(bridge.lastRejectionDetail(OUT_OF_PERIOD)).contains("sealed");
    }

    private static String payload(SignedReading r) {
        return io.flexledger.client.reading.ReadingCodec.toJsonText(r);
    }
}
