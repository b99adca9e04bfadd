package io.flexledger.marketplaceapi.ledger;

/**
 * What the ledger returned for a committed transaction.
 *
 * @param transactionId the Fabric transaction id
 * @param blockNumber the block that holds it
 * @param payload the chaincode's result
 * @param replayed whether this is the recorded result of an earlier transaction under the same
 *     idempotency key (nothing was written this time)
 */
public record LedgerReceipt(String transactionId, long blockNumber, byte[] payload, boolean replayed) {
    public LedgerReceipt(String transactionId, long blockNumber, byte[] payload) {
        this(transactionId, blockNumber, payload, false);
    }
}
