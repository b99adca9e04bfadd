package io.flexledger.devicebridge.reading;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A refused message with the reason and whatever could be read from it.
 *
 * @param reason why it was refused
 * @param detail what exactly was wrong (a JSON path for MALFORMED)
 * @param topic the MQTT topic it came on
 * @param deviceId the device, if known
 * @param day the day, if it could be read
 * @param slot the slot, if it could be read
 * @param sequence the sequence, if it could be read
 * @param payload the payload as text, cut to 4000 characters
 */
public record Rejection(
        RejectionReason reason,
        String detail,
        String topic,
        String deviceId,
        LocalDate day,
        Integer slot,
        Long sequence,
        String payload)
        implements Verdict {
    private static final int MAX_PAYLOAD_CHARS = 4000;
    private static final int MAX_DETAIL_CHARS = 1000;

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        detail = cut(detail, MAX_DETAIL_CHARS);
        deviceId = cut(deviceId, 200);
        topic = cut(topic, 200);
    }

    /** A rejection of a payload of which nothing could be read but the topic. */
    public static Rejection of(RejectionReason reason, String detail, String topic, String deviceId, byte[] payload) {
        return new Rejection(reason, detail, topic, deviceId, null, null, null, text(payload));
    }

    /** The payload bytes as stored: UTF-8 text, cut to 4000 characters. */
    public static String text(byte[] payload) {
        return payload == null ? null : cut(new String(payload, StandardCharsets.UTF_8), MAX_PAYLOAD_CHARS);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
