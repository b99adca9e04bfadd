package io.flexledger.contract;

/**
 * What kind of refusal an error code is. The kind, not the code's spelling, fixes the HTTP status an
 * API answers with.
 */
public enum ErrorKind {
    /** An unknown id, or a reference to something never registered (404). */
    NOT_FOUND(404),
    /** The caller's organisation may not do this, or the record is another organisation's (403). */
    FORBIDDEN(403),
    /** The ledger's state forbids it now: a duplicate id, a sold slot, a closed gate, a used offer (409). */
    CONFLICT(409),
    /** The input is at fault; the message names the field (400). */
    INVALID(400),
    /** The request cannot be processed as sent, e.g. an idempotency key reused for another request (422). */
    UNPROCESSABLE(422),
    /** The API and the ledger disagree: a fault between them, not the client's (502). */
    UPSTREAM(502);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of a refusal of this kind. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The kind of a refusal's code: an {@link ErrorCode}'s own kind; a ledger commit that lost an MVCC
     * read conflict ({@code TX_MVCC_READ_CONFLICT}, Fabric's validation code with the {@code TX_} prefix)
     * is a {@link #CONFLICT}; any other code, {@link #UPSTREAM}.
     */
    public static ErrorKind of(String code) {
        if (code != null && code.startsWith(ValidationCodes.PREFIX + "MVCC")) {
            return CONFLICT;
        }
        return ErrorCode.named(code).map(ErrorCode::kind).orElse(UPSTREAM);
    }
}
