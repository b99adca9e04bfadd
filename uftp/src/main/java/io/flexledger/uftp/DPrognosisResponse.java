package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The DSO's answer to a D-Prognosis. */
@XmlRootElement(name = "D-PrognosisResponse")
public final class DPrognosisResponse extends PayloadMessageResponse {
    /** MessageID of the D-Prognosis answered. */
    @XmlAttribute(name = "D-PrognosisMessageID", required = true)
    private UUID dPrognosisMessageId;

    /** Whether the DSO has validated each of its orders against the prognosis. */
    @XmlElement(name = "FlexOrderStatus")
    private List<FlexOrderStatus> flexOrderStatuses = new ArrayList<>();

    public UUID getDPrognosisMessageId() {
        return dPrognosisMessageId;
    }

    public DPrognosisResponse setDPrognosisMessageId(UUID dPrognosisMessageId) {
        this.dPrognosisMessageId = dPrognosisMessageId;
        return this;
    }

    public List<FlexOrderStatus> getFlexOrderStatuses() {
        return flexOrderStatuses;
    }
}
