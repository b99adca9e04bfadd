package io.flexledger.marketplaceapi.security;

/** The authenticated caller may not do this through this instance (answered 403). */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String reason) {
        super(reason);
    }
}
