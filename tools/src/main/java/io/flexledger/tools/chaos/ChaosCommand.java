package io.flexledger.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.KeycloakTokens;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.StackEndpoints;
import io.flexledger.tools.chaos.ChaosOptions.Kind;
import io.flexledger.tools.stack.StackProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./flex chaos}: load on a running stack (offers through both aggregators' APIs, signed readings
 * through MQTT) while one process of each chosen kind is killed with SIGKILL on a schedule; then every
 * acknowledged offer is looked up on the ledger and every accepted reading in the database, each must
 * be there exactly once. Prints per fault the outage clients saw (the longest time without a
 * successful write), the failed tries and how long the killed process took to be healthy again.
 *
 * <p>Exit codes: 0 nothing lost or duplicated and every killed process back healthy; 1 a record lost
 * or duplicated, or a process not back; 2 usage; 3 the stack cannot be reached.
 */
public final class ChaosCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ChaosOptions options;
    private final Map<String, String> env;
    private final StackProcesses processes;
    private final Timeline timeline = new Timeline();
    private final Map<Timeline.Fault, Long> recoveredAt = new ConcurrentHashMap<>();
    private long epoch;

    ChaosCommand(ChaosOptions options, Map<String, String> env, StackProcesses processes) {
        this.options = options;
        this.env = env;
        this.processes = processes;
    }

    public static void main(String[] args) {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, String> env = System.getenv();
        Path home = Path.of(env.getOrDefault("FLEX_HOME", ".flex")).toAbsolutePath();
        StackProcesses processes = new StackProcesses(Path.of("").toAbsolutePath(), home);
        int code;
        try {
            code = new ChaosCommand(options, env, processes).run();
        } catch (StackUnreachable e) {
            System.err.println("chaos: " + e.getMessage());
            code = 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        } catch (Exception e) {
            System.err.println("chaos: " + e);
            code = 1;
        }
        System.exit(code);
    }

    /** The stack is not up or a service refuses the set-up. */
    static final class StackUnreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StackUnreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    int run() throws Exception {
        Map<String, Long> running = processes.pids();
        if (running.isEmpty()) {
            throw new StackUnreachable(
                    "no process of the stack runs (FLEX_HOME " + env.get("FLEX_HOME") + "): start it with ./flex up",
                    null);
        }
        List<String> victims = chooseVictims(running.keySet(), new java.util.SplittableRandom(options.seed()));
        String runId = "chaos-" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        LocalDate day = LocalDate.now().plusDays(30 + Math.floorMod(runId.hashCode(), 3000));
        System.err.printf(
                "chaos: run %s, day %s, %d s of load, faults: %s (seed %d)%n",
                runId, day, options.durationSeconds(), String.join(", ", victims), options.seed());

        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        MarketplaceClient dso = client(http, "FLEX_API_DSO", "dso-agent", RetryPolicy.defaults());
        Map<String, MarketplaceClient> aggregators = new LinkedHashMap<>();
        aggregators.put(
                "aggregator1", client(http, "FLEX_API_AGGREGATOR1", "aggregator1-agent", RetryPolicy.defaults()));
        aggregators.put(
                "aggregator2", client(http, "FLEX_API_AGGREGATOR2", "aggregator2-agent", RetryPolicy.defaults()));

        // ---- set-up: a congestion point, homes with approved meters ----
        String cp = runId.toUpperCase(Locale.ROOT);
        int homeCount = Math.max(2, (int) Math.ceil(options.readingsPerSecond() * options.durationSeconds() / 96.0));
        List<ReadingLoad.Home> homes = setUp(dso, aggregators, cp, runId, homeCount);

        // ---- load and faults ----
        Map<String, MarketplaceClient> loadClients = new LinkedHashMap<>();
        List<OfferLoad.Target> targets = new ArrayList<>();
        int h = 0;
        for (var e : aggregators.entrySet()) {
            MarketplaceClient c = client(
                    http,
                    "FLEX_API_" + e.getKey().toUpperCase(Locale.ROOT),
                    e.getKey() + "-agent",
                    new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
            loadClients.put(e.getKey(), c);
            targets.add(new OfferLoad.Target(e.getKey(), c, cp, homes.get(h++).assetId()));
        }
        epoch = System.currentTimeMillis();
        OfferLoad offers = new OfferLoad(targets, timeline, epoch, day, runId);
        ReadingLoad readings = new ReadingLoad(
                homes,
                "127.0.0.1",
                stack().mqttPort(),
                runId + "-meters",
                day,
                options.readingsPerSecond(),
                timeline,
                epoch);
        Thread monitor = new Thread(this::watchRecoveries, "chaos-health");
        monitor.setDaemon(true);
        offers.start(options.offerClients());
        readings.start();
        monitor.start();

        long faultSpan = (options.durationSeconds() - options.warmupSeconds()) * 1000L;
        for (int i = 0; i < victims.size(); i++) {
            sleepUntil(epoch + options.warmupSeconds() * 1000L + i * faultSpan / victims.size());
            String name = victims.get(i);
            var pid = processes.pid(name);
            long at = System.currentTimeMillis() - epoch;
            if (pid.isEmpty()) {
                System.err.printf("chaos: %6.1f s  %s is not running: no fault injected%n", at / 1000.0, name);
                continue;
            }
            processes.kill(pid.getAsLong());
            timeline.fault(new Timeline.Fault(kindOf(name).option(), name, pid.getAsLong(), at));
            System.err.printf("chaos: %6.1f s  SIGKILL %s (PID %d)%n", at / 1000.0, name, pid.getAsLong());
        }
        sleepUntil(epoch + options.durationSeconds() * 1000L);
        long loadEnd = System.currentTimeMillis() - epoch;
        System.err.printf(
                "chaos: load over after %.0f s: %d offers posted, %d readings published; waiting for the tries in flight%n",
                loadEnd / 1000.0, offers.posted(), readings.published());
        offers.stop(OfferLoad.GIVE_UP.plusSeconds(45));
        readings.stop(Duration.ofSeconds(120));

        // ---- every killed process back, by itself ----
        long recoverDeadline = System.currentTimeMillis() + options.recoverSeconds() * 1000L;
        while (recoveredAt.size() < timeline.faults().size() && System.currentTimeMillis() < recoverDeadline) {
            Thread.sleep(1000);
        }
        monitor.interrupt();

        // ---- reconciliation ----
        Reconciliation.Outcome offerOutcome = reconcileOffers(dso, offers.acknowledged(), day, runId);
        Reconciliation.Outcome readingOutcome = reconcileReadings(readings.acknowledged(), day, runId);

        List<Timeline.Window> windows = timeline.windows(timeline.firstSuccess(), loadEnd);
        ObjectNode report = report(runId, day, windows, offers, readings, offerOutcome, readingOutcome);
        System.out.print(ChaosReport.table(report));
        if (options.reportFile() != null) {
            Files.writeString(Path.of(options.reportFile()), JSON.writeValueAsString(report));
            System.err.println("chaos: report written to " + options.reportFile());
        }
        return report.path("passed").asBoolean() ? 0 : 1;
    }

    private List<String> chooseVictims(java.util.Set<String> names, java.util.SplittableRandom random) {
        List<String> out = new ArrayList<>();
        for (Kind kind : options.kinds()) {
            List<String> candidates =
                    names.stream().filter(kind::matches).sorted().toList();
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("--kill " + kind.option() + ": no such process runs in this stack ("
                        + String.join(" ", names) + ")");
            }
            out.add(candidates.get(random.nextInt(candidates.size())));
        }
        return out;
    }

    private Kind kindOf(String name) {
        for (Kind k : Kind.values()) {
            if (k.matches(name)) {
                return k;
            }
        }
        throw new IllegalStateException(name);
    }

    /** The stack's endpoints: the environment, then {@code $FLEX_HOME/env}, then the defaults. */
    private StackEndpoints stack() {
        return StackEndpoints.of(env, Path.of(""));
    }

    private MarketplaceClient client(HttpClient http, String apiVariable, String clientId, RetryPolicy retry) {
        String api = stack().lookup(apiVariable).orElse(null);
        if (api == null) {
            throw new StackUnreachable(apiVariable + " is not set: run through ./flex chaos", null);
        }
        String keycloak = stack().keycloak().toString();
        String secret = env.getOrDefault(
                clientId.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET", clientId + "-demo-secret");
        KeycloakTokens tokens = new KeycloakTokens(
                KeycloakTokens.endpoint(URI.create(keycloak), "flexledger"),
                clientId,
                secret,
                http,
                RetryPolicy.defaults(),
                Clock.systemUTC());
        return new MarketplaceClient(URI.create(api), tokens, http, retry, Duration.ofSeconds(40));
    }

    private List<ReadingLoad.Home> setUp(
            MarketplaceClient dso, Map<String, MarketplaceClient> aggregators, String cp, String runId, int count)
            throws Exception {
        System.err.printf("chaos: set-up: congestion point %s, %d homes with approved meters%n", cp, count);
        ObjectNode point = MarketplaceClient.object();
        point.put("id", cp);
        point.put("kind", "TRANSFORMER");
        point.put("capacityKw", 500);
        try {
            dso.post("/api/congestion-points", point);
        } catch (ApiProblemException e) {
            throw new StackUnreachable("the DSO's API refused the congestion point: " + e.getMessage(), e);
        }
        List<String> orgs = new ArrayList<>(aggregators.keySet());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReadingLoad.Home>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String org = orgs.get(i % orgs.size());
                String asset = runId + "-home" + i;
                String device = runId + "-meter" + i;
                KeyPair keys = generator.generateKeyPair();
                MarketplaceClient agg = aggregators.get(org);
                futures.add(pool.submit(() -> {
                    ObjectNode a = MarketplaceClient.object();
                    a.put("id", asset);
                    a.put("congestionPointId", cp);
                    ObjectNode home = a.putObject("home");
                    home.put("assetId", asset);
                    home.put("address", "Chaos Row " + asset);
                    home.put("meterId", device);
                    home.put("connectionCapacityKw", 9.2);
                    home.put("salt", salt());
                    agg.post("/api/assets", a);
                    String key =
                            Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
                    ObjectNode d = MarketplaceClient.object();
                    d.put("id", device);
                    d.put("assetId", asset);
                    d.put("kind", "METER");
                    d.put("keyAlgorithm", "EC");
                    d.put("publicKeyBase64", key);
                    agg.post("/api/devices", d);
                    awaitVisible(dso, "/api/devices/" + device);
                    ObjectNode approval = MarketplaceClient.object();
                    approval.put("publicKeyBase64", key);
                    dso.post("/api/devices/" + device + "/approval", approval);
                    return new ReadingLoad.Home(device, asset, keys);
                }));
            }
            List<ReadingLoad.Home> homes = new ArrayList<>();
            for (var f : futures) {
                try {
                    homes.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new StackUnreachable("set-up failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return homes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Notes when each killed process is healthy again (a new PID, healthy in the stack's status). */
    private void watchRecoveries() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Timeline.Fault> open = timeline.faults().stream()
                    .filter(f -> !recoveredAt.containsKey(f))
                    .toList();
            if (!open.isEmpty()) {
                // Only the killed processes are checked: a full status every second is load of its own.
                Map<String, Boolean> health = processes.health(open.stream()
                        .map(Timeline.Fault::process)
                        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
                Map<String, Long> pids = processes.pids();
                long now = System.currentTimeMillis() - epoch;
                for (Timeline.Fault f : open) {
                    Long pid = pids.get(f.process());
                    if (Boolean.TRUE.equals(health.get(f.process())) && pid != null && pid != f.pid()) {
                        recoveredAt.put(f, now);
                        System.err.printf(
                                "chaos: %6.1f s  %s healthy again (PID %d), %.1f s after the kill%n",
                                now / 1000.0, f.process(), pid, (now - f.atMillis()) / 1000.0);
                    }
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every offer of the run on the ledger, as the DSO's API lists the day (offers are public). */
    private Reconciliation.Outcome reconcileOffers(
            MarketplaceClient dso, Map<String, String> acknowledged, LocalDate day, String runId)
            throws InterruptedException {
        List<JsonNode> records = null;
        for (int attempt = 1; records == null; attempt++) {
            try {
                records = dso.listDay("offers", day);
            } catch (RuntimeException ex) {
                if (attempt >= 10) {
                    throw new StackUnreachable(
                            "cannot list the offers of " + day + " through the DSO's API: " + ex.getMessage(), ex);
                }
                Thread.sleep(3000);
            }
        }
        List<Map.Entry<String, String>> stored = new ArrayList<>();
        for (JsonNode r : records) {
            String id = r.path("id").asText();
            if (!id.startsWith(runId + "-")) {
                continue;
            }
            String org =
                    r.path("aggregatorMsp").asText().replaceFirst("MSP$", "").toLowerCase(Locale.ROOT);
            var slots = r.path("kwBySlot").fieldNames();
            stored.add(new AbstractMap.SimpleEntry<>(id, org + " " + (slots.hasNext() ? slots.next() : "?")));
        }
        return Reconciliation.of(acknowledged, stored);
    }

    private Reconciliation.Outcome reconcileReadings(Map<String, String> acknowledged, LocalDate day, String runId)
            throws Exception {
        String url = stack().postgresJdbc();
        String user = env.getOrDefault("FLEX_PG_USER", "flexledger");
        String password = env.getOrDefault("FLEX_PG_PASSWORD", "flexledger-demo");
        List<Map.Entry<String, String>> stored = new ArrayList<>();
        List<Long> storedAt = new ArrayList<>();
        // The bridge takes the broker's queue at its own pace: wait until it holds every accepted
        // reading, or until nothing more arrives for 20 s.
        long deadline = System.currentTimeMillis() + 180_000;
        int last = -1;
        long lastChange = System.currentTimeMillis();
        while (true) {
            stored.clear();
            storedAt.clear();
            try (Connection c = DriverManager.getConnection(url, user, password);
                    PreparedStatement s =
                            c.prepareStatement("select device_id, slot, sequence, received_at from bridge.meter_reading"
                                    + " where day = ? and device_id like ?")) {
                s.setObject(1, day);
                s.setString(2, runId + "-meter%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stored.add(new AbstractMap.SimpleEntry<>(
                                rs.getString(1) + " " + rs.getInt(2), Long.toString(rs.getLong(3))));
                        storedAt.add(rs.getTimestamp(4).getTime());
                    }
                }
            } catch (java.sql.SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new StackUnreachable("cannot read the readings from " + url + ": " + e.getMessage(), e);
                }
                Thread.sleep(2000);
                continue;
            }
            if (stored.size() != last) {
                last = stored.size();
                lastChange = System.currentTimeMillis();
            }
            boolean complete = stored.stream()
                    .map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toSet())
                    .containsAll(acknowledged.keySet());
            if (complete || System.currentTimeMillis() - lastChange > 20_000 || System.currentTimeMillis() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        for (long t : storedAt) {
            timeline.success("readings stored", t - epoch);
        }
        return Reconciliation.of(acknowledged, stored);
    }

    private ObjectNode report(
            String runId,
            LocalDate day,
            List<Timeline.Window> windows,
            OfferLoad offers,
            ReadingLoad readings,
            Reconciliation.Outcome offerOutcome,
            Reconciliation.Outcome readingOutcome) {
        ObjectNode r = JSON.createObjectNode();
        r.put("run", runId);
        r.put("day", day.toString());
        r.put("durationSeconds", options.durationSeconds());
        r.put("seed", options.seed());
        ArrayNode faults = r.putArray("faults");
        boolean allBack = true;
        for (Timeline.Window w : windows) {
            ObjectNode f = faults.addObject();
            f.put("atSeconds", w.fromMillis() / 1000.0);
            f.put("untilSeconds", w.toMillis() / 1000.0);
            if (w.fault() == null) {
                f.put("kind", "none");
                f.put("process", "(before the first fault)");
            } else {
                f.put("kind", w.fault().kind());
                f.put("process", w.fault().process());
                f.put("pid", w.fault().pid());
                Long back = recoveredAt.get(w.fault());
                if (back == null) {
                    allBack = false;
                    f.putNull("backHealthyAfterSeconds");
                } else {
                    f.put("backHealthyAfterSeconds", (back - w.fault().atMillis()) / 1000.0);
                }
            }
            ObjectNode outage = f.putObject("outageSeconds");
            w.outageMillis().forEach((stream, ms) -> outage.put(stream, ms / 1000.0));
            f.put("failedTries", w.failedTries());
        }
        ObjectNode o = r.putObject("offers");
        o.put("posted", offers.posted());
        o.put("acknowledged", offerOutcome.acknowledged());
        o.put("onLedgerOnce", offerOutcome.found());
        o.put("answeredAsReplay", offers.replays());
        o.put("givenUp", offers.givenUp());
        o.put("refused", offers.refused());
        o.set("lost", JSON.valueToTree(offerOutcome.lost()));
        o.set("duplicated", JSON.valueToTree(offerOutcome.duplicated()));
        ObjectNode m = r.putObject("readings");
        m.put("published", readings.published());
        m.put("accepted", readingOutcome.acknowledged());
        m.put("inDatabaseOnce", readingOutcome.found());
        m.put("neverAcknowledged", readings.unacknowledged());
        m.put("receipts", readings.receipted());
        m.put("resentForWantOfReceipt", readings.resent());
        m.put("withoutReceipt", readings.withoutReceipt());
        m.put("refused", readings.refused());
        m.set("lost", JSON.valueToTree(readingOutcome.lost()));
        m.set("duplicated", JSON.valueToTree(readingOutcome.duplicated()));
        r.put("failedTries", timeline.failedTries());
        r.put("everyKilledProcessBack", allBack);
        boolean readingsAnswered = readings.withoutReceipt() == 0 && readings.refused() == 0;
        r.put("everyReadingAnswered", readingsAnswered);
        r.put("everyOfferAnswered", offers.refused() == 0);
        r.put(
                "passed",
                offerOutcome.clean() && readingOutcome.clean() && offers.refused() == 0 && readingsAnswered && allBack);
        return r;
    }

    /** 16 random bytes in lower-case hex: the salt of a home's private record. */
    private static String salt() {
        byte[] b = new byte[16];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /**
     * Waits (at most 30 s) until {@code client}'s organisation reads {@code path}: a record another
     * organisation has just written reaches this one's peer a moment after the writer's.
     */
    static void awaitVisible(MarketplaceClient client, String path) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                client.get(path);
                return;
            } catch (io.flexledger.client.ApiProblemException e) {
                if (e.status() != 404 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }
}
