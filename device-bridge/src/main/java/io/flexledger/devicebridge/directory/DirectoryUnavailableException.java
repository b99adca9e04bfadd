package io.flexledger.devicebridge.directory;

/** The device registry did not answer; the question may be asked again later. */
public final class DirectoryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
