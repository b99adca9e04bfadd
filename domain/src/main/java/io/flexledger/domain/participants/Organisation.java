package io.flexledger.domain.participants;

import io.flexledger.domain.validation.Violations;
import java.util.Map;
import java.util.Optional;

/**
 * A member organisation of the ledger, known by its Fabric MSP id.
 *
 * @param mspId the membership service provider id, e.g. {@code Aggregator1MSP}
 * @param role what it does in the market
 * @param name a display name
 */
public record Organisation(String mspId, OrganisationRole role, String name) {
    /** The DSO's MSP id. */
    public static final String DSO_MSP = "DsoMSP";
    /** The first aggregator's MSP id. */
    public static final String AGGREGATOR1_MSP = "Aggregator1MSP";
    /** The second aggregator's MSP id. */
    public static final String AGGREGATOR2_MSP = "Aggregator2MSP";
    /** The community's MSP id. */
    public static final String COMMUNITY_MSP = "CommunityMSP";

    private static final Map<String, OrganisationRole> KNOWN = Map.of(
            DSO_MSP, OrganisationRole.DSO,
            AGGREGATOR1_MSP, OrganisationRole.AGGREGATOR,
            AGGREGATOR2_MSP, OrganisationRole.AGGREGATOR,
            COMMUNITY_MSP, OrganisationRole.COMMUNITY);

    public Organisation {
        Violations v = new Violations();
        v.id(mspId, "mspId");
        v.present(role, "role");
        v.text(name, "name", 200);
        v.throwIfAny();
    }

    /** The role of a channel member organisation, or empty for an unknown MSP id. */
    public static Optional<OrganisationRole> roleOf(String mspId) {
        return Optional.ofNullable(mspId == null ? null : KNOWN.get(mspId));
    }

    /** Whether the MSP id belongs to an aggregator organisation. */
    public static boolean isAggregator(String mspId) {
        return roleOf(mspId).orElse(null) == OrganisationRole.AGGREGATOR;
    }

    /** Whether the MSP id is the DSO's. */
    public static boolean isDso(String mspId) {
        return DSO_MSP.equals(mspId);
    }
}
