package io.flexledger.settlement.audit;

import io.flexledger.settlement.evm.Payout;
import io.flexledger.settlement.ledger.SettlementFacts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the audit of one market day looks at, as {@link DayAudit} gathers it.
 *
 * @param day the period
 * @param settlements one entry per settlement of the day on the ledger
 * @param evmRootHex the root anchored on the EVM chain for the day (lower-case hex), or null
 * @param payouts the token's payout of each settlement that has one, by settlement id
 * @param billingChecked whether a billing store was read (else no settlement has a billing row to compare)
 */
public record DayFacts(
        LocalDate day,
        List<SettlementFacts> settlements,
        String evmRootHex,
        Map<String, Payout> payouts,
        boolean billingChecked) {
    public DayFacts {
        settlements = List.copyOf(settlements);
        payouts = Map.copyOf(payouts);
    }
}
