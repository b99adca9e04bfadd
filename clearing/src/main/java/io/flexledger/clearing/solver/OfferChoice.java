package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import java.util.Arrays;
import java.util.List;

/**
 * The planning entity: one offer and its accepted level, the fraction in thousandths. Its value range
 * is 0 and every thousandth from its minimum activation (rounded up) to 1; the exact fraction is
 * settled after the search by the polish.
 */
@PlanningEntity
public class OfferChoice {

    /** Levels per unit fraction. */
    public static final int FULL = 1000;

    @PlanningId
    private int index;

    private int pointIndex;
    private int assetIndex;
    private int[] requestIndex;
    private long[] kwMicro;
    private double costNanoEurAtFull;
    private int[] conflicts;
    private List<Integer> levels;

    @PlanningPin
    private boolean revoked;

    @PlanningVariable(valueRangeProviderRefs = "levels")
    private Integer level;

    /** For Timefold's cloning. */
    public OfferChoice() {}

    /**
     * @param index the offer's index in the problem
     * @param pointIndex its congestion point's index
     * @param assetIndex its asset's index
     * @param requestIndex per served request, that request's index (sorted, each once)
     * @param kwMicro per served request, the kW offered there in micro-kW
     * @param costNanoEurAtFull the offer's cost at fraction 1 in nano-EUR
     * @param conflicts the offers it may not be accepted with, sorted
     * @param levels its allowed levels, sorted, starting with 0
     * @param level its starting level
     */
    public OfferChoice(
            int index,
            int pointIndex,
            int assetIndex,
            int[] requestIndex,
            long[] kwMicro,
            double costNanoEurAtFull,
            int[] conflicts,
            List<Integer> levels,
            Integer level) {
        this.index = index;
        this.pointIndex = pointIndex;
        this.assetIndex = assetIndex;
        this.requestIndex = requestIndex;
        this.kwMicro = kwMicro;
        this.costNanoEurAtFull = costNanoEurAtFull;
        this.conflicts = conflicts;
        this.levels = levels;
        this.level = level;
    }

    /**
     * Its allowed levels. Not Timefold's value range (that is the solution's, every level, shared): the moves
     * set only levels the offer allows, and with one range per entity Timefold's start of each solve matched
     * every entity's range against the others', which took seconds at ~22,000 offers.
     */
    public List<Integer> getLevels() {
        return levels;
    }

    public int getIndex() {
        return index;
    }

    public int getPointIndex() {
        return pointIndex;
    }

    public int getAssetIndex() {
        return assetIndex;
    }

    public Integer getLevel() {
        return level;
    }

    public void setLevel(Integer level) {
        this.level = level;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public void setRevoked(boolean revoked) {
        this.revoked = revoked;
    }

    /** True when the offer is accepted (level above 0). */
    public boolean isAccepted() {
        return level != null && level > 0;
    }

    /** True when this offer and the other may not both be accepted (same asset, a shared slot). */
    public boolean conflictsWith(OfferChoice other) {
        return Arrays.binarySearch(conflicts, other.index) >= 0;
    }

    /** True when the offer lists the request's slot at the request's congestion point. */
    public boolean serves(RequestDemand request) {
        return Arrays.binarySearch(requestIndex, request.getIndex()) >= 0;
    }

    /** What the offer delivers at a request it serves at its current level, micro-kW. */
    public long deliveredMicroKw(RequestDemand request) {
        int i = Arrays.binarySearch(requestIndex, request.getIndex());
        if (i < 0 || level == null) {
            return 0L;
        }
        return kwMicro[i] * level / FULL;
    }

    /** Per served request, that request's index (sorted, each once). */
    public int[] getRequestIndex() {
        return requestIndex;
    }

    /** The offers it may not be accepted with, sorted. */
    public int[] getConflicts() {
        return conflicts;
    }

    /** What the offer delivers at its i-th served request at its current level, micro-kW. */
    public long deliveredMicroKwAt(int i) {
        return level == null ? 0L : kwMicro[i] * level / FULL;
    }

    /** The offer's cost at its current level, nano-EUR. */
    public long costNanoEur() {
        return level == null ? 0L : Math.round(costNanoEurAtFull * level / FULL);
    }

    /** A copy with the same level and pin, sharing the offer's arrays and allowed levels (never changed). */
    OfferChoice copy() {
        OfferChoice c = new OfferChoice(
                index, pointIndex, assetIndex, requestIndex, kwMicro, costNanoEurAtFull, conflicts, levels, level);
        c.revoked = revoked;
        return c;
    }

    @Override
    public String toString() {
        return "OfferChoice[" + index + " level=" + level + "]";
    }
}
