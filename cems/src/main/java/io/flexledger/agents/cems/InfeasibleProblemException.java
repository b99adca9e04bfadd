package io.flexledger.agents.cems;

/**
 * A well-formed home-day that has no feasible schedule. The message names the constraint that cannot
 * be met, e.g. {@code $.ev: 12.0 kWh cannot be charged in [70, 72) at 7.0 kW}.
 */
public final class InfeasibleProblemException extends RuntimeException {

    /** A day whose constraint {@code constraint} cannot be met. */
    public InfeasibleProblemException(String constraint) {
        super(constraint);
    }
}
