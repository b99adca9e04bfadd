package io.flexledger.marketplaceapi.api;

import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@code application/problem+json} response with a reason. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(ValidationException e) {
        return Problem.of(Status.BAD_REQUEST, "invalid-input", e.getMessage())
                .withViolations(e.violations().stream()
                        .map(v -> new Problem.FieldViolation(jsonPath(v.path()), v.reason()))
                        .toList())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response malformed(MalformedBodyException e) {
        return Problem.of(Status.BAD_REQUEST, "malformed-body", e.getMessage())
                .withViolations(java.util.List.of(new Problem.FieldViolation(e.field(), e.reason())))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response refused(ChaincodeRejection e) {
        // The same idempotency key for a different request: the request cannot be processed as sent.
        if (e.code().equals("IDEMPOTENCY_KEY_REUSED")) {
            return Problem.of(422, "Unprocessable Content", "idempotency-key-reused", e.getMessage())
                    .withCode(e.code())
                    .toResponse();
        }
        return Problem.of(statusFor(e.code()), "ledger-refused", e.getMessage())
                .withCode(e.code())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(LedgerUnavailableException e) {
        LOG.warn(e.getMessage());
        return Problem.of(Status.SERVICE_UNAVAILABLE, "ledger-unavailable", e.getMessage())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return unauthorized("a bearer token of the flexledger realm is required");
    }

    @ServerExceptionMapper
    public Response badToken(io.quarkus.security.AuthenticationFailedException e) {
        return unauthorized("the bearer token is not valid for this service (expired, wrong issuer or audience)");
    }

    @ServerExceptionMapper
    public Response unauthenticatedAtTheEdge(io.quarkus.security.AuthenticationCompletionException e) {
        return unauthorized("the bearer token could not be verified");
    }

    @ServerExceptionMapper
    public Response forbidden(io.flexledger.marketplaceapi.security.AccessDeniedException e) {
        return Problem.of(Status.FORBIDDEN, "forbidden", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response forbiddenByRole(io.quarkus.security.ForbiddenException e) {
        return Problem.of(Status.FORBIDDEN, "forbidden", "the token's roles do not allow this")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Status status = Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Status.INTERNAL_SERVER_ERROR;
        }
        return Problem.of(status, "http-" + status.getStatusCode(), e.getMessage())
                .toResponse();
    }

    /** Anything unforeseen: 500 as problem+json with an id to find the stack trace in the log. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        String errorId = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s", errorId);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error", "unexpected failure; error id " + errorId)
                .toResponse();
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(
                        Problem.of(Status.UNAUTHORIZED, "unauthorized", detail).toResponse())
                .header("WWW-Authenticate", "Bearer realm=\"flexledger\"")
                .build();
    }

    /** The HTTP status that matches a chaincode error code, by the code's suffix. */
    static Status statusFor(String code) {
        // An unknown id, or a reference to something never registered.
        if (ChaincodeRejection.isNotFound(code)) {
            return Status.NOT_FOUND;
        }
        // The caller's organisation may not do this, or the record is another organisation's.
        if (code.endsWith("_NOT_ALLOWED")
                || code.endsWith("_NOT_OWNED")
                || code.endsWith("_MISMATCH")
                || code.endsWith("_NOT_CALLER")) {
            return Status.FORBIDDEN;
        }
        // The ledger's state forbids it now: a duplicate id, a sold slot, a closed gate, a used offer.
        if (code.endsWith("_EXISTS")
                || code.endsWith("_CONFLICT")
                || code.startsWith("TX_MVCC")
                || code.endsWith("_DOUBLE_SALE")
                || code.endsWith("_NOT_LIVE")
                || code.endsWith("_NOT_OPEN")
                || code.endsWith("_CLOSED")
                || code.endsWith("_STATE")
                || code.endsWith("_STATE_INVALID")
                || code.endsWith("_ALREADY_REVEALED")
                || code.endsWith("_NOT_REVEALED")
                || code.endsWith("_NOT_SETTLEABLE")
                || code.equals("UFTP_MESSAGE_REPLAYED")) {
            return Status.CONFLICT;
        }
        // The input is at fault (the message names the field).
        if (code.startsWith("INVALID")
                || code.endsWith("_INVALID")
                || code.endsWith("_OUT_OF_BOUNDS")
                || code.startsWith("MALFORMED")
                || code.endsWith("_BELOW_MIN_ACTIVATION")
                // A posted meter reading that fails the chaincode's checks (signature, kind, slots).
                || code.startsWith("READING_")) {
            return Status.BAD_REQUEST;
        }
        // Anything else means the API and the chaincode disagree: a fault between them, not the client's.
        return Status.BAD_GATEWAY;
    }

    private static String jsonPath(String path) {
        return path.isEmpty() ? "$" : path.startsWith("[") ? "$" + path : "$." + path;
    }
}
