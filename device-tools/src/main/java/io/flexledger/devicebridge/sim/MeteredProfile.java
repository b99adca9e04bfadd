package io.flexledger.devicebridge.sim;

import io.flexledger.client.reading.MalformedReadingException;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

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

    /** The fields of a profile; any other is refused, so that a misspelt field never passes unnoticed. */
    public static final Set<String> FIELDS = Set.of("deviceId", "assetId", "day", "kwBySlot");

    /** A profile's size: at most 100 values (a 25-hour day), each a plain kW number or decimal string. */
    private static final JsonReader.Limits LIMITS = new JsonReader.Limits(64 * 1024, 2, 40);

    /**
     * Reads a profile with the ledger contract's strict reader (a key given twice, unknown fields, nesting
     * or over-long text refused); errors name the JSON path at fault.
     */
    public static MeteredProfile parse(byte[] json) {
        try {
            JsonFields in = JsonFields.parse(new String(json, StandardCharsets.UTF_8), LIMITS, JsonFields.throwing());
            in.onlyFields(FIELDS);
            String deviceId = in.string("deviceId");
            String assetId = in.string("assetId");
            LocalDate day = in.day("day");
            List<BigDecimal> values = in.decimalList("kwBySlot");
            int slots = MarketPeriod.of(day).slotCount();
            // One value per slot of the day (92, 96 or 100).
            if (values.size() != slots) {
                throw new MalformedReadingException(
                        "$.kwBySlot", "has " + values.size() + " values but " + day + " has " + slots + " slots");
            }
            return new MeteredProfile(deviceId, assetId, day, values);
        } catch (InputRefusal e) {
            throw e.path().startsWith("$")
                    ? new MalformedReadingException(e.path(), e.reason())
                    : new MalformedReadingException("$", "is not JSON (" + e.getMessage() + ")");
        }
    }

    /** The reading of slot {@code slot}: net energy = kW × 0.25 h, rounded half-even to 6 decimals. */
    public MeterReading reading(int slot, long sequence) {
        KilowattHours kwh = new KilowattHours(io.flexledger.domain.units.Decimals.rounded(
                kwBySlot.get(slot).multiply(SLOT_HOURS), KilowattHours.SCALE));
        return new MeterReading(deviceId, assetId, day, slot, kwh, sequence);
    }
}
