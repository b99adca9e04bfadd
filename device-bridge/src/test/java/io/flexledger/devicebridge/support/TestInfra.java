package io.flexledger.devicebridge.support;

import io.flexledger.devicebridge.mqtt.MqttLogin;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real PostgreSQL and Mosquitto of the tests, started once per test JVM through the project's
 * scripts on free loopback ports, with their data in temporary folders, and stopped by PID when the
 * JVM exits. The ports travel in system properties, so that the test resource of the Quarkus tests
 * (another class loader) finds the same servers.
 */
public final class TestInfra {
    private static final String PG_PORT = "devicebridge.test.pg-port";
    private static final String MQTT_PORT = "devicebridge.test.mqtt-port";
    private static final String HOME = "devicebridge.test.flex-home";
    private static final Path SCRIPTS =
            Path.of("..", "network-config", "scripts").toAbsolutePath().normalize();

    private TestInfra() {}

    /** Starts both servers unless this JVM already did. */
    public static synchronized void ensureStarted() {
        if (System.getProperty(PG_PORT) != null) {
            return;
        }
        try {
            int pg = freePort();
            int mqtt = freePort();
            Path home = Files.createTempDirectory("flexledger-bridge-test-");
            System.setProperty(PG_PORT, Integer.toString(pg));
            System.setProperty(MQTT_PORT, Integer.toString(mqtt));
            System.setProperty(HOME, home.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::stopAll, "test-infra-stop"));
            script("postgres.sh", "start");
            script("mosquitto.sh", "start");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test servers", e);
        }
    }

    /** The JDBC URL of the test database with its own schema. */
    public static String jdbcUrl(String schema) {
        return jdbcUrl() + "?currentSchema=" + schema;
    }

    /** The JDBC URL of the test database, no schema named (as FLEX_PG_URL in the local stack). */
    public static String jdbcUrl() {
        ensureStarted();
        return "jdbc:postgresql://127.0.0.1:" + System.getProperty(PG_PORT) + "/flexledger";
    }

    /** The broker's port. */
    public static int mqttPort() {
        ensureStarted();
        return Integer.parseInt(System.getProperty(MQTT_PORT));
    }

    /** The password file of the bridge's login to the test broker (written by mosquitto.sh). */
    public static Path bridgeSecretFile() {
        ensureStarted();
        return MqttLogin.secretFileOf(Path.of(System.getProperty(HOME)));
    }

    /** The bridge's login to the test broker. */
    public static MqttLogin bridgeLogin() {
        return MqttLogin.fromSecretFile(MqttLogin.BRIDGE_USER, bridgeSecretFile());
    }

    /** Stops the broker (by PID, TERM: it writes its database) and starts it again on the same port. */
    public static void restartBroker() {
        script("mosquitto.sh", "stop");
        script("mosquitto.sh", "start");
    }

    /** Stops the broker. */
    public static void stopBroker() {
        script("mosquitto.sh", "stop");
    }

    /** Starts the broker. */
    public static void startBroker() {
        script("mosquitto.sh", "start");
    }

    private static void stopAll() {
        script("mosquitto.sh", "stop");
        script("postgres.sh", "stop");
        deleteQuietly(Path.of("/tmp/flexledger-pg-" + System.getProperty(PG_PORT)));
        deleteQuietly(Path.of(System.getProperty(HOME)));
    }

    private static void script(String name, String command) {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPTS.resolve(name).toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = pb.environment();
        env.put("FLEX_HOME", System.getProperty(HOME));
        env.put("PG_PORT", System.getProperty(PG_PORT));
        env.put("MQTT_PORT", System.getProperty(MQTT_PORT));
        if (!"0".equals(uid())) {
            env.put("PG_DATA", System.getProperty(HOME) + "/postgres");
        } else {
            env.put("PG_DATA", "/tmp/flexledger-pg-" + System.getProperty(PG_PORT));
        }
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(name + " " + command + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + " " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String uid() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
