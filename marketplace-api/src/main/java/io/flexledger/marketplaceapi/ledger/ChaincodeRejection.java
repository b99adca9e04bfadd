package io.flexledger.marketplaceapi.ledger;

/**
 * The chaincode refused a transaction with one of its error codes, e.g. {@code OFFER_NOT_FOUND}.
 * The code is the first word of the chaincode's message, before the colon.
 */
public class ChaincodeRejection extends RuntimeException {
    private final String code;

    public ChaincodeRejection(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether the code says that an id is unknown or refers to something never registered. */
    public static boolean isNotFound(String code) {
        return code.endsWith("_NOT_FOUND") || code.endsWith("_NOT_REGISTERED") || code.endsWith("_UNKNOWN");
    }

    /** Whether this rejection says that an id is unknown (see {@link #isNotFound(String)}). */
    public boolean notFound() {
        return isNotFound(code);
    }

    /** Splits a chaincode message {@code "CODE: text"} into its code and the whole message. */
    public static ChaincodeRejection parse(String chaincodeMessage) {
        String message = chaincodeMessage == null ? "" : chaincodeMessage.strip();
        int colon = message.indexOf(':');
        String head = colon > 0 ? message.substring(0, colon) : message;
        String code = head.matches("[A-Z][A-Z0-9_]+") ? head : "CHAINCODE_ERROR";
        return new ChaincodeRejection(code, message);
    }
}
