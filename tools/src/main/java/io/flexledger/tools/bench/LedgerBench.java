package io.flexledger.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.KeycloakTokens;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.StackEndpoints;
import io.flexledger.client.TokenSource;
import io.flexledger.tools.stack.IdempotentPost;
import io.flexledger.tools.stack.ProcessCpu;
import io.flexledger.tools.stack.StackProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./flex bench ledger COUNT [--concurrency C] [--warmup N] [--only api|gateway] [--json]}: posts
 * COUNT offers through Aggregator1's and Aggregator2's APIs (alternately) with C clients at once, then
 * submits COUNT offers of the same shape straight through the Fabric Gateway at the same concurrency
 * (the baseline), and reports for each run the committed offers per second, the latency percentiles,
 * the errors and retries, and each stack process's CPU seconds per committed offer.
 */
public final class LedgerBench {
    static final String USAGE =
            "usage: ./flex bench ledger [COUNT] [--concurrency C] [--warmup N] [--only api|gateway] [--json]";

    /** The parsed command line. */
    record Options(int count, int concurrency, int warmup, String only, boolean json) {
        static Options parse(String... args) {
            int count = 100;
            int concurrency = 1;
            Integer warmup = null;
            String only = null;
            boolean json = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--concurrency", "-c" -> concurrency = positive(a, value(args, ++i, a));
                    case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
                    case "--only" -> {
                        only = value(args, ++i, a);
                        if (!only.equals("api") && !only.equals("gateway")) {
                            throw new IllegalArgumentException("--only takes api or gateway, not " + only);
                        }
                    }
                    case "--json" -> json = true;
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        count = positive("COUNT", a);
                    }
                }
            }
            // warm-up: enough for the JIT of the client and the services, not counted
            int w = warmup != null ? warmup : Math.min(50, Math.max(concurrency * 2, count / 10));
            if (w < 0) {
                throw new IllegalArgumentException("--warmup must be >= 0");
            }
            return new Options(count, concurrency, w, only, json);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String what, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number >= 1, not " + v);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final Path root = Path.of("").toAbsolutePath();
    private final Path flexHome;
    private final StackEndpoints stack;
    private final int offset;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000);
    private final String day = LocalDate.now().plusDays(2).toString();
    private final HttpClient http = IdempotentPost.client();
    private final IdempotentPost poster =
            new IdempotentPost(http, Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMillis(500));
    private final ProcessCpu cpu = new ProcessCpu();

    LedgerBench(Options options) {
        this.options = options;
        this.stack = StackEndpoints.of(System.getenv(), root);
        this.flexHome = stack.home().toAbsolutePath();
        this.offset = stack.portOffset();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            List<PhaseResult> runs = new LedgerBench(options).run();
            System.out.print(options.json() ? Report.json(runs) + System.lineSeparator() : Report.table(runs));
            boolean failed = runs.stream().anyMatch(r -> r.errors() > 0);
            System.exit(failed ? 1 : 0);
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(3);
        }
    }

    /** An aggregator as the benchmark uses it: its API, its token, its peer and its bench home. */
    private record Aggregator(String key, String msp, URI api, TokenSource tokens, String peer, String asset) {}

    List<PhaseResult> run() {
        URI dso = stack.api("dso");
        URI tokenEndpoint = stack.tokenEndpoint();
        requireUp(dso);
        List<Aggregator> aggregators = List.of(
                aggregator(1, "Aggregator1MSP", 8051, tokenEndpoint),
                aggregator(2, "Aggregator2MSP", 9051, tokenEndpoint));
        setUp(dso, tokens(tokenEndpoint, "dso-agent"), aggregators);

        Map<String, Long> pids = StackProcesses.find(root, flexHome);
        if (pids.isEmpty()) {
            log("no PIDs under " + flexHome + "/pids: the CPU table has the benchmark's own process only");
        }
        List<PhaseResult> runs = new ArrayList<>();
        if (!"gateway".equals(options.only())) {
            runs.add(phase("api", pids, (i, tag) -> viaApi(aggregators.get(i % 2), tag, i)));
        }
        if (!"api".equals(options.only())) {
            List<GatewayOffers> gateways = new ArrayList<>();
            try {
                for (Aggregator a : aggregators) {
                    gateways.add(new GatewayOffers(flexHome.resolve("crypto"), a.key(), a.msp(), a.peer()));
                }
                runs.add(phase("gateway", pids, (i, tag) -> {
                    Aggregator a = aggregators.get(i % 2);
                    return gateways.get(i % 2)
                            .create(
                                    offerJson(a, tag, i, true),
                                    UUID.randomUUID().toString(),
                                    120_000);
                }));
            } finally {
                gateways.forEach(GatewayOffers::close);
            }
        }
        return runs;
    }

    @FunctionalInterface
    private interface Tagged {
        Load.Outcome post(int index, String tag);
    }

    private PhaseResult phase(String name, Map<String, Long> pids, Tagged offer) {
        if (options.warmup() > 0) {
            log(name + ": warming up with " + options.warmup() + " offers (not counted)");
            Load.run(options.warmup(), options.concurrency(), i -> offer.post(i, name + "w"), () -> true);
        }
        log(name + ": " + options.count() + " offers, " + options.concurrency() + " at once");
        AtomicInteger done = new AtomicInteger();
        Map<String, Double> before = snapshot(pids);
        Load.Measured m = Load.run(options.count(), options.concurrency(), i -> offer.post(i, name), () -> {
            int d = done.incrementAndGet();
            if (d % 100 == 0 && !options.json()) {
                System.err.printf("\rbench: %s %d/%d", name, d, options.count());
            }
            return true;
        });
        Map<String, Double> after = snapshot(pids);
        if (!options.json() && options.count() >= 100) {
            System.err.println();
        }
        m.firstErrors().forEach(e -> log(name + ": " + e));
        return new PhaseResult(
                name,
                options.count(),
                m.committed(),
                m.errors(),
                m.retries(),
                options.concurrency(),
                m.wallSeconds(),
                new Latencies(m.latenciesMs()),
                PhaseResult.difference(before, after));
    }

    private Map<String, Double> snapshot(Map<String, Long> pids) {
        Map<String, Double> s = new LinkedHashMap<>(cpu.snapshot(pids));
        s.put("bench (this client)", cpu.self());
        return s;
    }

    private Load.Outcome viaApi(Aggregator a, String tag, int i) {
        IdempotentPost.Outcome o = poster.post(
                a.api().resolve("/api/offers"), a.tokens(), UUID.randomUUID().toString(), offerJson(a, tag, i, false));
        if (o.ok()) {
            return new Load.Outcome(true, o.retries(), null);
        }
        String why = o.error() != null ? o.error() : "HTTP " + o.status() + " " + abbreviate(o.body());
        return new Load.Outcome(false, o.retries(), why);
    }

    /** The offer's JSON; with {@code aggregatorMsp} as the API adds it before calling the ledger. */
    private String offerJson(Aggregator a, String tag, int i, boolean withMsp) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "b-" + runId + "-" + tag + "-" + i);
        o.put("congestionPointId", "TX1");
        o.put("assetId", a.asset());
        o.put("day", day);
        o.putObject("kwBySlot").put("70", 1.0);
        o.put("price", 0.2);
        o.put("minActivation", 0);
        if (withMsp) {
            o.put("aggregatorMsp", a.msp());
        }
        return o.toString();
    }

    private Aggregator aggregator(int n, String msp, int peerPort, URI tokenEndpoint) {
        String key = "aggregator" + n;
        URI api = stack.api(key);
        return new Aggregator(
                key,
                msp,
                api,
                tokens(tokenEndpoint, key + "-agent"),
                "127.0.0.1:" + (peerPort + offset),
                "bench-" + runId + "-a" + n);
    }

    private TokenSource tokens(URI endpoint, String client) {
        return new KeycloakTokens(
                endpoint, client, client + "-demo-secret", http, RetryPolicy.defaults(), Clock.systemUTC());
    }

    /** A congestion point (the DSO's; already there is fine) and one home per aggregator. */
    private void setUp(URI dso, TokenSource dsoTokens, List<Aggregator> aggregators) {
        var cp = poster.post(
                dso.resolve("/api/congestion-points"),
                dsoTokens,
                UUID.randomUUID().toString(),
                "{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}");
        if (!cp.ok() && cp.status() != 409) {
            throw new IllegalStateException("congestion point TX1: HTTP " + cp.status() + " " + abbreviate(cp.body()));
        }
        for (Aggregator a : aggregators) {
            ObjectNode body = JSON.createObjectNode();
            body.put("id", a.asset());
            body.put("congestionPointId", "TX1");
            ObjectNode home = body.putObject("home");
            home.put("assetId", a.asset());
            home.put("address", "Bench Row");
            home.put("meterId", "m-" + a.asset());
            home.put("connectionCapacityKw", 9.2);
            home.put("salt", UUID.randomUUID().toString().replace("-", ""));
            var r = poster.post(
                    a.api().resolve("/api/assets"),
                    a.tokens(),
                    UUID.randomUUID().toString(),
                    body.toString());
            if (r.status() != 201) {
                throw new IllegalStateException("registering " + a.asset() + " through " + a.api() + ": HTTP "
                        + r.status() + " " + abbreviate(r.body()));
            }
        }
    }

    private void requireUp(URI dso) {
        try {
            var r = http.send(
                    java.net.http.HttpRequest.newBuilder(dso.resolve("/q/health/ready"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(
                        "the DSO's API at " + dso + " is not ready (HTTP " + r.statusCode() + ")");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stack is not up (./flex up): " + dso + " does not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (!Files.isDirectory(flexHome.resolve("crypto"))) {
            throw new IllegalStateException("no crypto under " + flexHome + " (set FLEX_HOME to the stack's folder)");
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private void log(String message) {
        System.err.println("bench: " + message);
    }
}
