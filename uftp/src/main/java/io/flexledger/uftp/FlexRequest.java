package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A FlexRequest: the DSO asks for flexibility on a congestion point (DSO to AGR). */
@XmlRootElement(name = "FlexRequest")
public final class FlexRequest extends FlexMessage {
    /** Revision of this request. */
    @XmlAttribute(name = "Revision", required = true)
    private Long revision;

    /** Until when offers are awaited. */
    @XmlAttribute(name = "ExpirationDateTime", required = true)
    private OffsetDateTime expirationDateTime;

    /** Bilateral contract this request falls under, if any. */
    @XmlAttribute(name = "ContractID")
    private String contractId;

    /** The service requested, if stated. */
    @XmlAttribute(name = "ServiceType")
    private String serviceType;

    /** The requested power range per ISP. */
    @XmlElement(name = "ISP", required = true)
    private List<FlexRequestIsp> isps = new ArrayList<>();

    public Long getRevision() {
        return revision;
    }

    public FlexRequest setRevision(Long revision) {
        this.revision = revision;
        return this;
    }

    public OffsetDateTime getExpirationDateTime() {
        return expirationDateTime;
    }

    public FlexRequest setExpirationDateTime(OffsetDateTime expirationDateTime) {
        this.expirationDateTime = expirationDateTime;
        return this;
    }

    public String getContractId() {
        return contractId;
    }

    public FlexRequest setContractId(String contractId) {
        this.contractId = contractId;
        return this;
    }

    public String getServiceType() {
        return serviceType;
    }

    public FlexRequest setServiceType(String serviceType) {
        this.serviceType = serviceType;
        return this;
    }

    public List<FlexRequestIsp> getIsps() {
        return isps;
    }
}
