package io.flexledger.marketplaceapi.security;

import io.flexledger.domain.participants.Organisation;
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

    /**
     * Whether a record of {@code recordAggregatorMsp} (an anchor, settlement or dispute) is shown to
     * the caller through the instance of {@code instanceMsp}, once {@link Action#READ_SETTLEMENTS} is
     * allowed.
     */
    public static boolean showsRecordOf(String instanceMsp, Caller caller, String recordAggregatorMsp) {
        // An aggregator's instance shows that aggregator's own records only.
        return showsEveryAggregator(instanceMsp, caller) || instanceMsp.equals(recordAggregatorMsp);
    }

    /** Whether every aggregator's records are shown to the caller through the instance of {@code instanceMsp}. */
    public static boolean showsEveryAggregator(String instanceMsp, Caller caller) {
        // An auditor sees every party's records through any instance; the DSO's instance shows all.
        return caller.roles().contains(Role.AUDITOR) || !Organisation.isAggregator(instanceMsp);
    }
}
