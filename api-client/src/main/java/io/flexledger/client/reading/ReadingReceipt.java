package io.flexledger.client.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * What the device bridge tells a meter about one of its messages once the outcome is committed
 * ({@code flexledger/receipts/<deviceId>}): the end-to-end acknowledgement a meter waits for before it
 * forgets a reading (the broker's PUBACK only says the broker has it). One codec for both ends: the
 * bridge writes it, meters read it.
 *
 * @param deviceId the device: the reading's, or the last segment of the topic it came on
 * @param day the reading's day, if it could be read
 * @param slot the reading's slot, if it could be read
 * @param sequence the reading's sequence, if it could be read
 * @param outcome stored now, stored before (a resend), or refused
 * @param reason why it was refused (REJECTED only), e.g. {@code REPLAY}
 * @param detail what was wrong (REJECTED only)
 */
public record ReadingReceipt(
        String deviceId, LocalDate day, Integer slot, Long sequence, Outcome outcome, String reason, String detail) {
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
            o.put("reason", reason);
            o.put("detail", detail);
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a receipt's payload.
     *
     * @throws MalformedReadingException naming the field at fault
     */
    public static ReadingReceipt parse(byte[] payload) {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            throw new MalformedReadingException("$", "not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new MalformedReadingException("$", "a receipt is a JSON object");
        }
        String deviceId = text(n, "deviceId");
        if (deviceId == null) {
            throw new MalformedReadingException("$.deviceId", "missing");
        }
        String outcomeText = text(n, "outcome");
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(outcomeText == null ? "" : outcomeText);
        } catch (IllegalArgumentException e) {
            throw new MalformedReadingException("$.outcome", "one of STORED, RESENT, REJECTED, not " + outcomeText);
        }
        LocalDate day = null;
        if (n.hasNonNull("day")) {
            try {
                day = LocalDate.parse(n.path("day").asText());
            } catch (DateTimeParseException e) {
                throw new MalformedReadingException(
                        "$.day", "not a date: " + n.path("day").asText());
            }
        }
        Integer slot = null;
        if (n.hasNonNull("slot")) {
            if (!n.path("slot").canConvertToInt()) {
                throw new MalformedReadingException("$.slot", "not a slot number");
            }
            slot = n.path("slot").intValue();
        }
        Long sequence = null;
        if (n.hasNonNull("sequence")) {
            if (!n.path("sequence").canConvertToLong()) {
                throw new MalformedReadingException("$.sequence", "not a sequence number");
            }
            sequence = n.path("sequence").longValue();
        }
        return new ReadingReceipt(deviceId, day, slot, sequence, outcome, text(n, "reason"), text(n, "detail"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
