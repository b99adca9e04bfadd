package io.flexledger.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error response body in the {@code application/problem+json} format (RFC 9457), the one every
 * FlexLedger service answers with. Members that are null are left out.
 *
 * @param type a URI naming the kind of problem ({@code urn:flexledger:problem:<kind>})
 * @param title a short summary of that kind (the HTTP reason phrase)
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param code the ledger's error code, when the chaincode refused
 * @param field the input at fault, when there is one input (e.g. {@code path day})
 * @param violations the fields at fault, when a body was invalid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        String field,
        List<FieldViolation> violations) {
    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of every problem's {@link #type()}. */
    public static final String TYPE_PREFIX = "urn:flexledger:problem:";

    /** One field at fault: a JSON path such as {@code $.kwBySlot.68} and the reason. */
    public record FieldViolation(String field, String reason) {}

    /** A problem of {@code status} and kind {@code type}. */
    public static Problem of(Response.StatusType status, String type, String detail) {
        return of(status.getStatusCode(), status.getReasonPhrase(), type, detail);
    }

    /** A problem with a status that {@link Response.Status} does not name (e.g. 422). */
    public static Problem of(int status, String title, String type, String detail) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, null, null, null);
    }

    /** The same problem carrying the ledger's error code. */
    public Problem withCode(String errorCode) {
        return new Problem(type, title, status, detail, errorCode, field, violations);
    }

    /** The same problem naming the one input at fault. */
    public Problem at(String inputField) {
        return new Problem(type, title, status, detail, code, inputField, violations);
    }

    /** The same problem naming the fields at fault. */
    public Problem withViolations(List<FieldViolation> fields) {
        return new Problem(type, title, status, detail, code, field, fields);
    }

    /** The response carrying this problem. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
