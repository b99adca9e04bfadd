package io.flexledger.marketplaceapi.security;

import io.flexledger.domain.participants.Organisation;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a caller asks an instance to do, with the roles that may do it and the kind of organisation
 * the instance must sign for (the chaincode would refuse the transaction from any other).
 */
public enum Action {
    /** Register a transformer or feeder. */
    REGISTER_CONGESTION_POINT(Set.of(Role.DSO), Organisation::isDso),
    /** Post a flexibility request. */
    CREATE_REQUEST(Set.of(Role.DSO), Organisation::isDso),
    /** Order an offer. */
    CREATE_ORDER(Set.of(Role.DSO), Organisation::isDso),
    /** Register a home in the aggregator's portfolio. */
    REGISTER_ASSET(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Post an offer. */
    CREATE_OFFER(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Revoke one of the aggregator's live offers. */
    REVOKE_OFFER(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Read market state (requests, offers, orders, registry). */
    READ(Set.of(Role.PROSUMER, Role.AGGREGATOR, Role.DSO, Role.ADMIN, Role.AUDITOR), msp -> true);

    private final Set<String> roles;
    private final Predicate<String> instanceKind;

    Action(Set<String> roles, Predicate<String> instanceKind) {
        this.roles = roles;
        this.instanceKind = instanceKind;
    }

    /** The realm roles that may perform this action. */
    public Set<String> roles() {
        return roles;
    }

    /** Whether an instance signing for {@code instanceMsp} can perform this action at all. */
    public boolean possibleOn(String instanceMsp) {
        return instanceKind.test(instanceMsp);
    }

    /** Whether this action only reads. */
    public boolean isRead() {
        return this == READ;
    }
}
