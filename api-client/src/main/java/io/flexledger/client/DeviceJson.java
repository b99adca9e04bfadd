package io.flexledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.participants.DeviceState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a device record as marketplace-api answers it ({@code GET /api/devices/{id}}, {@code GET
 * /api/assets/{id}/devices}): the device and its current key ({@code keyVersion}, valid from {@code
 * keyValidFrom}), its {@code state}, and the keys it had before ({@code previousKeys}, each with
 * {@code validFrom} and {@code validUntil}).
 */
public final class DeviceJson {
    private DeviceJson() {}

    /**
     * The registration in {@code record}.
     *
     * @throws IllegalArgumentException naming the field when the record is not a valid device
     */
    public static DeviceRegistration registration(JsonNode record) {
        try {
            Device device = new Device(
                    record.path("id").asText(null),
                    record.path("assetId").asText(null),
                    DeviceKind.valueOf(record.path("kind").asText("")),
                    record.path("keyAlgorithm").asText(null),
                    record.path("publicKeyBase64").asText(null));
            // A record written before devices had a state: a meter then was never approved.
            DeviceState state = record.hasNonNull("state")
                    ? DeviceState.valueOf(record.path("state").asText())
                    : DeviceState.registered(device.kind());
            List<DeviceKey> keys = new ArrayList<>();
            for (JsonNode k : record.path("previousKeys")) {
                keys.add(new DeviceKey(
                        k.path("keyVersion").asInt(0),
                        k.path("keyAlgorithm").asText(null),
                        k.path("publicKeyBase64").asText(null),
                        instant(k, "validFrom"),
                        instant(k, "validUntil")));
            }
            keys.add(new DeviceKey(
                    record.path("keyVersion").asInt(1),
                    device.keyAlgorithm(),
                    device.publicKeyBase64(),
                    instant(record, "keyValidFrom"),
                    null));
            return new DeviceRegistration(device, state, keys);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a key period is not an instant: " + e.getParsedString(), e);
        }
    }

    private static Instant instant(JsonNode record, String field) {
        return record.hasNonNull(field) ? Instant.parse(record.path(field).asText()) : null;
    }
}
