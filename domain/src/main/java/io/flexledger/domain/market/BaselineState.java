package io.flexledger.domain.market;

/** Life of a baseline commitment: committed (hash only), then revealed (values match the hash). */
public enum BaselineState implements LifecycleState<BaselineState> {
    COMMITTED,
    REVEALED;

    @Override
    public boolean canBecome(BaselineState next) {
        // A commitment is revealed once.
        return this == COMMITTED && next == REVEALED;
    }

    @Override
    public boolean isFinal() {
        return this == REVEALED;
    }
}
