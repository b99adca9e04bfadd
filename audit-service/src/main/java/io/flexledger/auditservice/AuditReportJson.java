package io.flexledger.auditservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.settlement.audit.PeriodReport;
import io.flexledger.settlement.audit.SettlementVerdict;
import io.flexledger.settlement.finding.Discrepancy;

/** A day's audit report as the web UI reads it: the verdicts, what was checked and the roots. */
public final class AuditReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditReportJson() {}

    /** The report as a JSON object (the fields the audit page shows). */
    public static ObjectNode of(PeriodReport r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("day", r.day().toString());
        out.put("verified", r.verified());
        out.put("state", r.state().name());
        out.put("settlementRootHex", r.settlementRootHex());
        out.put("evmRootHex", r.evmRootHex());
        ObjectNode checked = out.putObject("checked");
        checked.put("settlements", r.settlements().size());
        checked.put("readings", r.readingsChecked());
        checked.put("payouts", r.checked().payouts());
        checked.put("billingChecked", r.checked().billingChecked());
        if (r.checked().billingChecked()) {
            checked.put("billingRows", r.checked().billingRows());
        } else {
            checked.putNull("billingRows");
        }
        PeriodReport.OrderCounts orders = r.checked().orders();
        checked.putObject("orders")
                .put("total", orders.total())
                .put("settled", orders.settled())
                .put("unsettled", orders.unsettled())
                .put("notYetSettleable", orders.notYetSettleable())
                .put("cancelled", orders.cancelled());
        ArrayNode period = out.putArray("periodDiscrepancies");
        r.periodDiscrepancies().forEach(d -> period.add(d.toString()));
        ArrayNode list = out.putArray("settlements");
        for (SettlementVerdict v : r.settlements()) {
            ObjectNode o = list.addObject();
            o.put("settlementId", v.settlementId());
            o.put("verdict", v.verified() ? "VERIFIED" : "DISCREPANCY");
            o.put("txId", v.txId());
            o.put("blockNumber", v.blockNumber());
            o.put("readingsChecked", v.readingsChecked());
            ArrayNode ds = o.putArray("discrepancies");
            for (Discrepancy d : v.discrepancies()) {
                ds.add(d.toString());
            }
        }
        return out;
    }
}
