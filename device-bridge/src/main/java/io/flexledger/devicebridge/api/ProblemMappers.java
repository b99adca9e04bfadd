package io.flexledger.devicebridge.api;

import io.flexledger.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The bridge's own failures as {@code application/problem+json}; the answers every service gives alike
 * (401, HTTP errors, 500) come from the problem module's {@code CommonProblemMappers}.
 */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problems.forbidden(e.getMessage() == null ? "not allowed" : e.getMessage());
    }
}
