package io.flexledger.clearing.community;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.CountableValueRange;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeFactory;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/** The planning entity: one order and the watts of it matched inside the community, 0 to its size. */
@PlanningEntity
public class OrderMatch {

    @PlanningId
    private int index;

    private int slot;
    private int feeder;
    private boolean buys;
    private boolean flexible;
    private int maxW;
    private double microEurPerW;

    @PlanningVariable(valueRangeProviderRefs = "matchedW")
    private Integer matchedW;

    /** For Timefold's cloning. */
    public OrderMatch() {}

    /**
     * @param index the order's index in the day
     * @param slot its slot
     * @param feeder its feeder's index
     * @param buys true for a bid, false for an ask
     * @param flexible true for a flexible order (it changes the feeder's flow only when matched)
     * @param maxW its size in watts
     * @param microEurPerW its effective price per watt matched over one slot, micro-EUR
     * @param matchedW the watts matched at the start
     */
    public OrderMatch(
            int index,
            int slot,
            int feeder,
            boolean buys,
            boolean flexible,
            int maxW,
            double microEurPerW,
            int matchedW) {
        this.index = index;
        this.slot = slot;
        this.feeder = feeder;
        this.buys = buys;
        this.flexible = flexible;
        this.maxW = maxW;
        this.microEurPerW = microEurPerW;
        this.matchedW = matchedW;
    }

    @ValueRangeProvider(id = "matchedW")
    public CountableValueRange<Integer> getMatchedWRange() {
        return ValueRangeFactory.createIntValueRange(0, maxW + 1);
    }

    public int getIndex() {
        return index;
    }

    public int getSlot() {
        return slot;
    }

    public int getFeeder() {
        return feeder;
    }

    public boolean isBuys() {
        return buys;
    }

    public boolean isFlexible() {
        return flexible;
    }

    public int getMaxW() {
        return maxW;
    }

    public Integer getMatchedW() {
        return matchedW;
    }

    public void setMatchedW(Integer matchedW) {
        this.matchedW = matchedW;
    }

    /** The matched watts, 0 when unset. */
    public int matched() {
        return matchedW == null ? 0 : matchedW;
    }

    /** Matched watts signed as net import: a buy adds, a sell subtracts. */
    public long signedW() {
        return buys ? matched() : -matched();
    }

    /** A bid's value of what it got matched, micro-EUR (0 for an ask). */
    public long buyerValueMicroEur() {
        return buys ? Math.round(matched() * microEurPerW) : 0L;
    }

    /** An ask's cost of what it got matched, micro-EUR (0 for a bid). */
    public long sellerCostMicroEur() {
        return buys ? 0L : Math.round(matched() * microEurPerW);
    }

    @Override
    public String toString() {
        return "OrderMatch[" + index + (buys ? " buy " : " sell ") + matchedW + "/" + maxW + " W]";
    }
}
