package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;

/** The disposition of a settlement line: Accepted or Disputed. */
@XmlEnum
public enum AcceptedDisputed {
    @XmlEnumValue("Accepted")
    ACCEPTED,
    @XmlEnumValue("Disputed")
    DISPUTED;
}
