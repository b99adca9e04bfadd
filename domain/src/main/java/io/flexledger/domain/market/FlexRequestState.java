package io.flexledger.domain.market;

/** Life of a flex request: open until the DSO closes or cancels it. */
public enum FlexRequestState implements LifecycleState<FlexRequestState> {
    OPEN,
    CLOSED,
    CANCELLED;

    @Override
    public boolean canBecome(FlexRequestState next) {
        // Only an open request changes, and only to an end state.
        return this == OPEN && next != OPEN;
    }

    @Override
    public boolean isFinal() {
        return this != OPEN;
    }
}
