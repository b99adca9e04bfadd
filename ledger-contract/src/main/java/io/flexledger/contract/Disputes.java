package io.flexledger.contract;

/** The {@code disputes} contract: disputes of settlements. */
public final class Disputes {
    private Disputes() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "disputes";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String OPEN_DISPUTE = "OpenDispute";
        public static final String RESOLVE_DISPUTE = "ResolveDispute";
        public static final String READ_DISPUTE = "ReadDispute";
        public static final String DISPUTE_HISTORY = "DisputeHistory";
    }

    /** Opens a dispute: {@code {id, settlementId, reason, evidenceHash, claim: {creditedKwh, shortfallKwh, netEur}}} (the DSO or the settlement's aggregator). Arguments: inputJson. */
    public static final Tx OPEN_DISPUTE = Tx.submit(CONTRACT, Names.OPEN_DISPUTE);

    /** Resolves an open dispute: {@code {id, outcome: UPHELD|REJECTED, note?}}, by the party of the settlement that did not open it. Arguments: inputJson. */
    public static final Tx RESOLVE_DISPUTE = Tx.submit(CONTRACT, Names.RESOLVE_DISPUTE);

    /** Reads a dispute. Arguments: id. */
    public static final Tx READ_DISPUTE = Tx.evaluate(CONTRACT, Names.READ_DISPUTE);

    /** Every committed version of a dispute: {@code {"id", "history":[{"txId","timestamp","isDelete","value"}]}} in the order the peer returns them. Arguments: id. */
    public static final Tx DISPUTE_HISTORY = Tx.evaluate(CONTRACT, Names.DISPUTE_HISTORY);
}
