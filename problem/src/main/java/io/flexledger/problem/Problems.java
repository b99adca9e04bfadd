package io.flexledger.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The answers every service gives alike, for its exception mappers to return: a missing or bad
 * token (401 with the realm's challenge), an HTTP error raised by the framework, and an unforeseen
 * failure (500 with an id to find it in the log).
 */
public final class Problems {
    private Problems() {}

    /** The realm named in the {@code WWW-Authenticate} challenge. */
    public static final String REALM = "flexledger";

    /** No bearer token of the realm came with the request. */
    public static final String TOKEN_REQUIRED = "a bearer token of the flexledger realm is required";

    /** The bearer token did not pass the service's checks. */
    public static final String TOKEN_NOT_VALID =
            "the bearer token is not valid for this service (expired, wrong issuer or audience)";

    /** 401 with {@code detail} and the bearer challenge of the realm. */
    public static Response unauthorized(String detail) {
        return Response.fromResponse(
                        Problem.of(Status.UNAUTHORIZED, "unauthorized", detail).toResponse())
                .header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"")
                .build();
    }

    /** 403 with {@code detail}. */
    public static Response forbidden(String detail) {
        return Problem.of(Status.FORBIDDEN, "forbidden", detail).toResponse();
    }

    /** The status of an HTTP error the framework raised (500 when it names none), kind {@code http-<status>}. */
    public static Response web(WebApplicationException e) {
        Status status = Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Status.INTERNAL_SERVER_ERROR;
        }
        return Problem.of(status, "http-" + status.getStatusCode(), e.getMessage())
                .toResponse();
    }

    /**
     * 500 naming a fresh error id; {@code log} receives the id and the failure, so that the stack trace
     * can be found from the answer.
     */
    public static Response unexpected(RuntimeException e, BiConsumer<String, RuntimeException> log) {
        String errorId = UUID.randomUUID().toString();
        log.accept(errorId, e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error", "unexpected failure; error id " + errorId)
                .toResponse();
    }
}
