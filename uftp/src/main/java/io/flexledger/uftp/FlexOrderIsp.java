package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;

/** One ISP of a FlexOrder. */
public final class FlexOrderIsp extends UftpElement {
    /** Flexible power ordered, in watts. */
    @XmlAttribute(name = "Power", required = true)
    private Long power;

    /** Number of the first ISP of the day (1-based). */
    @XmlAttribute(name = "Start", required = true)
    private Integer start;

    /** Number of ISPs this value holds for (1 when absent). */
    @XmlAttribute(name = "Duration")
    private Integer duration;

    public Long getPower() {
        return power;
    }

    public FlexOrderIsp setPower(Long power) {
        this.power = power;
        return this;
    }

    public Integer getStart() {
        return start;
    }

    public FlexOrderIsp setStart(Integer start) {
        this.start = start;
        return this;
    }

    public Integer getDuration() {
        return duration;
    }

    public FlexOrderIsp setDuration(Integer duration) {
        this.duration = duration;
        return this;
    }
}
