package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.AbstractMove;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A composite move: new levels for several offers at once (a ruin-and-recreate of a neighbourhood). */
public final class RepairMove extends AbstractMove<ClearingSolution> {

    private final List<OfferChoice> entities;
    private final int[] levels;

    RepairMove(List<OfferChoice> entities, int[] levels) {
        this.entities = entities;
        this.levels = levels;
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<ClearingSolution> scoreDirector) {
        for (int i = 0; i < levels.length; i++) {
            Integer l = entities.get(i).getLevel();
            if (l == null || l != levels[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<ClearingSolution> scoreDirector) {
        for (int i = 0; i < levels.length; i++) {
            OfferChoice e = entities.get(i);
            scoreDirector.beforeVariableChanged(e, "level");
            e.setLevel(SolverModel.LEVELS.get(levels[i] == 0 ? OfferChoice.FULL : levels[i] - 1));
            scoreDirector.afterVariableChanged(e, "level");
        }
    }

    @Override
    public RepairMove rebase(ScoreDirector<ClearingSolution> destination) {
        List<OfferChoice> rebased = new ArrayList<>(entities.size());
        for (OfferChoice e : entities) {
            rebased.add(destination.lookUpWorkingObject(e));
        }
        return new RepairMove(rebased, levels.clone());
    }

    @Override
    public Collection<?> getPlanningEntities() {
        return entities;
    }

    @Override
    public Collection<?> getPlanningValues() {
        List<Integer> out = new ArrayList<>();
        for (int l : levels) {
            out.add(l);
        }
        return out;
    }

    @Override
    public String toString() {
        return "RepairMove" + entities + "->" + java.util.Arrays.toString(levels);
    }
}
