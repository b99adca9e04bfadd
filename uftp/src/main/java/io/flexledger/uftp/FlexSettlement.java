package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A FlexSettlement: the DSO's statement of the orders of a settlement period (DSO to AGR). In UFTP 3.1.0 its schema type extends the response type, so it carries Result as well. */
@XmlRootElement(name = "FlexSettlement")
@XmlType(propOrder = {"flexOrderSettlements", "contractSettlements"})
public final class FlexSettlement extends PayloadMessageResponse {
    /** First day settled. */
    @XmlAttribute(name = "PeriodStart", required = true)
    private LocalDate periodStart;

    /** Last day settled. */
    @XmlAttribute(name = "PeriodEnd", required = true)
    private LocalDate periodEnd;

    /** ISO 4217 currency of the amounts. */
    @Form(value = Form.CURRENCY, what = "an ISO 4217 currency code")
    @XmlAttribute(name = "Currency", required = true)
    private String currency;

    /** One line per order settled. */
    @XmlElement(name = "FlexOrderSettlement", required = true)
    private List<FlexOrderSettlement> flexOrderSettlements = new ArrayList<>();

    /** One line per bilateral contract settled. */
    @XmlElement(name = "ContractSettlement", required = true)
    private List<ContractSettlement> contractSettlements = new ArrayList<>();

    public LocalDate getPeriodStart() {
        return periodStart;
    }

    public FlexSettlement setPeriodStart(LocalDate periodStart) {
        this.periodStart = periodStart;
        return this;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public FlexSettlement setPeriodEnd(LocalDate periodEnd) {
        this.periodEnd = periodEnd;
        return this;
    }

    public String getCurrency() {
        return currency;
    }

    public FlexSettlement setCurrency(String currency) {
        this.currency = currency;
        return this;
    }

    public List<FlexOrderSettlement> getFlexOrderSettlements() {
        return flexOrderSettlements;
    }

    public List<ContractSettlement> getContractSettlements() {
        return contractSettlements;
    }
}
