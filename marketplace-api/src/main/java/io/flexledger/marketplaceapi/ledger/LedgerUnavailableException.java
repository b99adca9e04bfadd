package io.flexledger.marketplaceapi.ledger;

/** The ledger could not be reached or did not answer in time; the request may be retried. */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
