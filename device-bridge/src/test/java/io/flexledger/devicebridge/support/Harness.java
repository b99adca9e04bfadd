package io.flexledger.devicebridge.support;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.agroal.api.AgroalDataSource;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.devicebridge.anchor.AnchorService;
import io.flexledger.devicebridge.mqtt.MqttIngestion;
import io.flexledger.devicebridge.mqtt.MqttSettings;
import io.flexledger.devicebridge.pipeline.BridgeStats;
import io.flexledger.devicebridge.pipeline.DaySeals;
import io.flexledger.devicebridge.pipeline.IngestionPipeline;
import io.flexledger.devicebridge.pipeline.PeriodRule;
import io.flexledger.devicebridge.pipeline.ReadingVerifier;
import io.flexledger.devicebridge.reading.RejectionReason;
import io.flexledger.devicebridge.store.Databases;
import io.flexledger.devicebridge.store.JdbcReadingStore;
import io.flexledger.devicebridge.store.ReadingStore;
import io.flexledger.domain.metering.SignedReading;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One bridge as the service wires it (real broker, real database, in-memory ledger ports), on a
 * schema and a topic root of its own, that a test can start, stop or crash and start again.
 */
public final class Harness implements AutoCloseable {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String USER = "flexledger";
    private static final String PASSWORD = "flexledger-demo";

    public final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    public final InMemoryAnchorLedger ledger = new InMemoryAnchorLedger();
    public final JdbcReadingStore store;
    private final String topicRoot;
    private final String receiptRoot;
    private final String clientId;
    private final AgroalDataSource dataSource;
    private final Mqtt5BlockingClient publisher;
    private final UnaryOperator<ReadingStore> storeWrapper;
    private BridgeStats stats;
    private DaySeals seals;
    private MqttIngestion bridge;
    private IngestionPipeline pipeline;

    public Harness() {
        this(UnaryOperator.identity());
    }

    /** A harness whose pipeline stores through {@code storeWrapper} applied to the real store. */
    public Harness(UnaryOperator<ReadingStore> storeWrapper) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String schema = "t_" + id;
        topicRoot = "t" + id + "/readings";
        receiptRoot = "t" + id + "/receipts";
        clientId = "bridge-" + id;
        String url = TestInfra.jdbcUrl(schema);
        Databases.migrate(url, USER, PASSWORD, schema);
        dataSource = Databases.pool(url, USER, PASSWORD, 4);
        store = new JdbcReadingStore(dataSource);
        this.storeWrapper = storeWrapper;
        publisher = MqttClient.builder()
                .useMqttVersion5()
                .identifier("pub-" + id)
                .serverHost("127.0.0.1")
                .serverPort(TestInfra.mqttPort())
                .automaticReconnectWithDefaultConfig()
                .buildBlocking();
        // A persistent session, so that publishes not yet acknowledged are sent again after a reconnect.
        publisher.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
    }

    /** Today in the market's zone. */
    public static LocalDate today() {
        return LocalDate.now(LONDON);
    }

    /** Starts a fresh bridge process (new pipeline, counters and caches) on the same session. */
    public void startBridge() {
        stats = new BridgeStats();
        seals = new DaySeals(store.sealedDays());
        Clock clock = Clock.systemUTC();
        ReadingVerifier verifier = new ReadingVerifier(directory, new PeriodRule(7), clock, LONDON);
        pipeline = new IngestionPipeline(
                verifier,
                storeWrapper.apply(store),
                seals,
                stats,
                new IngestionPipeline.Settings(2, 200, Duration.ofMillis(5)),
                clock);
        bridge = new MqttIngestion(
                new MqttSettings(
                        "127.0.0.1",
                        TestInfra.mqttPort(),
                        clientId,
                        topicRoot + "/+",
                        receiptRoot,
                        Duration.ofHours(1),
                        TestInfra.bridgeLogin()),
                pipeline);
        bridge.start(Duration.ofSeconds(10));
    }

    /** Stops the bridge cleanly. */
    public void stopBridge() {
        bridge.stop(Duration.ofSeconds(10));
    }

    /** Stops the bridge as a crash would: nothing uncommitted is acknowledged. */
    public void crashBridge() {
        bridge.crash();
    }

    /** The anchor service of the running bridge. */
    public AnchorService anchors() {
        return new AnchorService(store, seals, ledger, Clock.systemUTC());
    }

    /** Messages the running bridge has taken but not committed. */
    public int inFlight() {
        return pipeline.inFlight();
    }

    /** Whether the publisher is connected (it reconnects by itself after a broker restart). */
    public boolean publisherConnected() {
        return publisher.getState().isConnected();
    }

    /** The running bridge's counters. */
    public BridgeStats stats() {
        return stats;
    }

    /** Where {@code deviceId} publishes its readings to this bridge. */
    public String clientId() {
        return clientId;
    }

    /** The topic {@code deviceId} publishes its readings to for this bridge. */
    public String readingTopic(String deviceId) {
        return topicRoot + "/" + deviceId;
    }

    /** Where the running bridge sends the receipts of {@code deviceId}'s messages. */
    public String receiptTopic(String deviceId) {
        return receiptRoot + "/" + deviceId;
    }

    /** Publishes a signed reading on its device's topic, QoS 1 (returns once the broker has it). */
    public void publish(SignedReading reading) {
        publishRaw(
                reading.reading().deviceId(), ReadingCodec.toJsonText(reading).getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes any payload on a device's topic, QoS 1. */
    public void publishRaw(String deviceId, byte[] payload) {
        publisher
                .publishWith()
                .topic(topicRoot + "/" + deviceId)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send();
    }

    /** Rows in meter_reading. */
    public long storedReadings() {
        return count("SELECT COUNT(*) FROM meter_reading");
    }

    /** Distinct (device, sequence) pairs stored: equal to the row count when nothing is stored twice. */
    public long distinctStored() {
        return count("SELECT COUNT(*) FROM (SELECT DISTINCT device_id, sequence FROM meter_reading) d");
    }

    /** Rows in rejected_reading with {@code reason}. */
    public long storedRejections(RejectionReason reason) {
        return count("SELECT COUNT(*) FROM rejected_reading WHERE reason = '" + reason.name() + "'");
    }

    /** The detail of the latest rejection with {@code reason}. */
    public String lastRejectionDetail(RejectionReason reason) {
        return text(
                "SELECT detail FROM rejected_reading WHERE reason = '" + reason.name() + "' ORDER BY id DESC LIMIT 1");
    }

    /** Runs an UPDATE (tests that tamper with stored data). */
    public int execute(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (bridge != null) {
            bridge.stop(Duration.ofSeconds(5));
        }
        try {
            publisher.disconnect();
        } catch (com.hivemq.client.mqtt.exceptions.MqttClientStateException e) {
            // Still reconnecting after a broker restart: nothing to disconnect.
        }
        dataSource.close();
    }
}
