package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.UUID;

/** A FlexOfferRevocation: the aggregator withdraws an offer not yet ordered (AGR to DSO). */
@XmlRootElement(name = "FlexOfferRevocation")
public final class FlexOfferRevocation extends PayloadMessage {
    /** MessageID of the FlexOffer withdrawn. */
    @XmlAttribute(name = "FlexOfferMessageID", required = true)
    private UUID flexOfferMessageId;

    public UUID getFlexOfferMessageId() {
        return flexOfferMessageId;
    }

    public FlexOfferRevocation setFlexOfferMessageId(UUID flexOfferMessageId) {
        this.flexOfferMessageId = flexOfferMessageId;
        return this;
    }
}
