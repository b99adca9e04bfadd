package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import java.time.Duration;
import java.time.LocalDate;

/** A message about the ISPs of one day on one congestion point (the schema's FlexMessageType). */
@XmlTransient
public abstract class FlexMessage extends PayloadMessage {
    /** Length of an ISP, e.g. PT15M. */
    @XmlAttribute(name = "ISP-Duration", required = true)
    private Duration ispDuration;

    /** IANA time zone of the Period, e.g. Europe/Amsterdam. */
    @Form(value = Form.TIME_ZONE, what = "an IANA time zone such as Europe/Amsterdam")
    @XmlAttribute(name = "TimeZone", required = true)
    private String timeZone;

    /** The day the ISPs belong to. */
    @XmlAttribute(name = "Period", required = true)
    private LocalDate period;

    /** Entity address of the congestion point (ea1.… or ean.…). */
    @Form(value = Form.ENTITY_ADDRESS, what = "an entity address (ea1.… or ean.…)")
    @XmlAttribute(name = "CongestionPoint", required = true)
    private String congestionPoint;

    public Duration getIspDuration() {
        return ispDuration;
    }

    public FlexMessage setIspDuration(Duration ispDuration) {
        this.ispDuration = ispDuration;
        return this;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public FlexMessage setTimeZone(String timeZone) {
        this.timeZone = timeZone;
        return this;
    }

    public LocalDate getPeriod() {
        return period;
    }

    public FlexMessage setPeriod(LocalDate period) {
        this.period = period;
        return this;
    }

    public String getCongestionPoint() {
        return congestionPoint;
    }

    public FlexMessage setCongestionPoint(String congestionPoint) {
        this.congestionPoint = congestionPoint;
        return this;
    }
}
