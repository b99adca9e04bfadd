package io.flexledger.settlement.audit;

import java.time.LocalDate;
import java.util.List;

/**
 * The audit of one period (market day): a verdict per settlement and the period-level checks (the
 * settlement root anchored on the EVM chain, the payouts).
 *
 * @param day the period
 * @param settlements one verdict per settlement, by id
 * @param settlementRootHex the root re-derived from the ledger's settlements, or null if none
 * @param evmRootHex the root anchored on the EVM chain for the period, or null if none
 * @param periodDiscrepancies what disagrees at the period level
 */
public record PeriodReport(
        LocalDate day,
        List<SettlementVerdict> settlements,
        String settlementRootHex,
        String evmRootHex,
        List<Discrepancy> periodDiscrepancies) {
    public PeriodReport {
        settlements = List.copyOf(settlements);
        periodDiscrepancies = List.copyOf(periodDiscrepancies);
    }

    /** Whether every settlement and every period-level check verified. */
    public boolean verified() {
        return periodDiscrepancies.isEmpty() && settlements.stream().allMatch(SettlementVerdict::verified);
    }

    /** The report as text: one line per settlement, then the period checks and the overall verdict. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("audit of ")
                .append(day)
                .append(": ")
                .append(settlements.size())
                .append(" settlement(s)\n");
        for (SettlementVerdict v : settlements) {
            b.append(String.format(
                    "  %-40s %-11s tx %s block %d, %d reading(s) checked%n",
                    v.settlementId(),
                    v.verified() ? "VERIFIED" : "DISCREPANCY",
                    v.txId(),
                    v.blockNumber(),
                    v.readingsChecked()));
            v.discrepancies().forEach(d -> b.append("      - ").append(d).append('\n'));
        }
        b.append("  settlement root   ").append(settlementRootHex).append('\n');
        b.append("  EVM anchored root ").append(evmRootHex).append('\n');
        periodDiscrepancies.forEach(d -> b.append("  - ").append(d).append('\n'));
        b.append(verified() ? "VERIFIED" : "DISCREPANCIES FOUND").append('\n');
        return b.toString();
    }
}
