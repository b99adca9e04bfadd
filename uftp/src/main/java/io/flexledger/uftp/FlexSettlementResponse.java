package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The aggregator's answer to a FlexSettlement: each order line Accepted or Disputed. */
@XmlRootElement(name = "FlexSettlementResponse")
public final class FlexSettlementResponse extends PayloadMessageResponse {
    /** MessageID of the FlexSettlement answered. */
    @XmlAttribute(name = "FlexSettlementMessageID", required = true)
    private UUID flexSettlementMessageId;

    /** The aggregator's disposition of each order line. */
    @XmlElement(name = "FlexOrderSettlementStatus", required = true)
    private List<FlexOrderSettlementStatus> flexOrderSettlementStatuses = new ArrayList<>();

    public UUID getFlexSettlementMessageId() {
        return flexSettlementMessageId;
    }

    public FlexSettlementResponse setFlexSettlementMessageId(UUID flexSettlementMessageId) {
        this.flexSettlementMessageId = flexSettlementMessageId;
        return this;
    }

    public List<FlexOrderSettlementStatus> getFlexOrderSettlementStatuses() {
        return flexOrderSettlementStatuses;
    }
}
