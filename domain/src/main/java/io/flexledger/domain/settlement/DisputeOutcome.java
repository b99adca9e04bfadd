package io.flexledger.domain.settlement;

/** How a dispute ended: the claim was upheld (the net amount is adjusted) or rejected (it stands). */
public enum DisputeOutcome {
    UPHELD,
    REJECTED
}
