package io.flexledger.client.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of a signed reading (MQTT payload and HTTP):
 * {@code {"deviceId","assetId","day","slot","netKwh","sequence","signature"}} with {@code netKwh} a
 * decimal string.
 */
public final class ReadingCodec {
    /** The fields of a reading, no others. */
    public static final Set<String> FIELDS =
            Set.of("deviceId", "assetId", "day", "slot", "netKwh", "sequence", "signature");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A reading is a few hundred characters: the reader refuses far more, and any deeper nesting. */
    private static final JsonReader.Limits LIMITS = new JsonReader.Limits(4096, 2, 40);

    private ReadingCodec() {}

    /**
     * Reads a payload with the ledger contract's strict reader (a key given twice, nesting or over-long text
     * refused); throws {@link MalformedReadingException} naming the JSON path at fault. Stricter than a ledger
     * record: integers are JSON integers and {@code netKwh} a decimal string, as meters write them.
     */
    public static ParsedReading parse(byte[] payload) {
        Map<String, Object> root;
        try {
            root = JsonReader.readObject(new String(payload, StandardCharsets.UTF_8), LIMITS);
        } catch (InputRefusal e) {
            throw e.path().startsWith("$")
                    ? new MalformedReadingException(e.path(), e.reason())
                    : new MalformedReadingException("$", "is not JSON (" + e.getMessage() + ")");
        }
        for (String name : root.keySet()) {
            // Only the signed fields travel; anything else would be unsigned data riding along.
            if (!FIELDS.contains(name)) {
                throw new MalformedReadingException("$." + name, "is not a field of a reading");
            }
        }
        String deviceId = text(root, "deviceId");
        String assetId = text(root, "assetId");
        LocalDate day = day(root);
        int slot = (int) integer(root, "slot", Integer.MIN_VALUE, Integer.MAX_VALUE);
        KilowattHours netKwh = kwh(root);
        long sequence = integer(root, "sequence", Long.MIN_VALUE, Long.MAX_VALUE);
        String signature = text(root, "signature");
        return new ParsedReading(deviceId, assetId, day, slot, netKwh, sequence, signature);
    }

    /** The JSON of a signed reading, fields in the documented order (the ledger contract's codec). */
    public static ObjectNode toJson(SignedReading signed) {
        return MAPPER.valueToTree(SettlementRecords.reading(signed));
    }

    /**
     * A signed reading with its Merkle proof {@code {leafIndex, leafCount, siblings}}, as the bridge
     * serves it and the ledger's SettleOrder takes it (the ledger contract's codec).
     */
    public static ObjectNode toJson(SignedReading signed, MerkleProof proof) {
        return MAPPER.valueToTree(SettlementRecords.proven(signed, proof));
    }

    /** The JSON text of a signed reading. */
    public static String toJsonText(SignedReading signed) {
        try {
            return MAPPER.writeValueAsString(toJson(signed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reading always serialises", e);
        }
    }

    private static Object required(Map<String, Object> root, String field) {
        Object value = root.get(field);
        if (value == null) {
            throw new MalformedReadingException("$." + field, "is required");
        }
        return value;
    }

    private static String text(Map<String, Object> root, String field) {
        if (!(required(root, field) instanceof String text)) {
            throw new MalformedReadingException("$." + field, "must be a string");
        }
        return text;
    }

    private static long integer(Map<String, Object> root, String field, long min, long max) {
        // An integer: no fraction (68, not 68.0 or 68.5).
        if (!(required(root, field) instanceof BigDecimal number) || number.scale() != 0) {
            throw new MalformedReadingException("$." + field, "must be an integer");
        }
        long value;
        try {
            value = number.longValueExact();
        } catch (ArithmeticException e) {
            throw new MalformedReadingException("$." + field, "is out of range");
        }
        if (value < min || value > max) {
            throw new MalformedReadingException("$." + field, "is out of range");
        }
        return value;
    }

    private static LocalDate day(Map<String, Object> root) {
        String text = text(root, "day");
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedReadingException("$.day", "must be an ISO date such as 2026-11-28");
        }
    }

    private static KilowattHours kwh(Map<String, Object> root) {
        // A decimal string, so that no binary floating point ever touches the signed value.
        if (!(required(root, "netKwh") instanceof String text)) {
            throw new MalformedReadingException("$.netKwh", "must be a decimal string such as \"0.412000\"");
        }
        try {
            return KilowattHours.parse(text);
        } catch (ValidationException e) {
            throw new MalformedReadingException("$.netKwh", e.first().reason());
        }
    }
}
