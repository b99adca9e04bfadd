package io.flexledger.devicebridge.api;

import io.flexledger.problem.Problem;

/** A request that ends in a problem+json answer. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    /** The answer. */
    public Problem problem() {
        return problem;
    }
}
