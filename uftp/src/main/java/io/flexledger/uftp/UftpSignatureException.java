package io.flexledger.uftp;

/**
 * A signed message that cannot be opened with the sender's public key: the signature does not
 * verify, the body is too short, or the key is not a CS1 key. UFTP answers it with HTTP 401.
 */
public final class UftpSignatureException extends UftpException {
    public UftpSignatureException(String message) {
        super(message);
    }

    public UftpSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
