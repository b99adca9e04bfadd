package io.flexledger.devicebridge.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the Quarkus application of the tests at the test PostgreSQL (own schema) and Mosquitto. */
public class BridgeTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        TestInfra.ensureStarted();
        // The URL names no schema, as in the local stack: the datasource follows Flyway's schema
        // through application.properties, so these tests go through the service's own setting.
        return Map.of(
                "quarkus.datasource.jdbc.url", TestInfra.jdbcUrl(),
                "quarkus.flyway.schemas", "app_test",
                "bridge.mqtt.port", Integer.toString(TestInfra.mqttPort()),
                "bridge.mqtt.password-file", TestInfra.bridgeSecretFile().toString());
    }

    @Override
    public void stop() {
        // The servers stop with the test JVM (TestInfra), shared with the plain tests.
    }
}
