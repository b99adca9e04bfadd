package io.flexledger.marketplaceapi.api;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import java.util.List;

/**
 * The organisations that must endorse a transaction rewriting a key under the state-based
 * endorsement policy AND(DsoMSP.peer, aggregator.peer) that orders and disputes carry: the DSO and
 * the aggregator of the order, settlement or dispute, found by reading it first (each record names
 * its aggregator). The gateway cannot infer such a key-level policy, so the client names them.
 */
final class Endorsers {
    /** Evaluates one read-only transaction of the ledger. */
    @FunctionalInterface
    interface Reader {
        byte[] evaluate(String transaction, String... args);
    }

    private Endorsers() {}

    /** DSO and the aggregator of order {@code orderId} (the order records its offer's aggregator). */
    static List<String> ofOrder(Reader ledger, String orderId) {
        return dsoAnd(LedgerResponses.aggregatorOf(ledger.evaluate(Transactions.READ_ORDER, orderId)));
    }

    /** DSO and the aggregator of settlement {@code settlementId}. */
    static List<String> ofSettlement(Reader ledger, String settlementId) {
        return dsoAnd(LedgerResponses.aggregatorOf(ledger.evaluate(Transactions.READ_SETTLEMENT, settlementId)));
    }

    /** DSO and the aggregator of dispute {@code disputeId} (the dispute records its settlement's parties). */
    static List<String> ofDispute(Reader ledger, String disputeId) {
        return dsoAnd(LedgerResponses.aggregatorOf(ledger.evaluate(Transactions.READ_DISPUTE, disputeId)));
    }

    /** The DSO and {@code aggregatorMsp}, which must be an aggregator. */
    static List<String> dsoAnd(String aggregatorMsp) {
        // Both parties of an order endorse changes to it: the DSO and an aggregator, never another.
        if (!Organisation.isAggregator(aggregatorMsp)) {
            throw new LedgerUnavailableException(
                    "the ledger names " + aggregatorMsp + " as the aggregator of a record; not an aggregator", null);
        }
        return List.of(Organisation.DSO_MSP, aggregatorMsp);
    }
}
