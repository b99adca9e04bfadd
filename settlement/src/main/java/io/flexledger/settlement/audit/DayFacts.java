package io.flexledger.settlement.audit;

import io.flexledger.settlement.evm.Payout;
import io.flexledger.settlement.ledger.SettlementFacts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the audit of one market day looks at, as {@link DayAudit} gathers it.
 *
 * @param day the period
 * @param settlements one entry per settlement of the day on the ledger
 * @param orders every order of the day on the ledger, whatever its state
 * @param anchoredAggregators the aggregators of unsettled orders whose readings of the day are anchored
 *     on the ledger (their orders can be settled)
 * @param evmRootHex the root anchored on the EVM chain for the day (lower-case hex), or null
 * @param payouts the token's payout of each settlement that has one, by settlement id
 * @param billingChecked whether a billing store was read (else no settlement has a billing row to compare)
 * @param scope the aggregator whose own settlements and orders are audited (an aggregator auditing as
 *     itself sees only its own), or null for every party's
 */
public record DayFacts(
        LocalDate day,
        List<SettlementFacts> settlements,
        List<Order> orders,
        Set<String> anchoredAggregators,
        String evmRootHex,
        Map<String, Payout> payouts,
        boolean billingChecked,
        String scope) {
    /** The facts of the whole day, every party's. */
    public DayFacts(
            LocalDate day,
            List<SettlementFacts> settlements,
            List<Order> orders,
            Set<String> anchoredAggregators,
            String evmRootHex,
            Map<String, Payout> payouts,
            boolean billingChecked) {
        this(day, settlements, orders, anchoredAggregators, evmRootHex, payouts, billingChecked, null);
    }

    public DayFacts {
        settlements = List.copyOf(settlements);
        orders = List.copyOf(orders);
        anchoredAggregators = Set.copyOf(anchoredAggregators);
        payouts = Map.copyOf(payouts);
    }

    /**
     * An order of the day as the ledger lists it.
     *
     * @param id the order id
     * @param state its state on the ledger (ACCEPTED, ACTIVATED, SETTLED or CANCELLED), as text
     * @param offerId the offer it bought
     * @param aggregatorMsp the aggregator of that offer, read from the offer for an order not settled nor
     *     cancelled; null for the others
     */
    public record Order(String id, String state, String offerId, String aggregatorMsp) {}
}
