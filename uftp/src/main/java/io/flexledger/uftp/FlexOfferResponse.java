package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.UUID;

/** The DSO's answer to a FlexOffer. */
@XmlRootElement(name = "FlexOfferResponse")
public final class FlexOfferResponse extends PayloadMessageResponse {
    /** MessageID of the FlexOffer answered. */
    @XmlAttribute(name = "FlexOfferMessageID", required = true)
    private UUID flexOfferMessageId;

    public UUID getFlexOfferMessageId() {
        return flexOfferMessageId;
    }

    public FlexOfferResponse setFlexOfferMessageId(UUID flexOfferMessageId) {
        this.flexOfferMessageId = flexOfferMessageId;
        return this;
    }
}
