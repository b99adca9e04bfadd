package io.flexledger.devicebridge.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.client.reading.MalformedReadingException;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A home's metered day for the simulator: {@code {"deviceId","assetId","day","kwBySlot":[…]}}, the
 * average net power of each slot in kW (import positive, export negative).
 *
 * @param deviceId the meter
 * @param assetId the home
 * @param day the market day
 * @param kwBySlot the average kW of each slot, one per slot of the day
 */
public record MeteredProfile(String deviceId, String assetId, LocalDate day, List<BigDecimal> kwBySlot) {
    /** Hours in a 15-minute slot: energy = average power × 0.25 h. */
    public static final BigDecimal SLOT_HOURS = new BigDecimal("0.25");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a profile; errors name the JSON path at fault. */
    public static MeteredProfile parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedReadingException("$", "is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReadingException("$", "must be a JSON object");
        }
        String deviceId = text(root, "deviceId");
        String assetId = text(root, "assetId");
        LocalDate day;
        try {
            day = LocalDate.parse(text(root, "day"));
        } catch (DateTimeParseException e) {
            throw new MalformedReadingException("$.day", "must be an ISO date such as 2026-11-28");
        }
        JsonNode kw = root.get("kwBySlot");
        if (kw == null || !kw.isArray()) {
            throw new MalformedReadingException("$.kwBySlot", "must be an array of kW values, one per slot");
        }
        int slots = MarketPeriod.of(day).slotCount();
        // One value per slot of the day (92, 96 or 100).
        if (kw.size() != slots) {
            throw new MalformedReadingException(
                    "$.kwBySlot", "has " + kw.size() + " values but " + day + " has " + slots + " slots");
        }
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < kw.size(); i++) {
            JsonNode v = kw.get(i);
            try {
                values.add(new BigDecimal(v.isNumber() || v.isTextual() ? v.asText() : "x"));
            } catch (NumberFormatException e) {
                throw new MalformedReadingException("$.kwBySlot[" + i + "]", "must be a number of kW");
            }
        }
        return new MeteredProfile(deviceId, assetId, day, values);
    }

    /** The reading of slot {@code slot}: net energy = kW × 0.25 h, rounded half-even to 6 decimals. */
    public MeterReading reading(int slot, long sequence) {
        KilowattHours kwh = new KilowattHours(io.flexledger.domain.units.Decimals.rounded(
                kwBySlot.get(slot).multiply(SLOT_HOURS), KilowattHours.SCALE));
        return new MeterReading(deviceId, assetId, day, slot, kwh, sequence);
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new MalformedReadingException("$." + field, "is required (a string)");
        }
        return n.asText();
    }
}
