package io.flexledger.devicebridge.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.devicebridge.reading.RejectionReason;
import io.flexledger.domain.metering.MeterReading;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * What the bridge tells a device about one of its messages once the outcome is committed: the
 * end-to-end acknowledgement a meter waits for before it forgets a reading (the broker's PUBACK only
 * says the broker has it, and a broker that stops before it delivered loses it).
 *
 * @param deviceId the device: the reading's, or the last segment of the topic it came on
 * @param day the reading's day, if it could be read
 * @param slot the reading's slot, if it could be read
 * @param sequence the reading's sequence, if it could be read
 * @param outcome stored now, stored before (a resend), or refused
 * @param reason why it was refused (REJECTED only)
 * @param detail what was wrong (REJECTED only)
 */
public record Receipt(
        String deviceId,
        LocalDate day,
        Integer slot,
        Long sequence,
        Outcome outcome,
        RejectionReason reason,
        String detail) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of a message. */
    public enum Outcome {
        /** The reading is stored now. */
        STORED,
        /** The same reading was stored before: nothing changed, the device may forget it. */
        RESENT,
        /** Refused, for {@link #reason()}: sending it again changes nothing. */
        REJECTED
    }

    static Receipt of(AcceptedReading a, boolean resent) {
        MeterReading m = a.signed().reading();
        return new Receipt(
                m.deviceId(), m.day(), m.slot(), m.sequence(), resent ? Outcome.RESENT : Outcome.STORED, null, null);
    }

    static Receipt of(Rejection r) {
        String device = r.deviceId() != null ? r.deviceId() : lastSegment(r.topic());
        return new Receipt(device, r.day(), r.slot(), r.sequence(), Outcome.REJECTED, r.reason(), r.detail());
    }

    /**
     * The JSON payload: {@code {"deviceId","day","slot","sequence","outcome"}} and, when refused,
     * {@code "reason"} and {@code "detail"}; fields that could not be read are absent.
     */
    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("deviceId", deviceId);
        if (day != null) {
            o.put("day", day.toString());
        }
        if (slot != null) {
            o.put("slot", slot);
        }
        if (sequence != null) {
            o.put("sequence", sequence);
        }
        o.put("outcome", outcome.name());
        if (reason != null) {
            o.put("reason", reason.name());
            o.put("detail", detail);
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String lastSegment(String topic) {
        if (topic == null) {
            return null;
        }
        int slash = topic.lastIndexOf('/');
        return slash < 0 ? topic : topic.substring(slash + 1);
    }
}
