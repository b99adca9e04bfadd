package io.flexledger.auditservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.settlement.audit.PeriodReport;
import io.flexledger.settlement.audit.SettlementVerdict;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report as the audit page reads it: every field, with and without billing, and a day with nothing to audit. */
class AuditReportJsonTest {
    @Test
    void theReportAsJsonKeepsItsFieldsAndListsWhatWasChecked() {
        PeriodReport report = new PeriodReport(
                LocalDate.of(2026, 11, 28),
                List.of(new SettlementVerdict("stl-1", "tx-1", 7, List.of(), 4)),
                "ab".repeat(32),
                "ab".repeat(32),
                List.of(),
                new PeriodReport.Checked(1, true, 1, new PeriodReport.OrderCounts(1, 2, 1, 3)));
        JsonNode json = AuditReportJson.of(report);
        assertThat(json.path("day").asText()).isEqualTo("2026-11-28");
        assertThat(json.path("verified").asBoolean()).isTrue();
        assertThat(json.path("state").asText()).isEqualTo("VERIFIED");
        assertThat(json.path("settlementRootHex").asText()).isEqualTo("ab".repeat(32));
        assertThat(json.path("evmRootHex").asText()).isEqualTo("ab".repeat(32));
        assertThat(json.path("periodDiscrepancies")).isEmpty();
        assertThat(json.path("settlements").get(0).path("verdict").asText()).isEqualTo("VERIFIED");
        assertThat(json.path("settlements").get(0).path("readingsChecked").asInt())
                .isEqualTo(4);
        JsonNode checked = json.path("checked");
        assertThat(checked.path("settlements").asInt()).isEqualTo(1);
        assertThat(checked.path("readings").asInt()).isEqualTo(4);
        assertThat(checked.path("payouts").asInt()).isEqualTo(1);
        assertThat(checked.path("billingChecked").asBoolean()).isTrue();
        assertThat(checked.path("billingRows").asInt()).isEqualTo(1);
        JsonNode orders = checked.path("orders");
        assertThat(orders.path("total").asInt()).isEqualTo(6);
        assertThat(orders.path("settled").asInt()).isEqualTo(1);
        assertThat(orders.path("unsettled").asInt()).isEqualTo(2);
        assertThat(orders.path("notYetSettleable").asInt()).isEqualTo(1);
        assertThat(orders.path("cancelled").asInt()).isEqualTo(3);

        JsonNode unbilled = AuditReportJson.of(new PeriodReport(
                report.day(),
                report.settlements(),
                report.settlementRootHex(),
                report.evmRootHex(),
                List.of(),
                new PeriodReport.Checked(1, false, 0, report.checked().orders())));
        assertThat(unbilled.path("checked").path("billingChecked").asBoolean()).isFalse();
        assertThat(unbilled.path("checked").path("billingRows").isNull()).isTrue();

        JsonNode empty =
                AuditReportJson.of(new PeriodReport(report.day(), List.of(), null, null, List.of(), report.checked()));
        assertThat(empty.path("state").asText()).isEqualTo("NOTHING_TO_AUDIT");
        assertThat(empty.path("verified").asBoolean()).isFalse();
    }
}
