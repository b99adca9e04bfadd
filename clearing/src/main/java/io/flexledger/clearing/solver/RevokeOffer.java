package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.solver.change.ProblemChange;
import ai.timefold.solver.core.api.solver.change.ProblemChangeDirector;

/** A problem change: an offer is revoked before gate closure; it is pinned at level 0. */
public record RevokeOffer(int offerIndex) implements ProblemChange<ClearingSolution> {

    @Override
    public void doChange(ClearingSolution working, ProblemChangeDirector director) {
        for (OfferChoice c : working.getOffers()) {
            if (c.getIndex() == offerIndex) {
                director.changeVariable(c, "level", e -> e.setLevel(0));
                director.changeProblemProperty(c, e -> e.setRevoked(true));
                return;
            }
        }
    }
}
