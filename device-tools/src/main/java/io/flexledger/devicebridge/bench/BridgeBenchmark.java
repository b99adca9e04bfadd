package io.flexledger.devicebridge.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.agroal.api.AgroalDataSource;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.devicebridge.directory.DeviceDirectory;
import io.flexledger.devicebridge.directory.RegisteredDevice;
import io.flexledger.devicebridge.mqtt.MqttIngestion;
import io.flexledger.devicebridge.mqtt.MqttLogin;
import io.flexledger.devicebridge.mqtt.MqttSettings;
import io.flexledger.devicebridge.pipeline.BridgeStats;
import io.flexledger.devicebridge.pipeline.DaySeals;
import io.flexledger.devicebridge.pipeline.IngestionPipeline;
import io.flexledger.devicebridge.pipeline.PeriodRule;
import io.flexledger.devicebridge.pipeline.ReadingVerifier;
import io.flexledger.devicebridge.reading.AcceptedReading;
import io.flexledger.devicebridge.store.Databases;
import io.flexledger.devicebridge.store.JdbcReadingStore;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * Readings verified and stored per second through the real pipeline (Mosquitto, PostgreSQL), with
 * two baselines measured in the same run: signature verification alone, and batched inserts alone.
 * Run through {@code device-tools/bench/run.sh}, which starts and stops the servers.
 *
 * <p>Arguments: {@code JDBC_URL MQTT_PORT [READINGS [DEVICES [WORKERS]]]}.
 */
public final class BridgeBenchmark {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String USER = "flexledger";
    private static final String PASSWORD = "flexledger-demo";
    private static final String MSP = "Aggregator1MSP";

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters BENCH_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private BridgeBenchmark() {}

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int mqttPort = Integer.parseInt(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int deviceCount = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int workers = args.length > 4 ? Integer.parseInt(args[4]) : 2;

        long t0 = System.nanoTime();
        Map<String, RegisteredDevice> devices = new HashMap<>();
        Map<String, java.security.PublicKey> jdkKeys = new HashMap<>();
        List<KeyPair> keys = new ArrayList<>();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        for (int d = 0; d < deviceCount; d++) {
            KeyPair k = g.generateKeyPair();
            keys.add(k);
            Device device = new Device(
                    id("meter", d),
                    id("home", d),
                    DeviceKind.METER,
                    "EC",
                    Base64.getEncoder().encodeToString(k.getPublic().getEncoded()));
            devices.put(device.id(), RegisteredDevice.of(device, MSP));
            jdkKeys.put(device.id(), k.getPublic());
        }
        List<SignedReading> readings = sign(n, deviceCount, keys);
        List<byte[]> payloads = readings.stream()
                .map(r -> ReadingCodec.toJsonText(r).getBytes(StandardCharsets.UTF_8))
                .toList();
        System.out.printf("prepared %d signed readings of %d devices in %.1f s%n", n, deviceCount, secs(t0));

        // Warm-up of both verifiers, then the bridge's verifier over all readings, the JDK's over a sample.
        rate(
                readings.subList(0, Math.min(5_000, n)),
                workers,
                r -> devices.get(r.reading().deviceId()).signature().verifies(r));
        List<SignedReading> sample = readings.subList(0, Math.min(2_000, n));
        rate(
                sample.subList(0, sample.size() / 4),
                workers,
                r -> r.verify(jdkKeys.get(r.reading().deviceId())));
        double verifyPerSecond = rate(
                readings,
                workers,
                r -> devices.get(r.reading().deviceId()).signature().verifies(r));
        double jdkPerSecond =
                rate(sample, workers, r -> r.verify(jdkKeys.get(r.reading().deviceId())));
        System.out.printf(
                "baseline: signature verification alone (%d threads): %,.0f readings/s (JDK SunEC on %d of them: %,.0f/s)%n",
                workers, verifyPerSecond, sample.size(), jdkPerSecond);

        double insertPerSecond = insertOnly(baseUrl, readings);
        System.out.printf("baseline: batched inserts alone (500 per transaction): %,.0f readings/s%n", insertPerSecond);

        double drained = endToEnd(baseUrl, mqttPort, payloads, devices, workers, true);
        System.out.printf(
                "end to end, queued: %d readings waiting in the broker, bridge started: %,.0f readings/s verified and stored%n",
                n, drained);
        double live = endToEnd(baseUrl, mqttPort, payloads, devices, workers, false);
        System.out.printf(
                "end to end, live: publisher and bridge running side by side: %,.0f readings/s verified and stored%n",
                live);
        System.out.printf(
                "ratios: queued/verify-alone %.2f, queued/insert-alone %.2f, live/verify-alone %.2f%n",
                drained / verifyPerSecond, drained / insertPerSecond, live / verifyPerSecond);
        System.out.printf(
                "RESULT {\"readings\":%d,\"devices\":%d,\"workers\":%d,\"verifyOnlyPerS\":%.0f,\"jdkVerifyPerS\":%.0f,\"insertOnlyPerS\":%.0f,"
                        + "\"endToEndQueuedPerS\":%.0f,\"endToEndLivePerS\":%.0f}%n",
                n, deviceCount, workers, verifyPerSecond, jdkPerSecond, insertPerSecond, drained, live);
        System.exit(0);
    }

    /** N readings spread over the devices: each device's slots in order, over yesterday and today. */
    private static List<SignedReading> sign(int n, int deviceCount, List<KeyPair> keys) {
        LocalDate today = LocalDate.now(LONDON);
        int perDevice = (n + deviceCount - 1) / deviceCount;
        int slotsYesterday = MarketPeriod.of(today.minusDays(1)).slotCount();
        List<MeterReading> plain = new ArrayList<>(n);
        // Round-robin over devices, so that every device is busy throughout, as meters are.
        for (int k = 0; k < perDevice && plain.size() < n; k++) {
            LocalDate day = k < slotsYesterday ? today.minusDays(1) : today;
            int slot = k < slotsYesterday ? k : k - slotsYesterday;
            for (int d = 0; d < deviceCount && plain.size() < n; d++) {
                plain.add(new MeterReading(
                        id("meter", d),
                        id("home", d),
                        day,
                        slot,
                        KilowattHours.parse("0." + (100 + (k * 7 + d) % 900)),
                        k + 1L));
            }
        }
        return IntStream.range(0, plain.size())
                .parallel()
                .mapToObj(i -> SignedReading.sign(
                        plain.get(i), keys.get(i % deviceCount).getPrivate()))
                .toList();
    }

    /** Readings per second that {@code check} passes on {@code workers} threads (all must pass). */
    private static double rate(
            List<SignedReading> readings, int workers, java.util.function.Predicate<SignedReading> check)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> parts = new ArrayList<>();
            int chunk = (readings.size() + workers - 1) / workers;
            for (int w = 0; w < workers; w++) {
                List<SignedReading> part = readings.subList(
                        Math.min(w * chunk, readings.size()), Math.min((w + 1) * chunk, readings.size()));
                parts.add(pool.submit(() -> (int) part.stream().filter(check).count()));
            }
            int ok = 0;
            for (Future<Integer> f : parts) {
                ok += f.get();
            }
            double perSecond = readings.size() / secs(start);
            if (ok != readings.size()) {
                throw new IllegalStateException("only " + ok + " of " + readings.size() + " signatures verified");
            }
            return perSecond;
        } finally {
            pool.shutdown();
        }
    }

    private static double insertOnly(String baseUrl, List<SignedReading> readings) {
        String schema = "bench_insert_" + System.currentTimeMillis();
        String url = withSchema(baseUrl, schema);
        Databases.migrate(url, USER, PASSWORD, schema);
        try (AgroalDataSource ds = Databases.pool(url, USER, PASSWORD, 2)) {
            JdbcReadingStore store = new JdbcReadingStore(ds);
            long start = System.nanoTime();
            for (int i = 0; i < readings.size(); i += 500) {
                List<AcceptedReading> batch = readings.subList(i, Math.min(i + 500, readings.size())).stream()
                        .map(r -> new AcceptedReading(r, MSP))
                        .toList();
                store.commit(batch, List.of(), java.time.Instant.now());
            }
            return readings.size() / secs(start);
        }
    }

    private static double endToEnd(
            String baseUrl,
            int mqttPort,
            List<byte[]> payloads,
            Map<String, RegisteredDevice> devices,
            int workers,
            boolean queuedFirst)
            throws Exception {
        String schema = "bench_e2e_" + System.currentTimeMillis();
        String url = withSchema(baseUrl, schema);
        Databases.migrate(url, USER, PASSWORD, schema);
        String topicRoot = schema + "/readings";
        try (AgroalDataSource ds = Databases.pool(url, USER, PASSWORD, 4)) {
            JdbcReadingStore store = new JdbcReadingStore(ds);
            BridgeStats stats = new BridgeStats();
            Clock clock = Clock.systemUTC();
            ReadingVerifier verifier =
                    new ReadingVerifier(DeviceDirectory.of(devices), new PeriodRule(7), clock, LONDON);
            IngestionPipeline pipeline = new IngestionPipeline(
                    verifier,
                    store,
                    new DaySeals(List.of()),
                    stats,
                    new IngestionPipeline.Settings(workers, 500, Duration.ofMillis(20)),
                    clock);
            // One persistent session for both bridges of a queued run: the second finds the queue.
            MqttSettings mqtt = new MqttSettings(
                    "127.0.0.1",
                    mqttPort,
                    "bench-" + schema,
                    topicRoot + "/+",
                    schema + "/receipts",
                    Duration.ofHours(1),
                    MqttLogin.fromSecretFile(
                            MqttLogin.BRIDGE_USER,
                            MqttLogin.secretFileOf(
                                    java.nio.file.Path.of(System.getenv().getOrDefault("FLEX_HOME", ".flex")))));
            MqttIngestion bridge = new MqttIngestion(mqtt, pipeline);
            Mqtt5AsyncClient publisher = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("bench-pub-" + schema)
                    .serverHost("127.0.0.1")
                    .serverPort(mqttPort)
                    .buildAsync();
            publisher.connect().get(10, TimeUnit.SECONDS);
            long start;
            if (queuedFirst) {
                // The session exists (subscribed once), the bridge leaves, every reading is queued for it.
                bridge.start(Duration.ofSeconds(10));
                bridge.stop(Duration.ofSeconds(5));
                publishAll(publisher, topicRoot, payloads);
                start = System.nanoTime();
                bridge = new MqttIngestion(mqtt, pipelineLike(verifier, store, stats, workers, clock));
                bridge.start(Duration.ofSeconds(10));
            } else {
                bridge.start(Duration.ofSeconds(10));
                start = System.nanoTime();
                publishAll(publisher, topicRoot, payloads);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (stats.snapshot().accepted() < payloads.size() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double rate = stats.snapshot().accepted() / secs(start);
            if (stats.snapshot().accepted() != payloads.size()) {
                System.out.printf(
                        "  (only %d of %d stored within 90 s; rejected %s)%n",
                        stats.snapshot().accepted(),
                        payloads.size(),
                        stats.snapshot().rejected());
            }
            bridge.stop(Duration.ofSeconds(5));
            publisher.disconnect().get(10, TimeUnit.SECONDS);
            return rate;
        }
    }

    /** A fresh pipeline with the same parts, as a restarted bridge would have. */
    private static IngestionPipeline pipelineLike(
            ReadingVerifier verifier, JdbcReadingStore store, BridgeStats stats, int workers, Clock clock) {
        return new IngestionPipeline(
                verifier,
                store,
                new DaySeals(List.of()),
                stats,
                new IngestionPipeline.Settings(workers, 500, Duration.ofMillis(20)),
                clock);
    }

    private static void publishAll(Mqtt5AsyncClient publisher, String topicRoot, List<byte[]> payloads)
            throws Exception {
        List<CompletableFuture<?>> window = new ArrayList<>();
        for (byte[] p : payloads) {
            String deviceId = new String(p, 0, Math.min(p.length, 40), StandardCharsets.UTF_8)
                    .replaceAll("^\\{\"deviceId\":\"([^\"]+)\".*$", "$1");
            window.add(publisher
                    .publishWith()
                    .topic(topicRoot + "/" + deviceId)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(p)
                    .send());
            // A bounded window of unacknowledged publishes, as a gateway of many meters would keep.
            if (window.size() == 1000) {
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);
                window.clear();
            }
        }
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private static String withSchema(String baseUrl, String schema) {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String id(String prefix, int i) {
        return String.format("%s-%04d", prefix, i);
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
