package io.flexledger.uftp;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One day of a ContractSettlement. */
public final class ContractSettlementPeriod extends UftpElement {
    /** The day. */
    @XmlAttribute(name = "Period", required = true)
    private LocalDate period;

    /** Reserved, requested, available, offered and ordered power per ISP. */
    @XmlElement(name = "ISP", required = true)
    private List<ContractSettlementIsp> isps = new ArrayList<>();

    public LocalDate getPeriod() {
        return period;
    }

    public ContractSettlementPeriod setPeriod(LocalDate period) {
        this.period = period;
        return this;
    }

    public List<ContractSettlementIsp> getIsps() {
        return isps;
    }
}
