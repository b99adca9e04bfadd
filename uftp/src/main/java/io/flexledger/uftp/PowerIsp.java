package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;

/**
 * An ISP element that carries a power in watts over a run of ISPs: {@code Power}, {@code Start} and
 * {@code Duration}, shared by the ISPs of D-Prognoses, FlexOffer options and FlexOrders.
 *
 * @param <S> the concrete ISP type, which the setters return
 */
@XmlTransient
public abstract class PowerIsp<S extends PowerIsp<S>> extends UftpElement {
    /** Power in watts (what it means depends on the message: see the subclass). */
    @XmlAttribute(name = "Power", required = true)
    private Long power;

    /** Number of the first ISP of the day (1-based). */
    @XmlAttribute(name = "Start", required = true)
    private Integer start;

    /** Number of ISPs this value holds for (1 when absent). */
    @XmlAttribute(name = "Duration")
    private Integer duration;

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    public Long getPower() {
        return power;
    }

    public S setPower(Long power) {
        this.power = power;
        return self();
    }

    public Integer getStart() {
        return start;
    }

    public S setStart(Integer start) {
        this.start = start;
        return self();
    }

    public Integer getDuration() {
        return duration;
    }

    public S setDuration(Integer duration) {
        this.duration = duration;
        return self();
    }
}
