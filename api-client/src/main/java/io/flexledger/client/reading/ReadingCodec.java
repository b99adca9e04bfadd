package io.flexledger.client.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
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

    private ReadingCodec() {}

    /** Reads a payload; throws {@link MalformedReadingException} naming the JSON path at fault. */
    public static ParsedReading parse(byte[] payload) {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new MalformedReadingException("$", "is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReadingException("$", "must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
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

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new MalformedReadingException("$." + field, "is required");
        }
        return node;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw new MalformedReadingException("$." + field, "must be a string");
        }
        return node.asText();
    }

    private static long integer(JsonNode root, String field, long min, long max) {
        JsonNode node = required(root, field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new MalformedReadingException("$." + field, "must be an integer");
        }
        long value = node.asLong();
        if (value < min || value > max || (max == Integer.MAX_VALUE && !node.canConvertToInt())) {
            throw new MalformedReadingException("$." + field, "is out of range");
        }
        return value;
    }

    private static LocalDate day(JsonNode root) {
        String text = text(root, "day");
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedReadingException("$.day", "must be an ISO date such as 2026-11-28");
        }
    }

    private static KilowattHours kwh(JsonNode root) {
        JsonNode node = required(root, "netKwh");
        // A decimal string, so that no binary floating point ever touches the signed value.
        if (!node.isTextual()) {
            throw new MalformedReadingException("$.netKwh", "must be a decimal string such as \"0.412000\"");
        }
        try {
            return KilowattHours.parse(node.asText());
        } catch (ValidationException e) {
            throw new MalformedReadingException("$.netKwh", e.first().reason());
        }
    }
}
