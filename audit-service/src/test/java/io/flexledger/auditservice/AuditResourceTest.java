package io.flexledger.auditservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The audit service's own answers: health, the token it needs, a bad day, and a ledger that does not answer. */
@QuarkusTest
class AuditResourceTest {
    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswers() throws Exception {
        HttpResponse<String> r = get("/settlement/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("UP");
    }

    @Test
    void anAuditNeedsABearerToken() throws Exception {
        HttpResponse<String> r = get("/settlement/audit/2030-06-01", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("bearer token");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"flexledger\"");
    }

    @Test
    void aBadDayIsNamed() throws Exception {
        HttpResponse<String> r = get("/settlement/audit/yesterday", "t");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("day: 'yesterday' is not a date").contains("urn:flexledger:problem:bad-day");
    }

    @Test
    void aLedgerThatDoesNotAnswerIsA503WithTheReason() throws Exception {
        HttpResponse<String> r = get("/settlement/audit/2030-06-01", "t");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("/api/settlements");
    }
}
