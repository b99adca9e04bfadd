package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;

/** A reply: Accepted, or Rejected with a reason (the schema's PayloadMessageResponseType). */
@XmlTransient
public abstract class PayloadMessageResponse extends PayloadMessage {
    /** Accepted or Rejected. */
    @XmlAttribute(name = "Result", required = true)
    private AcceptedRejected result;

    /** Why the message was rejected; only with Result Rejected. */
    @XmlAttribute(name = "RejectionReason")
    private String rejectionReason;

    public AcceptedRejected getResult() {
        return result;
    }

    public String getRejectionReason() {
        return rejectionReason;
    }

    /** Sets Result to Accepted and clears any rejection reason. */
    public PayloadMessageResponse accept() {
        this.result = AcceptedRejected.ACCEPTED;
        this.rejectionReason = null;
        return this;
    }

    /** Sets Result to Rejected with the given human-readable reason. */
    public PayloadMessageResponse reject(String reason) {
        this.result = AcceptedRejected.REJECTED;
        this.rejectionReason = reason;
        return this;
    }
}
