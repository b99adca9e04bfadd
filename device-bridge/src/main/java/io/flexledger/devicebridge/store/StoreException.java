package io.flexledger.devicebridge.store;

/** The database did not take a write or answer a read. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
