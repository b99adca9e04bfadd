package io.flexledger.settlement.cli;

import io.flexledger.client.StackEndpoints;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Who audits, and through which organisation's marketplace-api and peer. The public records and the
 * blocks are read through that organisation's own instance, so what the audit checks is what its own
 * peer holds; the private data (settlement details, revealed baselines) come from an instance whose
 * peer holds them, and the audit checks them against the hashes its own peer gave.
 *
 * <ul>
 *   <li>An organisation's own client ({@code <org>-agent}) reads through its own instance, private data
 *       included: the DSO's peer holds every aggregator's collection with it, an aggregator's its own
 *       (an aggregator audits its own settlements).
 *   <li>An auditor ({@code --as auditor}, client {@code auditor-agent}) reads every party's records
 *       through any organisation's instance, and the private data through the DSO's, whose peer is
 *       in every aggregator-DSO collection. The community's own clients are prosumers, who read no
 *       settlement, so {@code --org community} audits as the auditor.
 * </ul>
 *
 * @param org the organisation whose instance and peer the audit reads through
 * @param clientId the client-credential client the audit reads as
 * @param clientSecret its secret
 * @param api that organisation's marketplace-api
 * @param privateApi the instance the private data are read through
 * @param auditor whether the client is the stand-alone auditor (not one of the organisation's own)
 */
record AuditingParty(String org, String clientId, String clientSecret, URI api, URI privateApi, boolean auditor) {
    /** The organisations whose instance and peer an audit reads through. */
    static final List<String> ORGS = List.of("dso", "aggregator1", "aggregator2", "community");

    /** The identities an audit reads as: the organisation's own client, or the auditor's. */
    static final List<String> IDENTITIES = List.of("own", "auditor");

    /**
     * The auditing party for {@code --org org --as as}, with endpoints and credentials from {@code env}
     * (FLEX_API_<ORG> through StackEndpoints, FLEX_AUDIT_CLIENT_ID, FLEX_AUDIT_CLIENT_SECRET).
     */
    static AuditingParty of(String org, String as, Map<String, String> env, StackEndpoints stack) {
        if (!ORGS.contains(org)) {
            throw new IllegalArgumentException("--org: expected one of " + ORGS
                    + " (the organisation whose API and peer the audit reads through), got '" + org + "'");
        }
        if (!IDENTITIES.contains(as)) {
            throw new IllegalArgumentException("--as: expected one of " + IDENTITIES
                    + " (the organisation's own client, or the auditor's), got '" + as + "'");
        }
        boolean auditor = as.equals("auditor") || org.equals("community");
        String client = or(env.get("FLEX_AUDIT_CLIENT_ID"), auditor ? "auditor-agent" : org + "-agent");
        URI api = stack.api(org);
        return new AuditingParty(
                org,
                client,
                or(env.get("FLEX_AUDIT_CLIENT_SECRET"), client + "-demo-secret"),
                api,
                auditor ? stack.api("dso") : api,
                auditor);
    }

    /** The aggregator's MSP when an aggregator audits as itself (it sees its own settlements only). */
    java.util.Optional<String> ownAggregatorMsp() {
        return !auditor && org.startsWith("aggregator")
                ? java.util.Optional.of("A" + org.substring(1) + "MSP")
                : java.util.Optional.empty();
    }

    /**
     * The communities whose statements this party re-derives: a community's private data are for its
     * operator and CommunityMSP only, so an aggregator reading as itself audits its own community's.
     */
    List<String> communities() {
        return ownAggregatorMsp().map(List::of).orElse(List.of());
    }

    /** Why this party reads no community statement, when {@link #communities()} is empty. */
    String communitiesNotReadable() {
        if (org.equals("community")) {
            return "CommunityMSP's own clients are prosumers, who read their own homes' statements only;"
                    + " the operator's audit (--org aggregator1|aggregator2) re-derives them";
        }
        if (auditor) {
            return "an auditor reads no community's private data; audit as the operator (--org"
                    + " aggregator1|aggregator2 --as own)";
        }
        return "the DSO reads no community's private data; audit as the operator (--org aggregator1|aggregator2)";
    }

    /** How the report names the reader, e.g. "aggregator1's API and peer, as aggregator1-agent". */
    String describe() {
        return org + "'s API and peer, as " + clientId
                + (privateApi.equals(api)
                        ? ""
                        : " (private data through the DSO's API, checked against " + org + "'s hashes)");
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
