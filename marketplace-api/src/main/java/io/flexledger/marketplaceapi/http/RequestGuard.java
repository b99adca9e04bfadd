package io.flexledger.marketplaceapi.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The first look at every request, before routing, authentication or JAX-RS decode anything: a
 * request target that is not well-formed (a bad percent-encoding, bytes that are not UTF-8, a control
 * character in a query parameter) is answered 400, and a body larger than {@link #MAX_BODY_BYTES} 413,
 * both as problem+json naming the part at fault. Nothing such a request carries reaches a resource, so
 * none of it reaches the ledger.
 *
 * <p>Quarkus itself refuses a target that {@code java.net.URI} cannot parse with a bare 400 before any
 * filter runs; {@link io.flexledger.marketplaceapi.MarketplaceApiMain} turns that check off
 * ({@code vertx.disableURIValidation}) because this filter makes it, and more, with an answer that says
 * what is wrong.
 */
@Singleton
public class RequestGuard {
    /** The largest request body accepted: a settlement of 100 readings with their proofs is far smaller. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    /**
     * A refused body up to this size is read and dropped, so that the client reads the answer on an
     * open connection; a larger one closes the connection after the answer.
     */
    static final long DRAIN_BYTES = 16 * MAX_BODY_BYTES;

    /** Before every other filter and before Quarkus's own body-size check (route order -2). */
    static final int PRIORITY = 10_000;

    static final String URI_VALIDATION_PROPERTY = "vertx.disableURIValidation";

    private static final Logger LOG = Logger.getLogger(RequestGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    void register(@Observes Filters filters) {
        if (!Boolean.getBoolean(URI_VALIDATION_PROPERTY)) {
            LOG.warnf(
                    "%s is not set: the HTTP layer answers a request target java.net.URI cannot parse with a bare 400"
                            + " before this service sees it (start the service through its main class)",
                    URI_VALIDATION_PROPERTY);
        }
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        UriCheck.Fault fault = UriCheck.firstFault(request.uri());
        if (fault != null) {
            refuse(rc, 400, "Bad Request", "invalid-request-target", fault.field(), fault.reason(), 0);
            return;
        }
        long length = declaredLength(request);
        if (length == -2) {
            refuse(rc, 400, "Bad Request", "malformed-header", "header Content-Length", "must be a number", 0);
            return;
        }
        if (length > MAX_BODY_BYTES) {
            tooLarge(rc, 0);
            return;
        }
        if (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null && !request.isEnded()) {
            readChunked(rc);
            return;
        }
        rc.next();
    }

    /** A body of unknown length, read here up to the limit and handed on whole. */
    private void readChunked(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                refused[0] = true;
                tooLarge(rc, body.length() + chunk.length());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(done -> {
            if (!refused[0]) {
                rc.setBody(body);
                rc.next();
            }
        });
        request.resume();
    }

    private void tooLarge(RoutingContext rc, long received) {
        refuse(
                rc,
                413,
                "Content Too Large",
                "body-too-large",
                "$",
                "the request body is larger than " + MAX_BODY_BYTES + " bytes",
                received);
    }

    /** The Content-Length header's value; -1 when there is none, -2 when it is not a number. */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            long bytes = Long.parseLong(length.strip());
            return bytes < 0 ? -2 : bytes;
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /**
     * Answers the problem. The rest of the body, {@code received} bytes of which were read already, is
     * read and dropped so that the client reads the answer on an open connection; a body declared or
     * found larger than {@link #DRAIN_BYTES} closes the connection instead.
     */
    private static void refuse(
            RoutingContext rc, int status, String title, String type, String field, String reason, long received) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        Problem problem = Problem.of(status, title, type, field + ": " + reason)
                .withViolations(List.of(new Problem.FieldViolation(field, reason)));
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        boolean close = declaredLength(request) > DRAIN_BYTES;
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
        if (!close && !request.isEnded()) {
            long[] dropped = {received};
            request.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > DRAIN_BYTES) {
                    request.connection().close();
                }
            });
            request.resume();
        }
    }
}
