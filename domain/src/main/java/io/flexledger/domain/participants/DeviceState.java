package io.flexledger.domain.participants;

/**
 * Whether a device's readings count. A meter measures what its home's aggregator is paid for, so the
 * aggregator cannot make one count alone: it registers the meter (PROPOSED) and the DSO approves it
 * (ACTIVE). Devices of other kinds sign nothing that is paid for and are ACTIVE once registered.
 */
public enum DeviceState {
    /** Registered by the home's aggregator, awaiting the DSO's approval: its readings are refused. */
    PROPOSED,
    /** Approved (a meter) or registered (any other device): its readings are taken. */
    ACTIVE;

    /**
     * The state of a device of {@code kind} as registered; also the state of a record written before
     * devices had one (a meter registered by its aggregator alone was never approved).
     */
    public static DeviceState registered(DeviceKind kind) {
        return kind == DeviceKind.METER ? PROPOSED : ACTIVE;
    }
}
