package io.flexledger.uftp;

/** A UFTP message that cannot be accepted: unreadable XML, or a signature that does not verify. */
public abstract class UftpException extends Exception {
    protected UftpException(String message) {
        super(message);
    }

    protected UftpException(String message, Throwable cause) {
        super(message, cause);
    }
}
