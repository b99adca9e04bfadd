package io.flexledger.devicebridge.api;

import io.flexledger.domain.participants.Organisation;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may seal a day and read a home's meter data through the bridge. A token's roles count only
 * within the organisation its {@code msp} claim names (an organisation's {@code admin} acts for that
 * organisation alone); an auditor, who has no organisation, reads everything:
 *
 * <ul>
 *   <li>sealing a day is the DSO's: role {@code dso} or {@code admin} of DsoMSP;
 *   <li>a home's readings: its own aggregator (the organisation that registered the asset on the
 *       ledger: role {@code aggregator} or {@code admin} of that organisation), the DSO (role
 *       {@code dso} or {@code admin} of DsoMSP) and auditors.
 * </ul>
 */
public final class BridgeAccess {
    static final String AGGREGATOR = "aggregator";
    static final String DSO = "dso";
    static final String AUDITOR = "auditor";
    static final String ADMIN = "admin";

    /** The roles that may read some meter data (which homes, {@link #homeRefusal} decides). */
    static final Set<String> READER_ROLES = Set.of(DSO, AGGREGATOR, ADMIN, AUDITOR);

    /**
     * The authenticated caller as these rules see it.
     *
     * @param msp the organisation the token's {@code msp} claim names, if any
     * @param roles the token's realm roles
     */
    public record Caller(Optional<String> msp, Set<String> roles) {
        public Caller {
            roles = Set.copyOf(roles);
        }

        /** Whether the token is of {@code org} and has one of {@code anyOf}. */
        boolean actsFor(String org, Set<String> anyOf) {
            return msp.filter(org::equals).isPresent() && roles.stream().anyMatch(anyOf::contains);
        }

        String describe() {
            return "a token of " + msp.orElse("no organisation") + " with roles " + new TreeSet<>(roles);
        }
    }

    private BridgeAccess() {}

    /** Why {@code caller} may not seal a day, or empty if it may. */
    public static Optional<String> sealRefusal(Caller caller) {
        if (caller.actsFor(Organisation.DSO_MSP, Set.of(DSO, ADMIN))) {
            return Optional.empty();
        }
        return Optional.of("sealing a day is the DSO's alone (role dso or admin of " + Organisation.DSO_MSP
                + "); this is " + caller.describe());
    }

    /** Why {@code caller} may read no meter data at all, or empty if it may read some. */
    public static Optional<String> readRefusal(Caller caller) {
        if (caller.roles().stream().anyMatch(READER_ROLES::contains)) {
            return Optional.empty();
        }
        return Optional.of("reading meter data needs one of the roles " + new TreeSet<>(READER_ROLES) + "; this is "
                + caller.describe());
    }

    /**
     * Why {@code caller} may not read the readings of the home {@code assetId}, which is in the
     * portfolio of {@code aggregatorMsp}, or empty if it may.
     */
    public static Optional<String> homeRefusal(Caller caller, String assetId, String aggregatorMsp) {
        if (caller.roles().contains(AUDITOR)
                || caller.actsFor(Organisation.DSO_MSP, Set.of(DSO, ADMIN))
                || caller.actsFor(aggregatorMsp, Set.of(AGGREGATOR, ADMIN))) {
            return Optional.empty();
        }
        return Optional.of("asset " + assetId + " is in the portfolio of " + aggregatorMsp
                + ": its readings are for that aggregator, the DSO and auditors; this is " + caller.describe());
    }
}
