package io.flexledger.devicebridge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An error body in the {@code application/problem+json} format (RFC 9457).
 *
 * @param type a URI naming the kind of problem
 * @param title the HTTP reason phrase
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param field the input at fault, when there is one (e.g. {@code path day})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of the given status and kind. */
    public static Problem of(Response.Status status, String type, String detail) {
        return new Problem(
                "urn:flexledger:problem:" + type, status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    /** The same problem naming the input at fault. */
    public Problem at(String inputField) {
        return new Problem(type, title, status, detail, inputField);
    }

    /** The response carrying this problem. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
