package io.flexledger.devicebridge.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The bridge's settings ({@code bridge.*} in application.properties). */
@ConfigMapping(prefix = "bridge")
public interface BridgeConfig {
    /** The MQTT session. */
    Mqtt mqtt();

    /** How many days back a reading is still taken. */
    @WithDefault("7")
    int maxAgeDays();

    /**
     * How many days ahead a reading may be dated: 2 for real meters; the local stack replays future
     * market days (their gate must still be open when offered) and allows more.
     */
    @WithDefault("2")
    int maxAheadDays();

    /** The market's time zone: "today" is counted there. */
    @WithDefault("Europe/London")
    String marketZone();

    /** Verification threads. */
    @WithDefault("2")
    int workers();

    /** Most messages stored per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Longest wait for a batch to fill. */
    @WithDefault("20ms")
    Duration batchWait();

    /** The device registry cache. */
    Directory directory();

    /** The DSO's marketplace-api (device registry and anchors). */
    String dsoApiUrl();

    /** The OAuth client the bridge calls the DSO's API as. */
    Client client();

    /** MQTT settings. */
    interface Mqtt {
        /** Whether the bridge subscribes at start. */
        @WithDefault("true")
        boolean enabled();

        String host();

        int port();

        String clientId();

        String topicFilter();

        /** Where each message's receipt goes: {@code <root>/<deviceId>}. */
        @WithDefault("flexledger/receipts")
        String receiptTopicRoot();

        Duration sessionExpiry();

        /** The broker's user of the bridge: the only one that may read readings and publish receipts. */
        @WithDefault("flexledger-bridge")
        String username();

        /** The file holding that user's password (mosquitto.sh writes it for each stack). */
        String passwordFile();

        /** How long the start waits for the broker. */
        @WithDefault("10s")
        Duration connectTimeout();
    }

    /** Registry cache settings (devices and the aggregators of homes). */
    interface Directory {
        /** How long a registered device or home is kept (a home never changes aggregator). */
        @WithDefault("10m")
        Duration knownTtl();

        /** How long an unknown id is remembered as unknown. */
        @WithDefault("30s")
        Duration unknownTtl();
    }

    /** Client-credential settings. */
    interface Client {
        String realmUrl();

        String id();

        String secret();
    }
}
