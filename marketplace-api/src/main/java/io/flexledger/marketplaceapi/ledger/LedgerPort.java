package io.flexledger.marketplaceapi.ledger;

/**
 * What every port in front of the ledger answers besides its transactions: the organisation this
 * instance signs for and the block of a committed transaction. The ports are {@link Ledger} (the
 * market's order book), {@link RegistryLedger} (grid, homes, devices), {@link SettlementLedger}
 * (baselines, anchors, settlements, disputes), {@link CommunityLedger} (the community market) and
 * {@link UftpLedgerPort} (the UFTP edge). Writes take domain values, which the gateway implementations
 * write as the transaction's input with the ledger contract's codec; reads answer the codec's stored
 * records and {@link Page}s of them. A refusal is a {@link ChaincodeRejection} carrying the
 * chaincode's error code, a ledger that cannot answer a {@link LedgerUnavailableException}. Writes take
 * the request's idempotency key: the same request under the same key answers the first result ({@link
 * LedgerReceipt#replayed()}), another request under it is refused with {@code IDEMPOTENCY_KEY_REUSED}.
 */
public interface LedgerPort {
    /** The organisation (MSP id) this instance signs for. */
    String mspId();

    /** The number of the block holding committed transaction {@code txId}. */
    long blockNumberOf(String txId);
}
