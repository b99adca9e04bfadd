package io.flexledger.settlement.billing;

import java.util.Map;
import java.util.Optional;

/**
 * The DSO's billing copy of each settlement, what is invoiced and paid from: {@link BillingStore}
 * keeps it in PostgreSQL. The settlement run writes it, the audit compares it with the ledger.
 */
public interface SettlementBilling {
    /**
     * Records a settlement as the ledger holds it (its public fields as text); a settlement already
     * recorded is brought up to date.
     */
    void record(Map<String, String> settlement);

    /** The billing copy of a settlement, fields as text at the ledger's scale, if recorded. */
    Optional<Map<String, String>> find(String settlementId);
}
