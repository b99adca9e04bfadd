package io.flexledger.settlement.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.settlement.audit.DayAudit;
import io.flexledger.settlement.audit.Discrepancy;
import io.flexledger.settlement.audit.PeriodAuditor;
import io.flexledger.settlement.audit.PeriodReport;
import io.flexledger.settlement.audit.SettlementVerdict;
import io.flexledger.settlement.billing.SettlementBilling;
import io.flexledger.settlement.evm.SettlementChain;
import io.flexledger.settlement.ledger.MarketLedger;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The audit as a read-only HTTP service for the web UI: {@code GET /settlement/audit/{day}} runs
 * the audit of a day with the caller's own bearer token (passed on to marketplace-api and the
 * bridge, which decide what the caller may read) and answers the verdicts as JSON;
 * {@code GET /settlement/health} answers 200. Errors are problem+json.
 */
final class AuditServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final URI bridge;
    private final Optional<SettlementBilling> billing;
    private final SettlementChain chain;
    private final PeriodAuditor auditor;
    private final int workers;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Recent reports by day and caller: a page that refreshes every few seconds does not re-audit each time. */
    private final java.util.Map<String, Cached> recent = new java.util.concurrent.ConcurrentHashMap<>();

    /** How long a report is answered again to the same caller. */
    static final Duration REUSE = Duration.ofSeconds(30);

    private record Cached(ObjectNode report, long atNanos) {}

    AuditServer(
            URI api,
            URI bridge,
            Optional<SettlementBilling> billing,
            SettlementChain chain,
            PeriodAuditor auditor,
            int workers) {
        this.api = api;
        this.bridge = bridge;
        this.billing = billing;
        this.chain = chain;
        this.auditor = auditor;
        this.workers = workers;
    }

    /** Serves on 127.0.0.1:{@code port} (0: a free one) until stopped; returns the server. */
    HttpServer serve(int port, PrintStream log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/settlement/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        log.printf(
                "settlement: audit service on http://127.0.0.1:%d/settlement/audit/{day}%n",
                server.getAddress().getPort());
        return server;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET")) {
                problem(ex, 405, "method not allowed", "only GET is served");
                return;
            }
            if (path.equals("/settlement/health")) {
                send(ex, 200, JSON.createObjectNode().put("status", "UP"));
                return;
            }
            if (!path.startsWith("/settlement/audit/")) {
                problem(ex, 404, "not found", "no resource at " + path);
                return;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(path.substring("/settlement/audit/".length()));
            } catch (DateTimeParseException e) {
                problem(
                        ex,
                        400,
                        "bad day",
                        "day: '" + path.substring("/settlement/audit/".length()) + "' is not a date (YYYY-MM-DD)");
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 8) {
                problem(ex, 401, "unauthorized", "a bearer token of the flexledger realm is required");
                return;
            }
            TokenSource caller = TokenSource.fixed(auth.substring("Bearer ".length()));
            RetryPolicy retry = RetryPolicy.defaults();
            Duration timeout = Duration.ofSeconds(60);
            MarketLedger ledger = new MarketLedger(
                    new MarketplaceClient(api, caller, http, retry, timeout),
                    new MarketplaceClient(bridge, caller, http, retry, timeout));
            String key = day + "|" + auth.hashCode();
            Cached hit = recent.get(key);
            if (hit != null && System.nanoTime() - hit.atNanos() < REUSE.toNanos()) {
                send(ex, 200, hit.report());
                return;
            }
            try {
                PeriodReport report = new DayAudit(
                                ledger,
                                billing,
                                chain,
                                auditor,
                                new PrintStream(OutputStream.nullOutputStream()),
                                workers)
                        .audit(day);
                ObjectNode body = json(report);
                recent.values().removeIf(c -> System.nanoTime() - c.atNanos() >= REUSE.toNanos());
                recent.put(key, new Cached(body, System.nanoTime()));
                send(ex, 200, body);
            } catch (ApiProblemException e) {
                // What the caller may not read, or a service that did not answer, is the caller's answer too.
                problem(ex, e.status() >= 400 ? e.status() : 502, "audit failed", e.getMessage());
            } catch (RuntimeException e) {
                problem(ex, 502, "audit failed", String.valueOf(e.getMessage()));
            }
        }
    }

    static ObjectNode json(PeriodReport r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("day", r.day().toString());
        out.put("verified", r.verified());
        out.put("state", r.state().name());
        out.put("settlementRootHex", r.settlementRootHex());
        out.put("evmRootHex", r.evmRootHex());
        ObjectNode checked = out.putObject("checked");
        checked.put("settlements", r.settlements().size());
        checked.put("readings", r.readingsChecked());
        checked.put("payouts", r.checked().payouts());
        checked.put("billingChecked", r.checked().billingChecked());
        if (r.checked().billingChecked()) {
            checked.put("billingRows", r.checked().billingRows());
        } else {
            checked.putNull("billingRows");
        }
        PeriodReport.OrderCounts orders = r.checked().orders();
        checked.putObject("orders")
                .put("total", orders.total())
                .put("settled", orders.settled())
                .put("unsettled", orders.unsettled())
                .put("notYetSettleable", orders.notYetSettleable())
                .put("cancelled", orders.cancelled());
        ArrayNode period = out.putArray("periodDiscrepancies");
        r.periodDiscrepancies().forEach(d -> period.add(d.toString()));
        ArrayNode list = out.putArray("settlements");
        for (SettlementVerdict v : r.settlements()) {
            ObjectNode o = list.addObject();
            o.put("settlementId", v.settlementId());
            o.put("verdict", v.verified() ? "VERIFIED" : "DISCREPANCY");
            o.put("txId", v.txId());
            o.put("blockNumber", v.blockNumber());
            o.put("readingsChecked", v.readingsChecked());
            ArrayNode ds = o.putArray("discrepancies");
            for (Discrepancy d : v.discrepancies()) {
                ds.add(d.toString());
            }
        }
        return out;
    }

    private static void problem(HttpExchange ex, int status, String title, String detail) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        ex.getResponseHeaders().set("Content-Type", "application/problem+json");
        write(ex, status, p);
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        write(ex, status, body);
    }

    private static void write(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
