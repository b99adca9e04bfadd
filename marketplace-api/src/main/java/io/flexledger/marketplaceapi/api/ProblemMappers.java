package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.ErrorKind;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.problem.Problem;
import io.flexledger.problem.Problems;
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
        if (e.is(ErrorCode.IDEMPOTENCY_KEY_REUSED)) {
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
    public Response unauthenticatedAtTheEdge(io.quarkus.security.AuthenticationCompletionException e) {
        return Problems.unauthorized("the bearer token could not be verified");
    }

    @ServerExceptionMapper
    public Response forbidden(io.flexledger.marketplaceapi.security.AccessDeniedException e) {
        return Problems.forbidden(e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbiddenByRole(io.quarkus.security.ForbiddenException e) {
        return Problems.forbidden("the token's roles do not allow this");
    }

    /**
     * The HTTP status of a chaincode error code: the one its {@link ErrorKind} fixes; a code the ledger
     * contract does not know means the API and the chaincode disagree, a fault between them (502).
     */
    static Status statusFor(String code) {
        Status status = Status.fromStatusCode(ErrorKind.of(code).httpStatus());
        return status == null ? Status.BAD_GATEWAY : status;
    }

    private static String jsonPath(String path) {
        return path.isEmpty() ? "$" : path.startsWith("[") ? "$" + path : "$." + path;
    }
}
