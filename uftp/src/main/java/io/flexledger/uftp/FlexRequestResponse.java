package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.UUID;

/** The aggregator's answer to a FlexRequest. */
@XmlRootElement(name = "FlexRequestResponse")
public final class FlexRequestResponse extends PayloadMessageResponse {
    /** MessageID of the FlexRequest answered. */
    @XmlAttribute(name = "FlexRequestMessageID", required = true)
    private UUID flexRequestMessageId;

    public UUID getFlexRequestMessageId() {
        return flexRequestMessageId;
    }

    public FlexRequestResponse setFlexRequestMessageId(UUID flexRequestMessageId) {
        this.flexRequestMessageId = flexRequestMessageId;
        return this;
    }
}
