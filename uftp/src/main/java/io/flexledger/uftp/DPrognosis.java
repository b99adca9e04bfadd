package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A D-Prognosis: the aggregator's forecast of its portfolio's power per ISP on a congestion point (AGR to DSO). */
@XmlRootElement(name = "D-Prognosis")
public final class DPrognosis extends FlexMessage {
    /** Revision of this prognosis; a later one replaces an earlier one. */
    @XmlAttribute(name = "Revision", required = true)
    private Long revision;

    /** The forecast power per ISP. */
    @XmlElement(name = "ISP", required = true)
    private List<DPrognosisIsp> isps = new ArrayList<>();

    public Long getRevision() {
        return revision;
    }

    public DPrognosis setRevision(Long revision) {
        this.revision = revision;
        return this;
    }

    public List<DPrognosisIsp> getIsps() {
        return isps;
    }
}
