package io.flexledger.devicebridge.app;

import io.flexledger.devicebridge.mqtt.MqttIngestion;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** Subscribes when the service starts (after the schema is migrated) and leaves when it stops. */
@ApplicationScoped
public class BridgeLifecycle {
    private final BridgeConfig config;
    private final MqttIngestion mqtt;

    public BridgeLifecycle(BridgeConfig config, MqttIngestion mqtt) {
        this.config = config;
        this.mqtt = mqtt;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mqtt().enabled()) {
            mqtt.start(config.mqtt().connectTimeout());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        // The session stays with the broker; whatever was not committed is delivered again later.
        mqtt.stop(Duration.ofSeconds(10));
    }
}
