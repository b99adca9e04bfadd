package io.flexledger.domain.market;

import io.flexledger.domain.validation.Violations;

/**
 * An aggregator withdrawing one of its live offers before it is ordered.
 *
 * @param offerId the offer withdrawn
 * @param aggregatorMsp the aggregator that made it
 * @param reason why, in a short sentence
 */
public record FlexOfferRevocation(String offerId, String aggregatorMsp, String reason) {
    public FlexOfferRevocation {
        Violations v = new Violations();
        v.id(offerId, "offerId");
        v.id(aggregatorMsp, "aggregatorMsp");
        v.text(reason, "reason", 500);
        v.throwIfAny();
    }
}
