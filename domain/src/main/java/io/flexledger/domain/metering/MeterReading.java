package io.flexledger.domain.metering;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violations;
import java.time.LocalDate;

/**
 * The net energy one device measured in one slot of a market day: import positive, export negative.
 *
 * @param deviceId the measuring device
 * @param assetId the home the device belongs to
 * @param day the market day
 * @param slot the slot of that day, from 0
 * @param netKwh the net energy over the slot
 * @param sequence the device's reading counter, strictly increasing per device (replay protection)
 */
public record MeterReading(
        String deviceId, String assetId, LocalDate day, int slot, KilowattHours netKwh, long sequence) {
    /** Prefix of the signed text; a new encoding gets a new version. */
    public static final String ENCODING = "flexledger-reading-v1";

    public MeterReading {
        Violations v = new Violations();
        v.id(deviceId, "deviceId");
        v.id(assetId, "assetId");
        if (v.present(day, "day")) {
            // A reading names a slot of its own day.
            v.check(
                    MarketPeriod.of(day).hasSlot(slot),
                    "slot",
                    "must be a slot of " + day + " (0.." + (MarketPeriod.of(day).slotCount() - 1) + ")");
        }
        v.present(netKwh, "netKwh");
        // The counter starts at 1 and only goes up.
        v.check(sequence > 0, "sequence", "must be a positive counter");
        v.throwIfAny();
    }

    /**
     * The text a device signs: {@code flexledger-reading-v1|deviceId|assetId|day|slot|netKwh|sequence},
     * with {@code netKwh} at exactly 6 decimals.
     */
    public String canonicalText() {
        return ENCODING + "|" + deviceId + "|" + assetId + "|" + day + "|" + slot + "|"
                + netKwh.value().toPlainString() + "|" + sequence;
    }
}
