package io.flexledger.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The exception mappers every FlexLedger service has alike: a missing or refused token (401 with the
 * realm's challenge), an HTTP error the framework raised, and an unforeseen failure (500 with an id to
 * find it in the log). A Quarkus service takes them by indexing this module
 * ({@code quarkus.index-dependency.problem.*} in its application.properties); its own mappers add what
 * is particular to it.
 */
public class CommonProblemMappers {
    private static final Logger LOG = Logger.getLogger(CommonProblemMappers.class);

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return Problems.unauthorized(Problems.TOKEN_REQUIRED);
    }

    @ServerExceptionMapper
    public Response badToken(io.quarkus.security.AuthenticationFailedException e) {
        return Problems.unauthorized(Problems.TOKEN_NOT_VALID);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return Problems.web(e);
    }

    /** Anything unforeseen: 500 as problem+json with an id to find the stack trace in the log. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        return Problems.unexpected(e, (errorId, failure) -> LOG.errorf(failure, "unexpected failure %s", errorId));
    }
}
