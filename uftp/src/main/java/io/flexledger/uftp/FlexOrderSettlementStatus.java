package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;

/** The aggregator's disposition of one order line of a FlexSettlement. */
public final class FlexOrderSettlementStatus extends UftpElement {
    /** OrderReference of the line. */
    @XmlAttribute(name = "OrderReference")
    private String orderReference;

    /** Accepted or Disputed. */
    @XmlAttribute(name = "Disposition", required = true)
    private AcceptedDisputed disposition;

    /** Why the line is disputed. */
    @XmlAttribute(name = "DisputeReason")
    private String disputeReason;

    public String getOrderReference() {
        return orderReference;
    }

    public FlexOrderSettlementStatus setOrderReference(String orderReference) {
        this.orderReference = orderReference;
        return this;
    }

    public AcceptedDisputed getDisposition() {
        return disposition;
    }

    public FlexOrderSettlementStatus setDisposition(AcceptedDisputed disposition) {
        this.disposition = disposition;
        return this;
    }

    public String getDisputeReason() {
        return disputeReason;
    }

    public FlexOrderSettlementStatus setDisputeReason(String disputeReason) {
        this.disputeReason = disputeReason;
        return this;
    }
}
