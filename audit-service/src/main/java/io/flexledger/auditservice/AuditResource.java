package io.flexledger.auditservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.problem.Problem;
import io.flexledger.problem.Problems;
import io.flexledger.settlement.audit.DayAudit;
import io.flexledger.settlement.ledger.MarketLedger;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit as a read-only HTTP service for the web UI: {@code GET /settlement/audit/{day}} runs the
 * audit of a day with the caller's own bearer token (passed on to marketplace-api and the bridge, which
 * decide what the caller may read) and answers the verdicts as JSON; {@code GET /settlement/health}
 * answers 200. Errors are problem+json.
 */
@Path("/settlement")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Recent reports by day and caller. */
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    private record Cached(ObjectNode report, long atNanos) {}

    @Inject
    Provider<AuditSources.Upstreams> upstreams;

    @Inject
    Provider<AuditSources.Stores> stores;

    @ConfigProperty(name = "flex.audit.workers")
    int workers;

    @ConfigProperty(name = "flex.audit.reuse")
    Duration reuse;

    @GET
    @Path("health")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GET
    @Path("audit/{day}")
    public Response audit(@PathParam("day") String dayText, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        LocalDate day;
        try {
            day = LocalDate.parse(dayText);
        } catch (DateTimeParseException e) {
            return Problem.of(400, "bad day", "bad-day", "day: '" + dayText + "' is not a date (YYYY-MM-DD)")
                    .at("path day")
                    .toResponse();
        }
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 8) {
            return Problems.unauthorized(Problems.TOKEN_REQUIRED);
        }
        String key = day + "|" + auth.hashCode();
        Cached hit = recent.get(key);
        if (hit != null && System.nanoTime() - hit.atNanos() < reuse.toNanos()) {
            return Response.ok(hit.report()).build();
        }
        TokenSource caller = TokenSource.fixed(auth.substring("Bearer ".length()));
        RetryPolicy retry = RetryPolicy.defaults();
        Duration timeout = Duration.ofSeconds(60);
        AuditSources.Upstreams to = upstreams.get();
        MarketLedger ledger = new MarketLedger(
                new MarketplaceClient(to.api(), caller, http, retry, timeout),
                new MarketplaceClient(to.bridge(), caller, http, retry, timeout));
        try {
            AuditSources.Stores s = stores.get();
            ObjectNode body = AuditReportJson.of(new DayAudit(
                            ledger,
                            s.billing(),
                            s.chain(),
                            s.auditor(),
                            new PrintStream(OutputStream.nullOutputStream()),
                            workers)
                    .audit(day));
            recent.values().removeIf(c -> System.nanoTime() - c.atNanos() >= reuse.toNanos());
            recent.put(key, new Cached(body, System.nanoTime()));
            return Response.ok(body).build();
        } catch (ApiProblemException e) {
            // What the caller may not read, or a service that did not answer, is the caller's answer too.
            return failed(e.status() >= 400 ? e.status() : 502, e.getMessage());
        } catch (RuntimeException e) {
            return failed(502, String.valueOf(e.getMessage()));
        }
    }

    /** The audit could not be run: what the caller may not read, or a service that did not answer. */
    private static Response failed(int status, String detail) {
        return Problem.of(status, "audit failed", "audit-failed", detail).toResponse();
    }
}
