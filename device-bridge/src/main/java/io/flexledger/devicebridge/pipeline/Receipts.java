package io.flexledger.devicebridge.pipeline;

import io.flexledger.client.reading.ReadingReceipt;
import io.flexledger.devicebridge.reading.AcceptedReading;
import io.flexledger.devicebridge.reading.Rejection;
import io.flexledger.domain.metering.MeterReading;

/**
 * The {@link ReadingReceipt} of a message once its outcome is committed: the end-to-end
 * acknowledgement a meter waits for before it forgets a reading (the broker's PUBACK only says the
 * broker has it, and a broker that stops before it delivered loses it).
 */
final class Receipts {
    private Receipts() {}

    /** A reading stored now, or stored before ({@code resent}: the same reading again). */
    static ReadingReceipt of(AcceptedReading a, boolean resent) {
        MeterReading m = a.signed().reading();
        return new ReadingReceipt(
                m.deviceId(),
                m.day(),
                m.slot(),
                m.sequence(),
                resent ? ReadingReceipt.Outcome.RESENT : ReadingReceipt.Outcome.STORED,
                null,
                null);
    }

    /** A refused message, on the device it names or, when none can be read, its topic's last segment. */
    static ReadingReceipt of(Rejection r) {
        String device = r.deviceId() != null ? r.deviceId() : lastSegment(r.topic());
        return new ReadingReceipt(
                device,
                r.day(),
                r.slot(),
                r.sequence(),
                ReadingReceipt.Outcome.REJECTED,
                r.reason().name(),
                r.detail());
    }

    private static String lastSegment(String topic) {
        if (topic == null) {
            return null;
        }
        int slash = topic.lastIndexOf('/');
        return slash < 0 ? topic : topic.substring(slash + 1);
    }
}
