package io.flexledger.marketplaceapi.ledger;

/**
 * What the ledger returned for a committed transaction.
 *
 * @param transactionId the Fabric transaction id
 * @param blockNumber the block that holds it
 * @param payload the chaincode's result
 */
public record LedgerReceipt(String transactionId, long blockNumber, byte[] payload) {}
