package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.UUID;

/** The DSO's answer to a FlexOfferRevocation. */
@XmlRootElement(name = "FlexOfferRevocationResponse")
public final class FlexOfferRevocationResponse extends PayloadMessageResponse {
    /** MessageID of the revocation answered. */
    @XmlAttribute(name = "FlexOfferRevocationMessageID", required = true)
    private UUID flexOfferRevocationMessageId;

    public UUID getFlexOfferRevocationMessageId() {
        return flexOfferRevocationMessageId;
    }

    public FlexOfferRevocationResponse setFlexOfferRevocationMessageId(UUID flexOfferRevocationMessageId) {
        this.flexOfferRevocationMessageId = flexOfferRevocationMessageId;
        return this;
    }
}
