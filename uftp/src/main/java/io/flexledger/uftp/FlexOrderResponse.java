package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.UUID;

/** The aggregator's answer to a FlexOrder. */
@XmlRootElement(name = "FlexOrderResponse")
public final class FlexOrderResponse extends PayloadMessageResponse {
    /** MessageID of the FlexOrder answered. */
    @XmlAttribute(name = "FlexOrderMessageID", required = true)
    private UUID flexOrderMessageId;

    public UUID getFlexOrderMessageId() {
        return flexOrderMessageId;
    }

    public FlexOrderResponse setFlexOrderMessageId(UUID flexOrderMessageId) {
        this.flexOrderMessageId = flexOrderMessageId;
        return this;
    }
}
