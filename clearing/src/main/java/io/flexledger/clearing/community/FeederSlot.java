package io.flexledger.clearing.community;

/**
 * A problem fact: one feeder in one slot, with its firm net import and its limits in watts.
 *
 * @param feeder the feeder's index
 * @param slot the slot
 * @param baselineW firm buys minus firm sells behind the feeder, W
 * @param importLimitW the most net import allowed, W
 * @param exportLimitW the most net export allowed, W
 */
public record FeederSlot(int feeder, int slot, long baselineW, long importLimitW, long exportLimitW) {

    /** Watts by which a net import (baseline plus matched flexible orders) passes the import limit, or 0. */
    public long importExcessW(long flexibleFlowW) {
        return Math.max(0L, baselineW + flexibleFlowW - importLimitW);
    }

    /** Watts by which a net export passes the export limit, or 0. */
    public long exportExcessW(long flexibleFlowW) {
        return Math.max(0L, -(baselineW + flexibleFlowW) - exportLimitW);
    }
}
