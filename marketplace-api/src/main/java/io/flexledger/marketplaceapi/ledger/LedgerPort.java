package io.flexledger.marketplaceapi.ledger;

/**
 * What every port in front of the ledger answers besides its transactions: the organisation this
 * instance signs for and the block of a committed transaction. The ports are {@link Ledger} (the
 * market's order book), {@link RegistryLedger} (grid, homes, devices) and {@link SettlementLedger}
 * (baselines, anchors, settlements, disputes). Records and pages travel as the chaincode's JSON; a
 * refusal is a {@link ChaincodeRejection} carrying the chaincode's error code, a ledger that cannot
 * answer a {@link LedgerUnavailableException}. Writes take the request's idempotency key: the same
 * request under the same key answers the first result ({@link LedgerReceipt#replayed()}), another
 * request under it is refused with {@code IDEMPOTENCY_KEY_REUSED}.
 */
public interface LedgerPort {
    /** The organisation (MSP id) this instance signs for. */
    String mspId();

    /** The number of the block holding committed transaction {@code txId}. */
    long blockNumberOf(String txId);
}
