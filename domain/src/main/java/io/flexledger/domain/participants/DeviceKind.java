package io.flexledger.domain.participants;

/** Kinds of devices that sign readings or receive activations. */
public enum DeviceKind {
    METER,
    BATTERY,
    EV_CHARGER,
    HEAT_PUMP,
    PV_INVERTER,
    CEMS
}
