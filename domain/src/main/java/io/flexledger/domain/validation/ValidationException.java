package io.flexledger.domain.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a value cannot be built because one or more of its fields are invalid. */
public final class ValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** Creates the exception from at least one violation. */
    public ValidationException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** Creates the exception for one field. */
    public ValidationException(String path, String reason) {
        this(List.of(new Violation(path, reason)));
    }

    /** The violations, in the order they were found. */
    public List<Violation> violations() {
        return violations;
    }

    /** The first violation (the one a one-line error message names). */
    public Violation first() {
        return violations.get(0);
    }

    /** The same violations with their paths put under {@code prefix}. */
    public ValidationException prefixed(String prefix) {
        return new ValidationException(
                violations.stream().map(v -> v.prefixed(prefix)).toList());
    }
}
