package io.flexledger.client.reading;

import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.time.LocalDate;

/**
 * The fields of a signed reading with their JSON types checked, before the domain's rules: so that
 * a slot outside its day can be told apart (OUT_OF_PERIOD) from a payload that is not a reading.
 *
 * @param deviceId the signing device
 * @param assetId the home named by the reading
 * @param day the market day
 * @param slot the slot index, not yet checked against the day
 * @param netKwh the net energy of the slot
 * @param sequence the device's counter
 * @param signatureBase64 the device's signature
 */
public record ParsedReading(
        String deviceId,
        String assetId,
        LocalDate day,
        int slot,
        KilowattHours netKwh,
        long sequence,
        String signatureBase64) {

    /** The domain's signed reading; a field the domain refuses is reported at its JSON path. */
    public SignedReading toSigned() {
        try {
            return new SignedReading(new MeterReading(deviceId, assetId, day, slot, netKwh, sequence), signatureBase64);
        } catch (ValidationException e) {
            Violation first = e.first();
            String path =
                    first.path().startsWith("reading.") ? first.path().substring("reading.".length()) : first.path();
            throw new MalformedReadingException(path.isEmpty() ? "$" : "$." + path, first.reason());
        }
    }
}
