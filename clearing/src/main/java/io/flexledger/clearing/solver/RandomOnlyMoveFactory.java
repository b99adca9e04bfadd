package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import java.util.Iterator;

/**
 * A move factory whose moves are built for the working solution as they are drawn: there is no
 * enumerable list of them, only a random stream, sized by the number of offers.
 */
abstract class RandomOnlyMoveFactory implements MoveIteratorFactory<ClearingSolution, RepairMove> {

    @Override
    public long getSize(ScoreDirector<ClearingSolution> scoreDirector) {
        return scoreDirector.getWorkingSolution().getOffers().size();
    }

    @Override
    public Iterator<RepairMove> createOriginalMoveIterator(ScoreDirector<ClearingSolution> scoreDirector) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " moves are only selected at random");
    }
}
