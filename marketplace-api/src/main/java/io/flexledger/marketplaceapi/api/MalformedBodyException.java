package io.flexledger.marketplaceapi.api;

/** A request body that is not the JSON expected: not JSON at all, an unknown field, a wrong type. */
public class MalformedBodyException extends RuntimeException {
    private final String field;
    private final String reason;

    public MalformedBodyException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
