package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;

/** One ISP of a FlexRequest. */
public final class FlexRequestIsp extends UftpElement {
    /** Whether flexibility is requested in this ISP or only available room is stated. */
    @XmlAttribute(name = "Disposition")
    private AvailableRequested disposition;

    /** Lower bound of the power wanted, in watts. */
    @XmlAttribute(name = "MinPower", required = true)
    private Long minPower;

    /** Upper bound of the power wanted, in watts. */
    @XmlAttribute(name = "MaxPower", required = true)
    private Long maxPower;

    /** Number of the first ISP of the day (1-based). */
    @XmlAttribute(name = "Start", required = true)
    private Integer start;

    /** Number of ISPs this value holds for (1 when absent). */
    @XmlAttribute(name = "Duration")
    private Integer duration;

    public AvailableRequested getDisposition() {
        return disposition;
    }

    public FlexRequestIsp setDisposition(AvailableRequested disposition) {
        this.disposition = disposition;
        return this;
    }

    public Long getMinPower() {
        return minPower;
    }

    public FlexRequestIsp setMinPower(Long minPower) {
        this.minPower = minPower;
        return this;
    }

    public Long getMaxPower() {
        return maxPower;
    }

    public FlexRequestIsp setMaxPower(Long maxPower) {
        this.maxPower = maxPower;
        return this;
    }

    public Integer getStart() {
        return start;
    }

    public FlexRequestIsp setStart(Integer start) {
        this.start = start;
        return this;
    }

    public Integer getDuration() {
        return duration;
    }

    public FlexRequestIsp setDuration(Integer duration) {
        this.duration = duration;
        return this;
    }
}
