package io.flexledger.devicebridge.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure as {@code application/problem+json}. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
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
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problem.of(Status.FORBIDDEN, "forbidden", e.getMessage() == null ? "not allowed" : e.getMessage())
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

    /** Anything unforeseen: 500 with an id to find the stack trace in the log. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        String errorId = UUID.randomUUID().toString();
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
}
