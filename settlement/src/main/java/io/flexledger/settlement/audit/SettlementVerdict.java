package io.flexledger.settlement.audit;

import io.flexledger.settlement.finding.Discrepancy;
import java.util.List;

/**
 * The audit's verdict on one settlement.
 *
 * @param settlementId the settlement
 * @param txId the ledger transaction that recorded it
 * @param blockNumber its block, or -1 when unknown
 * @param discrepancies what does not agree; empty when verified
 * @param readingsChecked how many readings were checked (signature and Merkle proof)
 */
public record SettlementVerdict(
        String settlementId, String txId, long blockNumber, List<Discrepancy> discrepancies, int readingsChecked) {
    public SettlementVerdict {
        discrepancies = List.copyOf(discrepancies);
    }

    /** Whether nothing disagreed. */
    public boolean verified() {
        return discrepancies.isEmpty();
    }
}
