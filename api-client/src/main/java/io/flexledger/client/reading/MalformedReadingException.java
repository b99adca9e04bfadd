package io.flexledger.client.reading;

/** A payload that is not a signed reading; names the JSON path at fault. */
public final class MalformedReadingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public MalformedReadingException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    /** The JSON path at fault, e.g. {@code $.netKwh}. */
    public String path() {
        return path;
    }
}
