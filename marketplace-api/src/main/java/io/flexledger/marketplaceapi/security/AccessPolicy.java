package io.flexledger.marketplaceapi.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who may do what through an instance. An instance signs every ledger transaction with its own
 * organisation's identity, so a token is honoured only for that organisation: its {@code msp} claim
 * must name the instance's organisation. The one exception is an auditor, who reads through any
 * instance. Within the organisation, each action has its roles (see {@link Action}).
 */
public final class AccessPolicy {
    private AccessPolicy() {}

    /** Why the caller may not perform {@code action}, or empty if it may. */
    public static Optional<String> refusal(String instanceMsp, Caller caller, Action action) {
        Set<String> roles = caller.roles();
        // An auditor reads through every organisation's instance, and does nothing else.
        if (action.isRead() && roles.contains(Role.AUDITOR)) {
            return Optional.empty();
        }
        // A token acts only for its own organisation: the instance signs with that organisation's identity.
        if (caller.msp().isEmpty() || !caller.msp().get().equals(instanceMsp)) {
            return Optional.of("the token's organisation (" + caller.msp().orElse("none") + ") is not " + instanceMsp
                    + ", for which this instance signs");
        }
        // Each action has its roles.
        if (roles.stream().noneMatch(action.roles()::contains)) {
            return Optional.of(action.name().toLowerCase().replace('_', ' ') + " needs one of the roles "
                    + new java.util.TreeSet<>(action.roles()) + "; the token has " + new java.util.TreeSet<>(roles));
        }
        // The action exists for this kind of organisation only (the chaincode refuses it from others).
        if (!action.possibleOn(instanceMsp)) {
            return Optional.of(action.name().toLowerCase().replace('_', ' ') + " is not possible for " + instanceMsp);
        }
        return Optional.empty();
    }
}
