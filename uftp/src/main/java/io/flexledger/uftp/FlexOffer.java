package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A FlexOffer: the aggregator offers flexibility, solicited (answering a FlexRequest) or unsolicited (AGR to DSO). */
@XmlRootElement(name = "FlexOffer")
public final class FlexOffer extends FlexMessage {
    /** Until when the offer holds. */
    @XmlAttribute(name = "ExpirationDateTime", required = true)
    private OffsetDateTime expirationDateTime;

    /** True for an offer that answers no FlexRequest on purpose. */
    @XmlAttribute(name = "Unsolicited")
    private Boolean unsolicited;

    /** MessageID of the FlexRequest this offer answers (absent for an unsolicited offer). */
    @XmlAttribute(name = "FlexRequestMessageID")
    private UUID flexRequestMessageId;

    /** Bilateral contract this offer falls under, if any. */
    @XmlAttribute(name = "ContractID")
    private String contractId;

    /** D-Prognosis the offer is relative to, if any. */
    @XmlAttribute(name = "D-PrognosisMessageID")
    private UUID dPrognosisMessageId;

    /** Baseline the offer is relative to, if not a D-Prognosis. */
    @XmlAttribute(name = "BaselineReference")
    private String baselineReference;

    /** ISO 4217 currency of the prices. */
    @Form(value = Form.CURRENCY, what = "an ISO 4217 currency code")
    @XmlAttribute(name = "Currency", required = true)
    private String currency;

    /** The alternatives offered; the DSO orders at most one. */
    @XmlElement(name = "OfferOption", required = true)
    private List<FlexOfferOption> offerOptions = new ArrayList<>();

    public OffsetDateTime getExpirationDateTime() {
        return expirationDateTime;
    }

    public FlexOffer setExpirationDateTime(OffsetDateTime expirationDateTime) {
        this.expirationDateTime = expirationDateTime;
        return this;
    }

    public Boolean getUnsolicited() {
        return unsolicited;
    }

    public FlexOffer setUnsolicited(Boolean unsolicited) {
        this.unsolicited = unsolicited;
        return this;
    }

    public UUID getFlexRequestMessageId() {
        return flexRequestMessageId;
    }

    public FlexOffer setFlexRequestMessageId(UUID flexRequestMessageId) {
        this.flexRequestMessageId = flexRequestMessageId;
        return this;
    }

    public String getContractId() {
        return contractId;
    }

    public FlexOffer setContractId(String contractId) {
        this.contractId = contractId;
        return this;
    }

    public UUID getDPrognosisMessageId() {
        return dPrognosisMessageId;
    }

    public FlexOffer setDPrognosisMessageId(UUID dPrognosisMessageId) {
        this.dPrognosisMessageId = dPrognosisMessageId;
        return this;
    }

    public String getBaselineReference() {
        return baselineReference;
    }

    public FlexOffer setBaselineReference(String baselineReference) {
        this.baselineReference = baselineReference;
        return this;
    }

    public String getCurrency() {
        return currency;
    }

    public FlexOffer setCurrency(String currency) {
        this.currency = currency;
        return this;
    }

    public List<FlexOfferOption> getOfferOptions() {
        return offerOptions;
    }
}
