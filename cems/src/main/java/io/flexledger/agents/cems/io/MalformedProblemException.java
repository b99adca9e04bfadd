package io.flexledger.agents.cems.io;

/**
 * A problem file that does not follow formats/README.md: not JSON, a missing or unknown field, a
 * wrong type or size, a value out of its range, or a duplicate name. The message starts with the
 * JSON path of the offending field, e.g. {@code $.battery.capacityKwh: must be > 0}.
 */
public final class MalformedProblemException extends RuntimeException {

    private final String path;

    /** A problem at {@code path} described by {@code what}. */
    public MalformedProblemException(String path, String what) {
        super(path + ": " + what);
        this.path = path;
    }

    /** The JSON path of the offending field ({@code $} for the document). */
    public String path() {
        return path;
    }
}
