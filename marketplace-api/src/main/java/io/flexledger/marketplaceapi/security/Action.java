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
    /** Cancel an accepted order before its block begins. */
    CANCEL_ORDER(Set.of(Role.DSO), Organisation::isDso),
    /** Register a home in the aggregator's portfolio. */
    REGISTER_ASSET(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Register a device of a home in the aggregator's portfolio (the chaincode checks the portfolio). */
    REGISTER_DEVICE(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Propose a new key of a meter of a home in the aggregator's portfolio (the DSO approves it). */
    PROPOSE_METER_KEY(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Approve a meter an aggregator registered, or the new key it proposed. */
    APPROVE_METER(Set.of(Role.DSO), Organisation::isDso),
    /** Commit or reveal a home's baseline. */
    SUBMIT_BASELINE(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Post an offer. */
    CREATE_OFFER(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Revoke one of the aggregator's live offers. */
    REVOKE_OFFER(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Anchor the Merkle root of a day's meter readings of one aggregator's portfolio. */
    ANCHOR_READINGS(Set.of(Role.DSO), Organisation::isDso),
    /** Settle an order against its baseline and anchored meter readings. */
    SETTLE_ORDER(Set.of(Role.DSO), Organisation::isDso),
    /** Dispute a settlement (the chaincode checks that the organisation is one of its two parties). */
    OPEN_DISPUTE(Set.of(Role.DSO, Role.AGGREGATOR), Action::isParty),
    /** Resolve a dispute (the chaincode checks that the organisation is the party that did not open it). */
    RESOLVE_DISPUTE(Set.of(Role.DSO, Role.AGGREGATOR), Action::isParty),
    /**
     * Propose the caller as the member of a home of a community (UC2): a prosumer of the home's
     * aggregator or of CommunityMSP (the chaincode checks that the home is the aggregator's).
     */
    PROPOSE_MEMBERSHIP(Set.of(Role.PROSUMER), Action::isCommunityParty),
    /** Approve a proposed membership of a home in the aggregator's own community. */
    APPROVE_MEMBERSHIP(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Open a market day of the aggregator's own community, or clear it. */
    OPERATE_COMMUNITY(Set.of(Role.AGGREGATOR), Organisation::isAggregator),
    /** Post an order of a home the prosumer is the ACTIVE member of. */
    POST_COMMUNITY_ORDER(Set.of(Role.PROSUMER), Action::isCommunityParty),
    /**
     * Read a community's private records (memberships, orders, trades): its operator and CommunityMSP
     * only, never an auditor; a prosumer sees only its own (the resource filters).
     */
    READ_COMMUNITY(Set.of(Role.PROSUMER, Role.AGGREGATOR, Role.ADMIN), Action::isCommunityParty),
    /** Read market state (requests, offers, orders, registry, baselines' public commitments). */
    READ(Set.of(Role.PROSUMER, Role.AGGREGATOR, Role.DSO, Role.ADMIN, Role.AUDITOR), msp -> true, true),
    /**
     * Read reading anchors, settlements and disputes. Through an aggregator's instance only that
     * aggregator's records are shown, except to an auditor (see {@link AccessPolicy#showsRecordOf}).
     */
    READ_SETTLEMENTS(Set.of(Role.AGGREGATOR, Role.DSO, Role.ADMIN, Role.AUDITOR), Action::isParty, true),
    /**
     * Read the blocks of the channel as the instance's own peer holds them (blocks, transactions'
     * validation codes, the chain's height and hash), to audit them: every organisation's peer holds
     * every block, so any instance serves them to its organisation's dso, aggregator and admin, and to
     * an auditor.
     */
    READ_BLOCKS(Set.of(Role.AGGREGATOR, Role.DSO, Role.ADMIN, Role.AUDITOR), msp -> true, true),
    /**
     * Follow the ledger's events live (any user of the instance's own organisation); each event goes
     * only to those who may read its record (see {@link EventAudience}).
     */
    FOLLOW_EVENTS(Set.of(Role.PROSUMER, Role.AGGREGATOR, Role.DSO, Role.ADMIN, Role.AUDITOR), msp -> true);

    private final Set<String> roles;
    private final Predicate<String> instanceKind;
    private final boolean read;

    Action(Set<String> roles, Predicate<String> instanceKind) {
        this(roles, instanceKind, false);
    }

    Action(Set<String> roles, Predicate<String> instanceKind, boolean read) {
        this.roles = roles;
        this.instanceKind = instanceKind;
        this.read = read;
    }

    /** The realm roles that may perform this action. */
    public Set<String> roles() {
        return roles;
    }

    /** Whether an instance signing for {@code instanceMsp} can perform this action at all. */
    public boolean possibleOn(String instanceMsp) {
        return instanceKind.test(instanceMsp);
    }

    /** Whether this action only reads records any auditor may see. */
    public boolean isRead() {
        return read;
    }

    /** The organisations of a community: its operator (an aggregator) and CommunityMSP. */
    private static boolean isCommunityParty(String msp) {
        return Organisation.isAggregator(msp) || Organisation.COMMUNITY_MSP.equals(msp);
    }

    /** The two parties of a settlement: the DSO and the aggregators. */
    private static boolean isParty(String msp) {
        return Organisation.isDso(msp) || Organisation.isAggregator(msp);
    }
}
