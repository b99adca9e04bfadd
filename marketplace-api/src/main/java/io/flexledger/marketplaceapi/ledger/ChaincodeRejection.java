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

    /** Splits a chaincode message {@code "CODE: text"} into its code and the whole message. */
    public static ChaincodeRejection parse(String chaincodeMessage) {
        String message = chaincodeMessage == null ? "" : chaincodeMessage.strip();
        int colon = message.indexOf(':');
        String head = colon > 0 ? message.substring(0, colon) : message;
        String code = head.matches("[A-Z][A-Z0-9_]+") ? head : "CHAINCODE_ERROR";
        return new ChaincodeRejection(code, message);
    }
}
