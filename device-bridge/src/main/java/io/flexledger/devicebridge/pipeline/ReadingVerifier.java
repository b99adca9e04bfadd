package io.flexledger.devicebridge.pipeline;

import io.flexledger.client.reading.MalformedReadingException;
import io.flexledger.client.reading.ParsedReading;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.devicebridge.directory.DeviceDirectory;
import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.devicebridge.reading.AcceptedReading;
import io.flexledger.devicebridge.reading.Rejection;
import io.flexledger.devicebridge.reading.RejectionReason;
import io.flexledger.devicebridge.reading.Verdict;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.time.MarketPeriod;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The checks of one message that need no memory of earlier ones: the payload, the device, its home,
 * the signature and the day's window. Stateless and thread-safe; replays and sealed days are checked
 * where readings are stored, one batch at a time.
 */
public final class ReadingVerifier {
    private final DeviceDirectory directory;
    private final PeriodRule periodRule;
    private final Clock clock;
    private final ZoneId marketZone;

    public ReadingVerifier(DeviceDirectory directory, PeriodRule periodRule, Clock clock, ZoneId marketZone) {
        this.directory = directory;
        this.periodRule = periodRule;
        this.clock = clock;
        this.marketZone = marketZone;
    }

    /**
     * The verdict on one message.
     *
     * @param topic the MQTT topic, whose last level is the publishing device's id
     * @throws io.flexledger.devicebridge.directory.DirectoryUnavailableException when the device
     *     registry cannot be asked now (the message is then kept, not refused)
     */
    public Verdict check(String topic, byte[] payload) {
        String topicDevice = topic.substring(topic.lastIndexOf('/') + 1);
        ParsedReading parsed;
        try {
            parsed = ReadingCodec.parse(payload);
        } catch (MalformedReadingException e) {
            return Rejection.of(RejectionReason.MALFORMED, e.getMessage(), topic, topicDevice, payload);
        }
        // A device publishes on its own topic only.
        if (!parsed.deviceId().equals(topicDevice)) {
            return reject(
                    RejectionReason.MALFORMED,
                    "$.deviceId: does not match the topic's device " + topicDevice,
                    topic,
                    parsed,
                    payload);
        }
        // The slot must be one of its day's (92, 96 or 100 of them).
        MarketPeriod period = MarketPeriod.of(parsed.day());
        if (!period.hasSlot(parsed.slot())) {
            return reject(
                    RejectionReason.OUT_OF_PERIOD,
                    "slot " + parsed.slot() + " is not a slot of " + parsed.day() + " (0.." + (period.slotCount() - 1)
                            + ")",
                    topic,
                    parsed,
                    payload);
        }
        SignedReading signed;
        try {
            signed = parsed.toSigned();
        } catch (MalformedReadingException e) {
            return reject(RejectionReason.MALFORMED, e.getMessage(), topic, parsed, payload);
        }
        // Any registered device may sign a reading, a meter once the DSO approved it (whether it is a METER
        // matters at settlement).
        Optional<RegisteredDevice> device = directory.find(parsed.deviceId());
        Optional<Rejection> refusal = refusal(device, topic, parsed, signed, payload);
        if (refusal.isPresent()
                && device.isPresent()
                && (refusal.get().reason() == RejectionReason.METER_NOT_APPROVED
                        || refusal.get().reason() == RejectionReason.BAD_SIGNATURE)) {
            // The answer may predate the meter's approval or its new key: the registry is asked again.
            device = directory.findAgain(parsed.deviceId());
            refusal = refusal(device, topic, parsed, signed, payload);
        }
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<String> outOfWindow = periodRule.refusal(parsed.day(), LocalDate.now(clock.withZone(marketZone)));
        if (outOfWindow.isPresent()) {
            return reject(RejectionReason.OUT_OF_PERIOD, outOfWindow.get(), topic, parsed, payload);
        }
        return new AcceptedReading(signed, device.get().aggregatorMsp());
    }

    /** Why the registered {@code device} does not take this reading, if it does not. */
    private static Optional<Rejection> refusal(
            Optional<RegisteredDevice> device,
            String topic,
            ParsedReading parsed,
            SignedReading signed,
            byte[] payload) {
        if (device.isEmpty()) {
            return Optional.of(reject(
                    RejectionReason.UNKNOWN_DEVICE,
                    "device " + parsed.deviceId() + " is not registered",
                    topic,
                    parsed,
                    payload));
        }
        // The reading's home must be the device's registered home.
        String registeredAsset = device.get().device().assetId();
        if (!registeredAsset.equals(parsed.assetId())) {
            return Optional.of(reject(
                    RejectionReason.ASSET_MISMATCH,
                    "reading names asset " + parsed.assetId() + " but the device belongs to " + registeredAsset,
                    topic,
                    parsed,
                    payload));
        }
        // A meter counts once the DSO approved it: its aggregator alone cannot make one count.
        if (!device.get().approved()) {
            return Optional.of(reject(
                    RejectionReason.METER_NOT_APPROVED,
                    "meter " + parsed.deviceId() + " is " + device.get().state() + ": the DSO has not approved it",
                    topic,
                    parsed,
                    payload));
        }
        // The signature must be the device's own over the canonical text, with a key of the reading's slot.
        if (!device.get().verifies(signed)) {
            return Optional.of(reject(
                    RejectionReason.BAD_SIGNATURE,
                    "signature does not verify with the device's registered key",
                    topic,
                    parsed,
                    payload));
        }
        return Optional.empty();
    }

    private static Rejection reject(
            RejectionReason reason, String detail, String topic, ParsedReading p, byte[] payload) {
        return new Rejection(
                reason, detail, topic, p.deviceId(), p.day(), p.slot(), p.sequence(), Rejection.text(payload));
    }
}
