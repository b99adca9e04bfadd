package io.flexledger.uftp;

/**
 * Bytes that are not an acceptable UFTP message: too large, not well-formed, a DTD or entity, an
 * unknown root element, a value of the wrong form or a required attribute or element missing. The
 * message names what is wrong; UFTP answers it with HTTP 400.
 */
public final class UftpXmlException extends UftpException {
    public UftpXmlException(String message) {
        super(message);
    }

    public UftpXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
