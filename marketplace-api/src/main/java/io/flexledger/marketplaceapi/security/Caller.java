package io.flexledger.marketplaceapi.security;

import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller as the access rules see it.
 *
 * @param name the token's subject or user name, for messages
 * @param msp the organisation named by the token's {@code msp} claim, if any
 * @param roles the token's realm roles
 */
public record Caller(String name, Optional<String> msp, Set<String> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }
}
