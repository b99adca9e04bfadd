package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;

/** The roles UFTP knows: aggregator (AGR), common reference operator (CRO), DSO. */
@XmlEnum
public enum UsefRole {
    @XmlEnumValue("AGR")
    AGR,
    @XmlEnumValue("CRO")
    CRO,
    @XmlEnumValue("DSO")
    DSO;
}
