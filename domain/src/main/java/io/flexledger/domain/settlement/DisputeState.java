package io.flexledger.domain.settlement;

import io.flexledger.domain.market.LifecycleState;

/** Life of a dispute: open until the other party resolves it. */
public enum DisputeState implements LifecycleState<DisputeState> {
    OPEN,
    RESOLVED;

    @Override
    public boolean canBecome(DisputeState next) {
        // A dispute is resolved once.
        return this == OPEN && next == RESOLVED;
    }

    @Override
    public boolean isFinal() {
        return this == RESOLVED;
    }
}
