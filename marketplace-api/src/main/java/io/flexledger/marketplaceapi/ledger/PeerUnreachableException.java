package io.flexledger.marketplaceapi.ledger;

/**
 * The gateway peer did not answer (gRPC UNAVAILABLE or DEADLINE_EXCEEDED): the instance may try its
 * organisation's next peer. {@link #beforeOrdering()} says whether the call failed before the
 * transaction could have reached the ordering service (evaluation, endorsement), so that retrying it
 * elsewhere cannot commit it twice.
 */
public class PeerUnreachableException extends LedgerUnavailableException {
    private final String endpoint;
    private final boolean beforeOrdering;

    public PeerUnreachableException(String reason, String endpoint, boolean beforeOrdering, Throwable cause) {
        super(reason, cause);
        this.endpoint = endpoint;
        this.beforeOrdering = beforeOrdering;
    }

    /** The gateway peer that did not answer, {@code host:port}. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether the transaction cannot have reached the ordering service. */
    public boolean beforeOrdering() {
        return beforeOrdering;
    }
}
