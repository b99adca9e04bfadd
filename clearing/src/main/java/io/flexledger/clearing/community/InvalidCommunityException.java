package io.flexledger.clearing.community;

/** A community day that breaks its rules; the message starts with the JSON path of the offending field. */
public final class InvalidCommunityException extends IllegalArgumentException {

    private final String path;

    public InvalidCommunityException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the offending field, such as {@code $.orders[3].kw}. */
    public String path() {
        return path;
    }
}
