package io.flexledger.domain.settlement;

import io.flexledger.domain.market.LifecycleState;

/** Life of a settlement: settled, then possibly disputed, then resolved. */
public enum FlexSettlementState implements LifecycleState<FlexSettlementState> {
    SETTLED,
    DISPUTED,
    RESOLVED;

    @Override
    public boolean canBecome(FlexSettlementState next) {
        return switch (this) {
            // A settlement is disputed at most once, and a dispute ends in a resolution.
            case SETTLED -> next == DISPUTED;
            case DISPUTED -> next == RESOLVED;
            case RESOLVED -> false;
        };
    }

    @Override
    public boolean isFinal() {
        return this == RESOLVED;
    }
}
