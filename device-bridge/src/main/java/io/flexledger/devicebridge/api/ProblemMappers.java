package io.flexledger.devicebridge.api;

import io.flexledger.problem.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure as {@code application/problem+json} (the shared {@link Problems} answers). */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return Problems.unauthorized(Problems.TOKEN_REQUIRED);
    }

    @ServerExceptionMapper
    public Response badToken(io.quarkus.security.AuthenticationFailedException e) {
        return Problems.unauthorized(Problems.TOKEN_NOT_VALID);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problems.forbidden(e.getMessage() == null ? "not allowed" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return Problems.web(e);
    }

    /** Anything unforeseen: 500 with an id to find the stack trace in the log. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        return Problems.unexpected(e, (errorId, failure) -> LOG.errorf(failure, "unexpected failure %s", errorId));
    }
}
