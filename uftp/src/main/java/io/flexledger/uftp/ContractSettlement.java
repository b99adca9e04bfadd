package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.ArrayList;
import java.util.List;

/** The settlement of one bilateral contract. */
public final class ContractSettlement extends UftpElement {
    /** The contract. */
    @XmlAttribute(name = "ContractID")
    private String contractId;

    /** One entry per day settled. */
    @XmlElement(name = "Period", required = true)
    private List<ContractSettlementPeriod> periods = new ArrayList<>();

    public String getContractId() {
        return contractId;
    }

    public ContractSettlement setContractId(String contractId) {
        this.contractId = contractId;
        return this;
    }

    public List<ContractSettlementPeriod> getPeriods() {
        return periods;
    }
}
