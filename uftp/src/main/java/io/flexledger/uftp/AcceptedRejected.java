package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;

/** Accepted or Rejected (the schema's AcceptedRejectedType). */
@XmlEnum
public enum AcceptedRejected {
    @XmlEnumValue("Accepted")
    ACCEPTED,
    @XmlEnumValue("Rejected")
    REJECTED;
}
