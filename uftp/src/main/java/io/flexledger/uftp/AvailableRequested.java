package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;

/** Whether a FlexRequest ISP asks for flexibility (Requested) or states room (Available). */
@XmlEnum
public enum AvailableRequested {
    @XmlEnumValue("Available")
    AVAILABLE,
    @XmlEnumValue("Requested")
    REQUESTED;
}
