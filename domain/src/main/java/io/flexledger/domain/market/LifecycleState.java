package io.flexledger.domain.market;

/**
 * A state of a market record, knowing which states may follow it.
 *
 * @param <S> the state enum
 */
public interface LifecycleState<S extends Enum<S> & LifecycleState<S>> {
    /** Whether a record in this state may move to {@code next}. */
    boolean canBecome(S next);

    /** Whether no further change is allowed. */
    boolean isFinal();

    /** Checks a transition and returns {@code next}; throws {@link IllegalStateException} if not allowed. */
    @SuppressWarnings("unchecked")
    default S to(S next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("cannot go from " + this + " to " + next);
        }
        return next;
    }
}
