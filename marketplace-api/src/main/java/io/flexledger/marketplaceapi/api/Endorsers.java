package io.flexledger.marketplaceapi.api;

import io.flexledger.domain.participants.Organisation;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import java.util.List;

/**
 * The organisations that must endorse a transaction rewriting a key under the state-based
 * endorsement policy AND(DsoMSP.peer, aggregator.peer) that orders and disputes carry: the DSO and
 * the aggregator of the order, found by reading the order (or the settlement, or the dispute's
 * settlement) first. The gateway cannot infer such a key-level policy, so the client names them.
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

    /** DSO and the aggregator of the settlement that dispute {@code disputeId} is about. */
    static List<String> ofDispute(Reader ledger, String disputeId) {
        String settlementId = LedgerResponses.json(ledger.evaluate(Transactions.READ_DISPUTE, disputeId))
                .path("settlementId")
                .asText("");
        if (settlementId.isEmpty()) {
            throw new LedgerUnavailableException(
                    "the ledger returned dispute " + disputeId + " without settlementId", null);
        }
        return ofSettlement(ledger, settlementId);
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
