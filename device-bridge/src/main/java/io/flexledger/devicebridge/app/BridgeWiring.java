package io.flexledger.devicebridge.app;

import io.flexledger.client.KeycloakTokens;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.devicebridge.anchor.AnchorLedger;
import io.flexledger.devicebridge.anchor.AnchorService;
import io.flexledger.devicebridge.directory.CachingDeviceDirectory;
import io.flexledger.devicebridge.directory.DeviceDirectory;
import io.flexledger.devicebridge.http.HttpAnchorLedger;
import io.flexledger.devicebridge.http.HttpDeviceDirectory;
import io.flexledger.devicebridge.mqtt.MqttIngestion;
import io.flexledger.devicebridge.mqtt.MqttLogin;
import io.flexledger.devicebridge.mqtt.MqttSettings;
import io.flexledger.devicebridge.pipeline.BridgeStats;
import io.flexledger.devicebridge.pipeline.DaySeals;
import io.flexledger.devicebridge.pipeline.IngestionPipeline;
import io.flexledger.devicebridge.pipeline.PeriodRule;
import io.flexledger.devicebridge.pipeline.ReadingVerifier;
import io.flexledger.devicebridge.store.JdbcReadingStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * Builds the bridge's plain classes from the configuration. The two ports default to the HTTP
 * adapters of the DSO's marketplace-api; another bean of the port's type replaces them (tests).
 */
public class BridgeWiring {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Produces
    @Singleton
    TokenSource clientCredentials(BridgeConfig config, HttpClient http, Clock clock) {
        // One try per call: a reading whose device cannot be looked up stays unacknowledged and comes back.
        return new KeycloakTokens(
                URI.create(config.client().realmUrl().replaceAll("/+$", "") + "/protocol/openid-connect/token"),
                config.client().id(),
                config.client().secret(),
                http,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                clock);
    }

    @Produces
    @Singleton
    MarketplaceClient dsoApi(BridgeConfig config, HttpClient http, TokenSource tokens) {
        // One try per call, as for the tokens; a call waits 10 s for its answer unless it says otherwise.
        return new MarketplaceClient(
                URI.create(config.dsoApiUrl()),
                tokens,
                http,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                Duration.ofSeconds(10));
    }

    @Produces
    @Singleton
    @DefaultBean
    DeviceDirectory deviceDirectory(MarketplaceClient dsoApi) {
        return new HttpDeviceDirectory(dsoApi);
    }

    @Produces
    @Singleton
    @DefaultBean
    AnchorLedger anchorLedger(MarketplaceClient dsoApi) {
        return new HttpAnchorLedger(dsoApi);
    }

    @Produces
    @Singleton
    JdbcReadingStore store(DataSource dataSource) {
        return new JdbcReadingStore(dataSource);
    }

    @Produces
    @Singleton
    DaySeals seals(JdbcReadingStore store) {
        return new DaySeals(store.sealedDays());
    }

    @Produces
    @Singleton
    BridgeStats stats() {
        return new BridgeStats();
    }

    /**
     * The registry's answers, kept for a while: the devices behind each reading, the homes' aggregators
     * behind each read of readings. Typed as itself alone, so that it does not compete with the port.
     */
    @Produces
    @Singleton
    @Typed(CachingDeviceDirectory.class)
    CachingDeviceDirectory cachedDirectory(BridgeConfig config, DeviceDirectory directory, Clock clock) {
        return new CachingDeviceDirectory(
                directory, config.directory().knownTtl(), config.directory().unknownTtl(), clock);
    }

    @Produces
    @Singleton
    IngestionPipeline pipeline(
            BridgeConfig config,
            CachingDeviceDirectory directory,
            JdbcReadingStore store,
            DaySeals seals,
            BridgeStats stats,
            Clock clock) {
        ReadingVerifier verifier = new ReadingVerifier(
                directory,
                new PeriodRule(config.maxAgeDays(), config.maxAheadDays()),
                clock,
                ZoneId.of(config.marketZone()));
        return new IngestionPipeline(
                verifier,
                store,
                seals,
                stats,
                new IngestionPipeline.Settings(config.workers(), config.batchSize(), config.batchWait()),
                clock);
    }

    @Produces
    @Singleton
    MqttIngestion mqtt(BridgeConfig config, IngestionPipeline pipeline) {
        BridgeConfig.Mqtt m = config.mqtt();
        return new MqttIngestion(
                new MqttSettings(
                        m.host(),
                        m.port(),
                        m.clientId(),
                        m.topicFilter(),
                        m.receiptTopicRoot(),
                        m.sessionExpiry(),
                        // Read only when the bridge subscribes: a bridge without MQTT needs no password.
                        m.enabled()
                                ? MqttLogin.fromSecretFile(m.username(), java.nio.file.Path.of(m.passwordFile()))
                                : null),
                pipeline);
    }

    @Produces
    @Singleton
    AnchorService anchors(JdbcReadingStore store, DaySeals seals, AnchorLedger ledger, Clock clock) {
        return new AnchorService(store, seals, ledger, clock);
    }
}
