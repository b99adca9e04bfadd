package io.flexledger.domain.market;

/** Life of a flex offer: offered, then ordered, revoked or expired. */
public enum FlexOfferState implements LifecycleState<FlexOfferState> {
    OFFERED,
    ORDERED,
    REVOKED,
    EXPIRED;

    @Override
    public boolean canBecome(FlexOfferState next) {
        // Only a live (offered) offer changes, and only to an end state.
        return this == OFFERED && next != OFFERED;
    }

    @Override
    public boolean isFinal() {
        return this != OFFERED;
    }
}
