package io.flexledger.client;

import java.util.List;

/**
 * A refusal by marketplace-api (an {@code application/problem+json} answer) or by Keycloak, with its
 * reason: the HTTP status, the ledger's error code when the chaincode refused, and the fields at fault.
 */
public final class ApiProblemException extends RuntimeException {

    /**
     * One field at fault.
     *
     * @param field a JSON path such as {@code $.kwBySlot.68}
     * @param reason why it was refused
     */
    public record FieldViolation(String field, String reason) {}

    private final int status;
    private final String code;
    private final String detail;
    private final List<FieldViolation> violations;
    private final String body;

    /**
     * A refusal.
     *
     * @param what the call that was refused, e.g. {@code POST http://127.0.0.1:8082/api/offers}
     * @param status the HTTP status
     * @param code the ledger's error code, or null
     * @param detail what went wrong, as the server said it
     * @param violations the fields at fault (may be empty)
     */
    public ApiProblemException(String what, int status, String code, String detail, List<FieldViolation> violations) {
        this(what, status, code, detail, violations, null, null);
    }

    /**
     * A refusal with the answer's body as it came, or a call that got no answer at all.
     *
     * @param body the answer's body as the server sent it, or null when no answer came
     * @param cause why no answer came, or null
     */
    public ApiProblemException(
            String what,
            int status,
            String code,
            String detail,
            List<FieldViolation> violations,
            String body,
            Throwable cause) {
        super(message(what, status, code, detail, violations), cause);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.violations = List.copyOf(violations);
        this.body = body;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The ledger's error code (e.g. {@code OFFER_EXISTS}), or null when the answer carried none. */
    public String code() {
        return code;
    }

    /** The server's explanation. */
    public String detail() {
        return detail;
    }

    /** The fields at fault. */
    public List<FieldViolation> violations() {
        return violations;
    }

    /** The answer's body as the server sent it, or null when no answer came (see {@link #unanswered()}). */
    public String body() {
        return body;
    }

    /** Whether the server could not be reached or did not answer in time, on every try. */
    public boolean unanswered() {
        return body == null && getCause() != null;
    }

    /** Whether the record or resource is not there (404). */
    public boolean notFound() {
        return status == 404;
    }

    /** Whether the record already exists (409 with a code ending in {@code _EXISTS}). */
    public boolean alreadyExists() {
        return status == 409 && code != null && code.endsWith("_EXISTS");
    }

    private static String message(
            String what, int status, String code, String detail, List<FieldViolation> violations) {
        StringBuilder b = new StringBuilder(what).append(": HTTP ").append(status);
        if (code != null) {
            b.append(' ').append(code);
        }
        if (detail != null && !detail.isBlank()) {
            b.append(": ").append(detail);
        }
        for (FieldViolation v : violations) {
            b.append("; ").append(v.field()).append(' ').append(v.reason());
        }
        return b.toString();
    }
}
