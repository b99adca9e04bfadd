package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;

/** One ISP of a ContractSettlementPeriod. */
public final class ContractSettlementIsp extends UftpElement {
    /** Number of the first ISP of the day (1-based). */
    @XmlAttribute(name = "Start", required = true)
    private Integer start;

    /** Number of ISPs this value holds for (1 when absent). */
    @XmlAttribute(name = "Duration")
    private Integer duration;

    /** Power reserved under the contract, in watts. */
    @XmlAttribute(name = "ReservedPower", required = true)
    private Long reservedPower;

    /** Power requested, in watts. */
    @XmlAttribute(name = "RequestedPower")
    private Long requestedPower;

    /** Power stated available, in watts. */
    @XmlAttribute(name = "AvailablePower")
    private Long availablePower;

    /** Power offered, in watts. */
    @XmlAttribute(name = "OfferedPower")
    private Long offeredPower;

    /** Power ordered, in watts. */
    @XmlAttribute(name = "OrderedPower")
    private Long orderedPower;

    public Integer getStart() {
        return start;
    }

    public ContractSettlementIsp setStart(Integer start) {
        this.start = start;
        return this;
    }

    public Integer getDuration() {
        return duration;
    }

    public ContractSettlementIsp setDuration(Integer duration) {
        this.duration = duration;
        return this;
    }

    public Long getReservedPower() {
        return reservedPower;
    }

    public ContractSettlementIsp setReservedPower(Long reservedPower) {
        this.reservedPower = reservedPower;
        return this;
    }

    public Long getRequestedPower() {
        return requestedPower;
    }

    public ContractSettlementIsp setRequestedPower(Long requestedPower) {
        this.requestedPower = requestedPower;
        return this;
    }

    public Long getAvailablePower() {
        return availablePower;
    }

    public ContractSettlementIsp setAvailablePower(Long availablePower) {
        this.availablePower = availablePower;
        return this;
    }

    public Long getOfferedPower() {
        return offeredPower;
    }

    public ContractSettlementIsp setOfferedPower(Long offeredPower) {
        this.offeredPower = offeredPower;
        return this;
    }

    public Long getOrderedPower() {
        return orderedPower;
    }

    public ContractSettlementIsp setOrderedPower(Long orderedPower) {
        this.orderedPower = orderedPower;
        return this;
    }
}
