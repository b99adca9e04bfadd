package io.flexledger.devicebridge.reading;

/** Why the bridge refused a reading; every refusal is logged, counted and stored with one of these. */
public enum RejectionReason {
    /** The payload is not a signed reading (the detail names the JSON path at fault). */
    MALFORMED,
    /** No device with this id is registered on the ledger. */
    UNKNOWN_DEVICE,
    /** The signature does not verify against the device's registered key. */
    BAD_SIGNATURE,
    /**
     * Another reading of the device's day and slot is already stored (one reading per device and slot;
     * the same reading again is a resend, not a replay).
     */
    REPLAY,
    /** The slot is not in its day, the day is too old or too far ahead, or the day is sealed. */
    OUT_OF_PERIOD,
    /** The reading names another home than the one its device is registered to. */
    ASSET_MISMATCH,
    /**
     * The device is a meter its aggregator registered (or whose key it replaced) that the DSO has not
     * approved: it signs nothing that counts.
     */
    METER_NOT_APPROVED
}
