package io.flexledger.domain.validation;

import java.util.Objects;

/**
 * One reason why an input is invalid, naming the field at fault.
 *
 * @param path JSON-style path of the field relative to the validated object, e.g. {@code kwBySlot.68}
 *     (callers prefix it with the object's own position, e.g. {@code $.})
 * @param reason what is wrong, in a short sentence
 */
public record Violation(String path, String reason) {
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    /** This violation with {@code prefix} put in front of its path (joined with a dot unless the path is an index). */
    public Violation prefixed(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        if (path.isEmpty()) {
            return new Violation(prefix, reason);
        }
        return new Violation(path.startsWith("[") ? prefix + path : prefix + "." + path, reason);
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
