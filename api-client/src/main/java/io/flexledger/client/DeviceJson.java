package io.flexledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.validation.ValidationException;
import java.util.Set;

/**
 * Reads a device record as marketplace-api answers it ({@code GET /api/devices/{id}}, {@code GET
 * /api/assets/{id}/devices}) with the ledger contract's codec ({@link RegistryRecords#storedDevice}): the
 * device and its current key ({@code keyVersion}, valid from {@code keyValidFrom}), its {@code state}, and
 * the keys it had before ({@code previousKeys}, each with {@code validFrom} and {@code validUntil}).
 */
public final class DeviceJson {
    /** The fields of a device record: the device's own and those the ledger keeps beside it. */
    public static final Set<String> FIELDS = RegistryRecords.DEVICE_RECORD_FIELDS;

    /** The fields of a key waiting for the DSO's approval. */
    public static final Set<String> PENDING_KEY_FIELDS = RegistryRecords.PENDING_KEY_FIELDS;

    /** The fields of a key the device had before. */
    public static final Set<String> PREVIOUS_KEY_FIELDS = RegistryRecords.PREVIOUS_KEY_FIELDS;

    private DeviceJson() {}

    /**
     * The registration in {@code record}, read strictly (a field the ledger does not write, or of the wrong
     * type or form, is refused).
     *
     * @throws IllegalArgumentException naming the field by its JSON path when the record is not a valid device
     */
    public static DeviceRegistration registration(JsonNode record) {
        try {
            StoredDevice d = RegistryRecords.storedDevice(
                    RegistryRecords.onlyDeviceRecordFields(MarketRecords.stored(record.toString())));
            return new DeviceRegistration(d.device(), d.state(), d.keys());
        } catch (InputRefusal | ValidationException e) {
            throw new IllegalArgumentException("not a device record: " + e.getMessage(), e);
        }
    }
}
