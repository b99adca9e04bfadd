package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A FlexOrder: the DSO buys one option of an offer, or orders directly (DSO to AGR). */
@XmlRootElement(name = "FlexOrder")
public final class FlexOrder extends FlexMessage {
    /** True for an order placed without an offer on purpose. */
    @XmlAttribute(name = "Unsolicited")
    private Boolean unsolicited;

    /** MessageID of the FlexOffer ordered, if any. */
    @XmlAttribute(name = "FlexOfferMessageID")
    private UUID flexOfferMessageId;

    /** The service ordered, if stated. */
    @XmlAttribute(name = "ServiceType")
    private String serviceType;

    /** Bilateral contract this order falls under, if any. */
    @XmlAttribute(name = "ContractID")
    private String contractId;

    /** D-Prognosis the order is relative to, if any. */
    @XmlAttribute(name = "D-PrognosisMessageID")
    private UUID dPrognosisMessageId;

    /** Baseline the order is relative to, if not a D-Prognosis. */
    @XmlAttribute(name = "BaselineReference")
    private String baselineReference;

    /** Price of the order. */
    @XmlAttribute(name = "Price", required = true)
    private BigDecimal price;

    /** ISO 4217 currency of the price. */
    @Form(value = Form.CURRENCY, what = "an ISO 4217 currency code")
    @XmlAttribute(name = "Currency", required = true)
    private String currency;

    /** The DSO's reference of this order, quoted in settlement. */
    @XmlAttribute(name = "OrderReference", required = true)
    private String orderReference;

    /** The offer option ordered. */
    @XmlAttribute(name = "OptionReference")
    private String optionReference;

    /** Share (0.01 to 1.00) of the option ordered; 1.00 when absent. */
    @XmlAttribute(name = "ActivationFactor")
    private BigDecimal activationFactor;

    /** The flexible power ordered per ISP. */
    @XmlElement(name = "ISP", required = true)
    private List<FlexOrderIsp> isps = new ArrayList<>();

    public Boolean getUnsolicited() {
        return unsolicited;
    }

    public FlexOrder setUnsolicited(Boolean unsolicited) {
        this.unsolicited = unsolicited;
        return this;
    }

    public UUID getFlexOfferMessageId() {
        return flexOfferMessageId;
    }

    public FlexOrder setFlexOfferMessageId(UUID flexOfferMessageId) {
        this.flexOfferMessageId = flexOfferMessageId;
        return this;
    }

    public String getServiceType() {
        return serviceType;
    }

    public FlexOrder setServiceType(String serviceType) {
        this.serviceType = serviceType;
        return this;
    }

    public String getContractId() {
        return contractId;
    }

    public FlexOrder setContractId(String contractId) {
        this.contractId = contractId;
        return this;
    }

    public UUID getDPrognosisMessageId() {
        return dPrognosisMessageId;
    }

    public FlexOrder setDPrognosisMessageId(UUID dPrognosisMessageId) {
        this.dPrognosisMessageId = dPrognosisMessageId;
        return this;
    }

    public String getBaselineReference() {
        return baselineReference;
    }

    public FlexOrder setBaselineReference(String baselineReference) {
        this.baselineReference = baselineReference;
        return this;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public FlexOrder setPrice(BigDecimal price) {
        this.price = price;
        return this;
    }

    public String getCurrency() {
        return currency;
    }

    public FlexOrder setCurrency(String currency) {
        this.currency = currency;
        return this;
    }

    public String getOrderReference() {
        return orderReference;
    }

    public FlexOrder setOrderReference(String orderReference) {
        this.orderReference = orderReference;
        return this;
    }

    public String getOptionReference() {
        return optionReference;
    }

    public FlexOrder setOptionReference(String optionReference) {
        this.optionReference = optionReference;
        return this;
    }

    public BigDecimal getActivationFactor() {
        return activationFactor;
    }

    public FlexOrder setActivationFactor(BigDecimal activationFactor) {
        this.activationFactor = activationFactor;
        return this;
    }

    public List<FlexOrderIsp> getIsps() {
        return isps;
    }
}
