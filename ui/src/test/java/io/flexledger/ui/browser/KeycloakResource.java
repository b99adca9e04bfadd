package io.flexledger.ui.browser;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real identity provider for the browser tests: a Keycloak that already runs with the realm's
 * {@code flexledger-ui} client (at {@code KEYCLOAK_URL}, default 127.0.0.1:8180), or one started for
 * this test class through {@code network-config/scripts/keycloak.sh} with its runtime folder under
 * {@code target/} on a free port. One Keycloak serves every browser test class of the run; one
 * started here is stopped (by its PID, through the same script) when the test JVM ends.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {
    /**
     * The system property holding the Keycloak address once known: the test classes of this JVM share
     * it (each Quarkus start loads this class afresh, so a static field would not do).
     */
    private static final String SHARED = "ui.test.keycloak-url";

    /** Set to "true" when the tests run their own Keycloak, whose tokens a running stack does not accept. */
    static final String OWN = "ui.test.keycloak-own";

    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("network-config/scripts/keycloak.sh");
    private static final Path HOME = Paths.get("target/flex-home").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", realmUrl() + "/realms/flexledger");
    }

    @Override
    public void stop() {
        // Kept for the next test class; stopped at the end of the JVM if started here.
    }

    private static String realmUrl() {
        synchronized (System.class) {
            String known = System.getProperty(SHARED);
            if (known == null) {
                known = startOrFind();
                System.setProperty(SHARED, known);
            }
            return known;
        }
    }

    private static String startOrFind() {
        String existing = System.getenv().getOrDefault("KEYCLOAK_URL", "http://127.0.0.1:8180");
        if (hasUiClient(existing)) {
            return existing;
        }
        System.setProperty(OWN, "true");
        int port = freePortPair();
        deleteTree(HOME.resolve("keycloak"));
        run("start", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run("stop", port), "keycloak-stop"));
        String started = "http://127.0.0.1:" + port;
        if (!hasUiClient(started)) {
            throw new IllegalStateException("the Keycloak started at " + started + " has no client flexledger-ui");
        }
        return started;
    }

    /** Whether a realm answers at {@code url} and knows the client flexledger-ui (its login page opens). */
    static boolean hasUiClient(String url) {
        String auth = url + "/realms/flexledger/protocol/openid-connect/auth?client_id=flexledger-ui"
                + "&response_type=code&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%3A8088%2F";
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(auth).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10000);
            c.setInstanceFollowRedirects(false);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String command, int port) {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Paths.get("target/keycloak-script.log").toFile()));
        pb.environment().put("FLEX_HOME", HOME.toString());
        pb.environment().put("FLEX_KEYCLOAK_PORT", Integer.toString(port));
        try {
            Process p = pb.start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(
                        "keycloak.sh " + command + " failed (exit " + rc + "), see target/keycloak-script.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keycloak.sh " + command, e);
        }
    }

    /** A free port p whose management port p + 1000 is free too. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int p = s.getLocalPort();
                if (p + 1000 < 65536 && isFree(p + 1000)) {
                    return p;
                }
            } catch (IOException e) {
                // try another
            }
        }
        throw new IllegalStateException("no free pair of ports for Keycloak");
    }

    private static boolean isFree(int p) {
        try (ServerSocket s = new ServerSocket(p)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear " + dir, e);
        }
    }
}
