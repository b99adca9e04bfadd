package io.flexledger.settlement.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.settlement.audit.Auditor;
import io.flexledger.settlement.audit.PeriodAuditor;
import io.flexledger.settlement.audit.PeriodReport;
import io.flexledger.settlement.audit.SettlementVerdict;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.InMemorySettlementChain;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit service's own answers: health, the token it needs, a bad day, and a ledger that does not answer. */
class AuditServerTest {
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            // A port where nothing listens stands for the ledger's API and the bridge being down.
            nobody = s.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + nobody);
        server = new AuditServer(
                        down,
                        down,
                        Optional.empty(),
                        new InMemorySettlementChain(),
                        new PeriodAuditor(
                                new Auditor(SettlementRule.DEFAULT),
                                AggregatorAccounts.ganacheDefaults(),
                                Clock.systemUTC()),
                        2)
                .serve(0, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReportAsJsonKeepsItsFieldsAndListsWhatWasChecked() {
        PeriodReport report = new PeriodReport(
                LocalDate.of(2026, 11, 28),
                List.of(new SettlementVerdict("stl-1", "tx-1", 7, List.of(), 4)),
                "ab".repeat(32),
                "ab".repeat(32),
                List.of(),
                new PeriodReport.Checked(1, true, 1, new PeriodReport.OrderCounts(1, 2, 1, 3)));
        JsonNode json = AuditServer.json(report);
        assertThat(json.path("day").asText()).isEqualTo("2026-11-28");
        assertThat(json.path("verified").asBoolean()).isTrue();
        assertThat(json.path("state").asText()).isEqualTo("VERIFIED");
        assertThat(json.path("settlementRootHex").asText()).isEqualTo("ab".repeat(32));
        assertThat(json.path("evmRootHex").asText()).isEqualTo("ab".repeat(32));
        assertThat(json.path("periodDiscrepancies")).isEmpty();
        assertThat(json.path("settlements").get(0).path("verdict").asText()).isEqualTo("VERIFIED");
        assertThat(json.path("settlements").get(0).path("readingsChecked").asInt())
                .isEqualTo(4);
        JsonNode checked = json.path("checked");
        assertThat(checked.path("settlements").asInt()).isEqualTo(1);
        assertThat(checked.path("readings").asInt()).isEqualTo(4);
        assertThat(checked.path("payouts").asInt()).isEqualTo(1);
        assertThat(checked.path("billingChecked").asBoolean()).isTrue();
        assertThat(checked.path("billingRows").asInt()).isEqualTo(1);
        JsonNode orders = checked.path("orders");
        assertThat(orders.path("total").asInt()).isEqualTo(6);
        assertThat(orders.path("settled").asInt()).isEqualTo(1);
        assertThat(orders.path("unsettled").asInt()).isEqualTo(2);
        assertThat(orders.path("notYetSettleable").asInt()).isEqualTo(1);
        assertThat(orders.path("cancelled").asInt()).isEqualTo(3);

        JsonNode unbilled = AuditServer.json(new PeriodReport(
                report.day(),
                report.settlements(),
                report.settlementRootHex(),
                report.evmRootHex(),
                List.of(),
                new PeriodReport.Checked(1, false, 0, report.checked().orders())));
        assertThat(unbilled.path("checked").path("billingChecked").asBoolean()).isFalse();
        assertThat(unbilled.path("checked").path("billingRows").isNull()).isTrue();

        JsonNode empty =
                AuditServer.json(new PeriodReport(report.day(), List.of(), null, null, List.of(), report.checked()));
        assertThat(empty.path("state").asText()).isEqualTo("NOTHING_TO_AUDIT");
        assertThat(empty.path("verified").asBoolean()).isFalse();
    }

    @Test
    void healthAnswers() throws Exception {
        assertThat(get("/settlement/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anAuditNeedsABearerToken() throws Exception {
        HttpResponse<String> r = get("/settlement/audit/2030-06-01", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(r.body()).contains("bearer token");
    }

    @Test
    void aBadDayIsNamed() throws Exception {
        HttpResponse<String> r = get("/settlement/audit/yesterday", "t");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("day: 'yesterday' is not a date");
    }

    @Test
    void aLedgerThatDoesNotAnswerIsA503WithTheReason() throws Exception {
        HttpResponse<String> r = get("/settlement/audit/2030-06-01", "t");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("/api/settlements");
    }
}
