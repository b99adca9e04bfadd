package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import java.util.UUID;

/** Validation status of one FlexOrder in a D-PrognosisResponse. */
public final class FlexOrderStatus extends UftpElement {
    /** MessageID of the FlexOrder. */
    @XmlAttribute(name = "FlexOrderMessageID", required = true)
    private UUID flexOrderMessageId;

    /** Whether the prognosis shows the ordered flexibility. */
    @XmlAttribute(name = "IsValidated", required = true)
    private Boolean validated;

    public UUID getFlexOrderMessageId() {
        return flexOrderMessageId;
    }

    public FlexOrderStatus setFlexOrderMessageId(UUID flexOrderMessageId) {
        this.flexOrderMessageId = flexOrderMessageId;
        return this;
    }

    public Boolean getValidated() {
        return validated;
    }

    public FlexOrderStatus setValidated(Boolean validated) {
        this.validated = validated;
        return this;
    }
}
