package io.flexledger.domain.participants;

import io.flexledger.domain.validation.Violations;

/**
 * A home in an aggregator's portfolio, connected at a congestion point. Only this public part goes
 * on the shared ledger; the home's details are private (see {@link HomeDetails}).
 *
 * @param id the asset identifier, e.g. {@code home-017} (global across aggregators)
 * @param aggregatorMsp the aggregator organisation whose portfolio holds the home
 * @param congestionPointId the feeder or transformer the home is connected to
 */
public record Asset(String id, String aggregatorMsp, String congestionPointId) {
    public Asset {
        Violations v = new Violations();
        v.id(id, "id");
        if (v.id(aggregatorMsp, "aggregatorMsp")) {
            // Only aggregators hold portfolios.
            v.check(Organisation.isAggregator(aggregatorMsp), "aggregatorMsp", "must be an aggregator organisation");
        }
        v.id(congestionPointId, "congestionPointId");
        v.throwIfAny();
    }
}
