package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error response body in the {@code application/problem+json} format (RFC 9457).
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of that kind
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param code the ledger's error code, when the chaincode refused
 * @param violations the fields at fault, when the input was invalid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String code, List<FieldViolation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault: a JSON path such as {@code $.kwBySlot.68} and the reason. */
    public record FieldViolation(String field, String reason) {}

    public static Problem of(Response.Status status, String type, String detail) {
        return new Problem(
                "urn:flexledger:problem:" + type, status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    /** A problem with a status that {@link Response.Status} does not name (e.g. 422). */
    public static Problem of(int status, String title, String type, String detail) {
        return new Problem("urn:flexledger:problem:" + type, title, status, detail, null, null);
    }

    public Problem withCode(String errorCode) {
        return new Problem(type, title, status, detail, errorCode, violations);
    }

    public Problem withViolations(List<FieldViolation> fields) {
        return new Problem(type, title, status, detail, code, fields);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
