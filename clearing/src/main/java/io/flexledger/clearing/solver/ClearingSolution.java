package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.CountableValueRange;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeFactory;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import io.flexledger.clearing.core.IndexedProblem;
import java.util.List;

/** The planning solution: requests as facts, one {@link OfferChoice} per offer. Soft score: -nano-EUR. */
@PlanningSolution(solutionCloner = ClearingSolutionCloner.class)
public class ClearingSolution {

    @ProblemFactCollectionProperty
    private List<RequestDemand> requests;

    @PlanningEntityCollectionProperty
    private List<OfferChoice> offers;

    @PlanningScore
    private HardSoftLongScore score;

    private IndexedProblem indexed;

    private double[] offerValues;

    private int[] focus;

    /** For Timefold's cloning. */
    public ClearingSolution() {}

    public ClearingSolution(IndexedProblem indexed, List<RequestDemand> requests, List<OfferChoice> offers) {
        this.indexed = indexed;
        this.requests = requests;
        this.offers = offers;
    }

    /** The indexed problem behind the solution (shared by clones), used by the repair moves. */
    public IndexedProblem getIndexed() {
        return indexed;
    }

    /** Per offer, its value at the start's prices (EUR), or null: guides which offers the moves try. */
    public double[] getOfferValues() {
        return offerValues;
    }

    public void setOfferValues(double[] offerValues) {
        this.offerValues = offerValues;
    }

    /**
     * The offers the moves start from, or null for all: a re-clearing searches only around the offer
     * that changed (its congestion point, nearby slots and assets).
     */
    public int[] getFocus() {
        return focus;
    }

    public void setFocus(int[] focus) {
        this.focus = focus;
    }

    /** Every level, 0..FULL, as one range object (hashed and compared in constant time). */
    private static final CountableValueRange<Integer> ALL_LEVELS =
            ValueRangeFactory.createIntValueRange(0, OfferChoice.FULL + 1);

    /**
     * Timefold's value range of every offer's level: every level 0..FULL (each offer's own allowed levels:
     * {@link OfferChoice#getLevels}; the moves set only those).
     */
    @ValueRangeProvider(id = "levels")
    public CountableValueRange<Integer> getAllLevels() {
        return ALL_LEVELS;
    }

    public List<RequestDemand> getRequests() {
        return requests;
    }

    public List<OfferChoice> getOffers() {
        return offers;
    }

    public HardSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardSoftLongScore score) {
        this.score = score;
    }
}
