package io.flexledger.clearing.community;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import java.util.List;

/**
 * The planning solution of the community market: feeder slots as facts, one {@link OrderMatch} per
 * order. Hard score: watts out of balance or past a feeder limit; soft score: welfare in micro-EUR.
 */
@PlanningSolution
public class CommunitySolution {

    @ProblemFactCollectionProperty
    private List<FeederSlot> feederSlots;

    @PlanningEntityCollectionProperty
    private List<OrderMatch> orders;

    @PlanningScore
    private HardSoftLongScore score;

    private CommunityIndex index;

    /** For Timefold's cloning. */
    public CommunitySolution() {}

    CommunitySolution(CommunityIndex index, List<FeederSlot> feederSlots, List<OrderMatch> orders) {
        this.index = index;
        this.feederSlots = feederSlots;
        this.orders = orders;
    }

    /** The solution of a day with nothing matched. */
    static CommunitySolution unmatched(CommunityIndex p) {
        List<OrderMatch> orders = new java.util.ArrayList<>(p.orderCount());
        for (int i = 0; i < p.orderCount(); i++) {
            orders.add(new OrderMatch(
                    i,
                    p.orderSlot[i],
                    p.orderFeeder[i],
                    p.orderBuys[i],
                    p.orderFlexible[i],
                    p.orderMaxW[i],
                    p.orderMicroEurPerW[i],
                    0));
        }
        List<FeederSlot> facts = new java.util.ArrayList<>();
        for (int f = 0; f < p.baselineW.length; f++) {
            for (int t = 0; t < p.day.slots(); t++) {
                facts.add(new FeederSlot(f, t, p.baselineW[f][t], p.importLimitW[f][t], p.exportLimitW[f][t]));
            }
        }
        return new CommunitySolution(p, facts, orders);
    }

    /** The indexed day behind the solution (shared by clones), used by the moves. */
    CommunityIndex getIndex() {
        return index;
    }

    public List<FeederSlot> getFeederSlots() {
        return feederSlots;
    }

    public List<OrderMatch> getOrders() {
        return orders;
    }

    public HardSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardSoftLongScore score) {
        this.score = score;
    }
}
