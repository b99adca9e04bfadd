package io.flexledger.devicebridge.anchor;

/** The ledger did not record an anchor: it refused it, or it could not be reached. */
public final class AnchorLedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnchorLedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
