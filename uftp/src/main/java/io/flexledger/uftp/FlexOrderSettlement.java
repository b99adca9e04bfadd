package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The settlement of one FlexOrder. */
public final class FlexOrderSettlement extends UftpElement {
    /** OrderReference of the FlexOrder settled. */
    @XmlAttribute(name = "OrderReference")
    private String orderReference;

    /** Day of the order. */
    @XmlAttribute(name = "Period", required = true)
    private LocalDate period;

    /** Bilateral contract of the order, if any. */
    @XmlAttribute(name = "ContractID")
    private String contractId;

    /** D-Prognosis the baseline came from, if any. */
    @XmlAttribute(name = "D-PrognosisMessageID")
    private UUID dPrognosisMessageId;

    /** Baseline used, if not a D-Prognosis. */
    @XmlAttribute(name = "BaselineReference")
    private String baselineReference;

    /** Entity address of the congestion point. */
    @Form(value = Form.ENTITY_ADDRESS, what = "an entity address (ea1.… or ean.…)")
    @XmlAttribute(name = "CongestionPoint", required = true)
    private String congestionPoint;

    /** Price of the order. */
    @XmlAttribute(name = "Price", required = true)
    private BigDecimal price;

    /** Penalty for flexibility not delivered; 0 when absent. */
    @XmlAttribute(name = "Penalty")
    private BigDecimal penalty;

    /** Price less penalty. */
    @XmlAttribute(name = "NetSettlement", required = true)
    private BigDecimal netSettlement;

    /** Ordered and delivered power per ISP. */
    @XmlElement(name = "ISP", required = true)
    private List<FlexOrderSettlementIsp> isps = new ArrayList<>();

    public String getOrderReference() {
        return orderReference;
    }

    public FlexOrderSettlement setOrderReference(String orderReference) {
        this.orderReference = orderReference;
        return this;
    }

    public LocalDate getPeriod() {
        return period;
    }

    public FlexOrderSettlement setPeriod(LocalDate period) {
        this.period = period;
        return this;
    }

    public String getContractId() {
        return contractId;
    }

    public FlexOrderSettlement setContractId(String contractId) {
        this.contractId = contractId;
        return this;
    }

    public UUID getDPrognosisMessageId() {
        return dPrognosisMessageId;
    }

    public FlexOrderSettlement setDPrognosisMessageId(UUID dPrognosisMessageId) {
        this.dPrognosisMessageId = dPrognosisMessageId;
        return this;
    }

    public String getBaselineReference() {
        return baselineReference;
    }

    public FlexOrderSettlement setBaselineReference(String baselineReference) {
        this.baselineReference = baselineReference;
        return this;
    }

    public String getCongestionPoint() {
        return congestionPoint;
    }

    public FlexOrderSettlement setCongestionPoint(String congestionPoint) {
        this.congestionPoint = congestionPoint;
        return this;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public FlexOrderSettlement setPrice(BigDecimal price) {
        this.price = price;
        return this;
    }

    public BigDecimal getPenalty() {
        return penalty;
    }

    public FlexOrderSettlement setPenalty(BigDecimal penalty) {
        this.penalty = penalty;
        return this;
    }

    public BigDecimal getNetSettlement() {
        return netSettlement;
    }

    public FlexOrderSettlement setNetSettlement(BigDecimal netSettlement) {
        this.netSettlement = netSettlement;
        return this;
    }

    public List<FlexOrderSettlementIsp> getIsps() {
        return isps;
    }
}
