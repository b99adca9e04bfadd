package io.flexledger.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Collects violations while an object is checked, then throws them all at once.
 *
 * <pre>{@code
 * Violations v = new Violations();
 * v.check(kw.signum() >= 0, "kw", "must be >= 0");
 * v.throwIfAny();
 * }</pre>
 */
public final class Violations {
    /** Identifiers are short, printable and safe inside ledger composite keys. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final List<Violation> found = new ArrayList<>();

    /** Records a violation at {@code path} unless {@code condition} holds; returns the condition. */
    public boolean check(boolean condition, String path, String reason) {
        if (!condition) {
            found.add(new Violation(path, reason));
        }
        return condition;
    }

    /** Records a violation if {@code value} is null; returns whether it was present. */
    public boolean present(Object value, String path) {
        return check(value != null, path, "is required");
    }

    /** Checks that {@code id} is present and a valid identifier. */
    public boolean id(String id, String path) {
        if (!present(id, path)) {
            return false;
        }
        return check(ID.matcher(id).matches(), path, "must match " + ID.pattern());
    }

    /** Checks that {@code text} is present, not blank and at most {@code maxLength} characters long. */
    public boolean text(String text, String path, int maxLength) {
        if (!present(text, path)) {
            return false;
        }
        return check(!text.isBlank(), path, "must not be blank")
                && check(text.length() <= maxLength, path, "must be at most " + maxLength + " characters");
    }

    /**
     * Runs a nested construction and records its violations under {@code prefix}; returns its value,
     * or null if it failed.
     */
    public <T> T nested(String prefix, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (ValidationException e) {
            found.addAll(e.prefixed(prefix).violations());
            return null;
        }
    }

    /** Adds a violation found elsewhere. */
    public void add(Violation violation) {
        found.add(Objects.requireNonNull(violation));
    }

    /** The violations found so far. */
    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** Whether nothing was found. */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws a {@link ValidationException} if anything was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }
}
