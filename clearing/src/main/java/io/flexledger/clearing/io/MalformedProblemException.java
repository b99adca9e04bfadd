package io.flexledger.clearing.io;

/** A clearing problem file that breaks the format; the message names the JSON path and the fault. */
public final class MalformedProblemException extends Exception {

    private final String path;

    public MalformedProblemException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the offending field, such as {@code $.offers[3].price}. */
    public String path() {
        return path;
    }
}
