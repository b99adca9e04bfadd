package io.flexledger.contract;

/** The {@code idempotency} contract: results of keyed submissions. */
public final class IdempotencyRecords {
    private IdempotencyRecords() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "idempotency";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String READ_RECORD = "ReadRecord";
    }

    /** The record {@code {key, msp, transaction, requestHash, result, txId, at}} of the caller's organisation under {@code key}. Arguments: key. */
    public static final Tx READ_RECORD = Tx.evaluate(CONTRACT, Names.READ_RECORD);
}
