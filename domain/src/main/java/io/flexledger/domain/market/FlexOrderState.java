package io.flexledger.domain.market;

/** Life of a flex order: accepted, activated in operation, settled; or cancelled before activation. */
public enum FlexOrderState implements LifecycleState<FlexOrderState> {
    ACCEPTED,
    ACTIVATED,
    SETTLED,
    CANCELLED;

    @Override
    public boolean canBecome(FlexOrderState next) {
        return switch (this) {
            // An accepted order is either activated or cancelled.
            case ACCEPTED -> next == ACTIVATED || next == CANCELLED;
            // An activated order can only be settled.
            case ACTIVATED -> next == SETTLED;
            case SETTLED, CANCELLED -> false;
        };
    }

    @Override
    public boolean isFinal() {
        return this == SETTLED || this == CANCELLED;
    }
}
