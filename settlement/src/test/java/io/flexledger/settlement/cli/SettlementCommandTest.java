package io.flexledger.settlement.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.settlement.audit.PeriodReport;
import io.flexledger.settlement.audit.SettlementVerdict;
import io.flexledger.settlement.finding.Discrepancy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command's answers that need no service: usage and the audit's exit codes. */
class SettlementCommandTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final PeriodReport.Checked CHECKED =
            new PeriodReport.Checked(0, true, 0, new PeriodReport.OrderCounts(0, 0, 0, 0));

    private static PeriodReport report(List<SettlementVerdict> verdicts, List<Discrepancy> period) {
        return new PeriodReport(DAY, verdicts, null, null, period, CHECKED);
    }

    @Test
    void theAuditExitsZeroVerifiedOneDiscrepanciesFourNothingToAudit() {
        SettlementVerdict good = new SettlementVerdict("stl-1", "tx-1", 7, List.of(), 4);
        assertThat(SettlementCommand.exitCode(report(List.of(good), List.of()))).isZero();
        assertThat(SettlementCommand.exitCode(report(List.of(good), List.of(new Discrepancy("order o-1", "x")))))
                .isEqualTo(1);
        assertThat(SettlementCommand.exitCode(report(List.of(), List.of()))).isEqualTo(4);
        // A root anchored for a day without settlement is a discrepancy, not nothing to audit.
        assertThat(SettlementCommand.exitCode(report(List.of(), List.of(new Discrepancy("EVM anchor", "x")))))
                .isEqualTo(1);
    }

    @Test
    void theUsageNamesEveryExitCode() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SettlementCommand.run(
                new String[] {"audit"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("audit --period YYYY-MM-DD")
                .contains("3 a service could not be reached")
                .contains("4 nothing to audit");
    }
}
