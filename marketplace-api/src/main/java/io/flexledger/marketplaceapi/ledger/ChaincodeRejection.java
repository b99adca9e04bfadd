package io.flexledger.marketplaceapi.ledger;

import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.ErrorKind;

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

    /** A refusal with {@code code}, its message {@code CODE: explanation} as the chaincode writes it. */
    public static ChaincodeRejection of(ErrorCode code, String explanation) {
        return new ChaincodeRejection(code.name(), code.name() + ": " + explanation);
    }

    public String code() {
        return code;
    }

    /** Whether the code is {@code expected}. */
    public boolean is(ErrorCode expected) {
        return code.equals(expected.name());
    }

    /** The kind of this refusal (see {@link ErrorKind#of(String)}). */
    public ErrorKind kind() {
        return ErrorKind.of(code);
    }

    /** Whether this rejection says that an id is unknown or refers to something never registered. */
    public boolean notFound() {
        return kind() == ErrorKind.NOT_FOUND;
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
