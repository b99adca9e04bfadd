package io.flexledger.clearing.community;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.AbstractMove;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * New matched watts for a few orders of one slot at once: a trade (a bid and an ask up or down by the same
 * watts) or a shift (watts moved from one bid to another, or from one ask to another). Both keep the
 * slot's balance.
 */
public final class MatchMove extends AbstractMove<CommunitySolution> {

    private final List<OrderMatch> entities;
    private final int[] levels;
    private final boolean idle;

    MatchMove(List<OrderMatch> entities, int[] levels) {
        this(entities, levels, false);
    }

    private MatchMove(List<OrderMatch> entities, int[] levels, boolean idle) {
        this.entities = entities;
        this.levels = levels;
        this.idle = idle;
    }

    /** A move that changes nothing but still counts as a step, so that step limits always end a search. */
    static MatchMove idle(OrderMatch any) {
        return new MatchMove(List.of(any), new int[] {any.matched()}, true);
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<CommunitySolution> scoreDirector) {
        if (idle) {
            return true;
        }
        for (int i = 0; i < levels.length; i++) {
            if (entities.get(i).matched() != levels[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<CommunitySolution> scoreDirector) {
        for (int i = 0; i < levels.length; i++) {
            OrderMatch e = entities.get(i);
            scoreDirector.beforeVariableChanged(e, "matchedW");
            e.setMatchedW(levels[i]);
            scoreDirector.afterVariableChanged(e, "matchedW");
        }
    }

    @Override
    public MatchMove rebase(ScoreDirector<CommunitySolution> destination) {
        List<OrderMatch> rebased = new ArrayList<>(entities.size());
        for (OrderMatch e : entities) {
            rebased.add(destination.lookUpWorkingObject(e));
        }
        return new MatchMove(rebased, levels.clone(), idle);
    }

    @Override
    public Collection<?> getPlanningEntities() {
        return entities;
    }

    @Override
    public Collection<?> getPlanningValues() {
        return Arrays.stream(levels).boxed().toList();
    }

    @Override
    public String toString() {
        return "MatchMove" + entities + "->" + Arrays.toString(levels);
    }
}
