package io.flexledger.marketplaceapi.api;

import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.http.TextCheck;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every path parameter (ids, days, block numbers, ...), once decoded, is refused with 400 naming it
 * when it holds a character {@link TextCheck} refuses, before the resource reads it. Query parameters
 * are checked before routing ({@link io.flexledger.marketplaceapi.http.RequestGuard}), where their
 * names are known from the raw target; a path parameter's name is known once the route is matched.
 */
public class PathParameterFilter {
    @ServerRequestFilter
    public void checkPathParameters(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter :
                uri.getPathParameters(true).entrySet()) {
            for (String value : parameter.getValue()) {
                int at = TextCheck.firstInvalid(value);
                if (at >= 0) {
                    throw new ValidationException(parameter.getKey(), TextCheck.describe(value, at));
                }
            }
        }
    }
}
