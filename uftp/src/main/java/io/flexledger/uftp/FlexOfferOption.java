package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One option of a FlexOffer. */
public final class FlexOfferOption extends UftpElement {
    /** The option's reference, quoted by a FlexOrder. */
    @XmlAttribute(name = "OptionReference", required = true)
    private String optionReference;

    /** Price of the whole option. */
    @XmlAttribute(name = "Price", required = true)
    private BigDecimal price;

    /** Smallest share (0.01 to 1.00) of the option that may be ordered; 1.00 when absent. */
    @XmlAttribute(name = "MinActivationFactor")
    private BigDecimal minActivationFactor;

    /** The flexible power offered per ISP. */
    @XmlElement(name = "ISP", required = true)
    private List<FlexOfferOptionIsp> isps = new ArrayList<>();

    public String getOptionReference() {
        return optionReference;
    }

    public FlexOfferOption setOptionReference(String optionReference) {
        this.optionReference = optionReference;
        return this;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public FlexOfferOption setPrice(BigDecimal price) {
        this.price = price;
        return this;
    }

    public BigDecimal getMinActivationFactor() {
        return minActivationFactor;
    }

    public FlexOfferOption setMinActivationFactor(BigDecimal minActivationFactor) {
        this.minActivationFactor = minActivationFactor;
        return this;
    }

    public List<FlexOfferOptionIsp> getIsps() {
        return isps;
    }
}
