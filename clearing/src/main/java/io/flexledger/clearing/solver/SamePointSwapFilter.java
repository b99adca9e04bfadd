package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.common.decorator.SelectionFilter;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.SwapMove;

/** Keeps only swaps of two offers at the same congestion point whose levels fit each other's range. */
public class SamePointSwapFilter implements SelectionFilter<ClearingSolution, SwapMove<ClearingSolution>> {

    @Override
    public boolean accept(ScoreDirector<ClearingSolution> scoreDirector, SwapMove<ClearingSolution> move) {
        OfferChoice a = (OfferChoice) move.getLeftEntity();
        OfferChoice b = (OfferChoice) move.getRightEntity();
        return a.getPointIndex() == b.getPointIndex()
                && !a.getLevel().equals(b.getLevel())
                && a.allows(b.getLevel())
                && b.allows(a.getLevel());
    }
}
