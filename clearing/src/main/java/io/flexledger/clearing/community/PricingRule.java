package io.flexledger.clearing.community;

/** How matched orders are priced (decision 0008). */
public enum PricingRule {
    /**
     * One clearing price per slot, the midpoint of the lowest matched bid and the highest matched ask; a
     * buyer never pays above its own bid, a seller never receives below its own ask.
     */
    PAY_AS_CLEAR,
    /** Every buyer pays its own bid and every seller receives its own ask; the spread stays with the aggregator. */
    PAY_AS_BID
}
