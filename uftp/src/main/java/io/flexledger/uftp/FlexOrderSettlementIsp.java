package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;

/** One ISP of a FlexOrderSettlement. */
public final class FlexOrderSettlementIsp extends UftpElement {
    /** Number of the first ISP of the day (1-based). */
    @XmlAttribute(name = "Start", required = true)
    private Integer start;

    /** Number of ISPs this value holds for (1 when absent). */
    @XmlAttribute(name = "Duration")
    private Integer duration;

    /** Baseline power in watts. */
    @XmlAttribute(name = "BaselinePower", required = true)
    private Long baselinePower;

    /** Flexible power ordered, in watts. */
    @XmlAttribute(name = "OrderedFlexPower", required = true)
    private Long orderedFlexPower;

    /** Power measured, in watts. */
    @XmlAttribute(name = "ActualPower", required = true)
    private Long actualPower;

    /** Flexible power delivered, in watts. */
    @XmlAttribute(name = "DeliveredFlexPower", required = true)
    private Long deliveredFlexPower;

    /** Ordered power not delivered, in watts; 0 when absent. */
    @XmlAttribute(name = "PowerDeficiency")
    private Long powerDeficiency;

    public Integer getStart() {
        return start;
    }

    public FlexOrderSettlementIsp setStart(Integer start) {
        this.start = start;
        return this;
    }

    public Integer getDuration() {
        return duration;
    }

    public FlexOrderSettlementIsp setDuration(Integer duration) {
        this.duration = duration;
        return this;
    }

    public Long getBaselinePower() {
        return baselinePower;
    }

    public FlexOrderSettlementIsp setBaselinePower(Long baselinePower) {
        this.baselinePower = baselinePower;
        return this;
    }

    public Long getOrderedFlexPower() {
        return orderedFlexPower;
    }

    public FlexOrderSettlementIsp setOrderedFlexPower(Long orderedFlexPower) {
        this.orderedFlexPower = orderedFlexPower;
        return this;
    }

    public Long getActualPower() {
        return actualPower;
    }

    public FlexOrderSettlementIsp setActualPower(Long actualPower) {
        this.actualPower = actualPower;
        return this;
    }

    public Long getDeliveredFlexPower() {
        return deliveredFlexPower;
    }

    public FlexOrderSettlementIsp setDeliveredFlexPower(Long deliveredFlexPower) {
        this.deliveredFlexPower = deliveredFlexPower;
        return this;
    }

    public Long getPowerDeficiency() {
        return powerDeficiency;
    }

    public FlexOrderSettlementIsp setPowerDeficiency(Long powerDeficiency) {
        this.powerDeficiency = powerDeficiency;
        return this;
    }
}
