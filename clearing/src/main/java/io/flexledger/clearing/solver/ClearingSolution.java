package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import java.util.List;

/** The planning solution: requests as facts, one {@link OfferChoice} per offer. Soft score: -nano-EUR. */
@PlanningSolution
public class ClearingSolution {

    @ProblemFactCollectionProperty
    private List<RequestDemand> requests;

    @PlanningEntityCollectionProperty
    private List<OfferChoice> offers;

    @PlanningScore
    private HardSoftLongScore score;

    /** For Timefold's cloning. */
    public ClearingSolution() {}

    public ClearingSolution(List<RequestDemand> requests, List<OfferChoice> offers) {
        this.requests = requests;
        this.offers = offers;
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
