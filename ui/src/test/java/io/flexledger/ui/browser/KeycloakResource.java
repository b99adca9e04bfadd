package io.flexledger.ui.browser;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The browser tests' own identity provider and the UI's port: a Keycloak started through
 * {@code network-config/scripts/keycloak.sh} with its runtime folder under {@code target/flex-home}
 * on a free pair of ports, its realm's redirect URIs naming the UI's test port, which is a free port
 * chosen once per test JVM and given to Quarkus as {@code quarkus.http.test-port}. Neither is ever a
 * running stack's: no port of one is used, and no Keycloak this run did not start. One Keycloak serves
 * every browser test class of the JVM and is stopped (by its PID, through the same script) when the
 * JVM ends.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {
    /**
     * System properties holding the UI's port and the Keycloak address once chosen: the test classes of
     * this JVM share them (each Quarkus start loads this class afresh, so a static field would not do).
     */
    private static final String UI_PORT = "ui.test.http-port";

    private static final String KEYCLOAK_URL = "ui.test.keycloak-url";

    /** Why this JVM's Keycloak did not start, so that the next test class fails at once. */
    private static final String KEYCLOAK_FAILURE = "ui.test.keycloak-failure";

    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("network-config/scripts/keycloak.sh");
    private static final Path HOME = Paths.get("target/flex-home").toAbsolutePath();
    private static final Path SCRIPT_LOG =
            Paths.get("target/keycloak-script.log").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.http.test-port",
                Integer.toString(uiPort()),
                "quarkus.oidc.auth-server-url",
                keycloakUrl() + "/realms/flexledger");
    }

    @Override
    public void stop() {
        // Kept for the next test class; stopped at the end of the JVM.
    }

    /** The UI's port in this test JVM: free when chosen, the same for every test class. */
    static int uiPort() {
        synchronized (System.class) {
            String known = System.getProperty(UI_PORT);
            if (known == null) {
                known = Integer.toString(freePort());
                System.setProperty(UI_PORT, known);
            }
            return Integer.parseInt(known);
        }
    }

    private static String keycloakUrl() {
        synchronized (System.class) {
            String known = System.getProperty(KEYCLOAK_URL);
            if (known == null) {
                String failure = System.getProperty(KEYCLOAK_FAILURE);
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                try {
                    known = startKeycloak(uiPort());
                } catch (RuntimeException e) {
                    System.setProperty(KEYCLOAK_FAILURE, e.getMessage());
                    throw e;
                }
                System.setProperty(KEYCLOAK_URL, known);
            }
            return known;
        }
    }

    private static String startKeycloak(int uiPort) {
        int port = freePortPair(uiPort);
        // One that this folder still names (left by a test JVM that was killed) is stopped first.
        run("stop", port, uiPort);
        deleteTree(HOME.resolve("keycloak"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run("stop", port, uiPort), "keycloak-stop"));
        run("start", port, uiPort);
        String url = "http://127.0.0.1:" + port;
        if (!acceptsLoginFor(url, uiPort)) {
            throw new IllegalStateException("the Keycloak started at " + url
                    + " has no client flexledger-ui redirecting to port " + uiPort + "\n" + logTails());
        }
        return url;
    }

    /** Whether the realm's login page opens for the client flexledger-ui coming back to the UI's port. */
    private static boolean acceptsLoginFor(String url, int uiPort) {
        String auth = url + "/realms/flexledger/protocol/openid-connect/auth?client_id=flexledger-ui"
                + "&response_type=code&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%3A" + uiPort + "%2F";
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

    private static void run(String command, int port, int uiPort) {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(SCRIPT_LOG.toFile()));
        pb.environment().put("FLEX_HOME", HOME.toString());
        pb.environment().put("FLEX_KEYCLOAK_PORT", Integer.toString(port));
        pb.environment().put("FLEX_UI_PORT", Integer.toString(uiPort));
        // Its first start builds the server: minutes on a busy machine.
        pb.environment().putIfAbsent("FLEX_KEYCLOAK_WAIT", "600");
        try {
            Process p = pb.start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException("keycloak.sh " + command + " failed (exit " + rc + ")\n" + logTails());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keycloak.sh " + command, e);
        }
    }

    /** The last lines of the script's log and of Keycloak's own. */
    private static String logTails() {
        return tail(SCRIPT_LOG, 20) + tail(HOME.resolve("logs/keycloak.log"), 40);
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return "---- " + log + " (last " + lines + " lines)\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return "---- " + log + ": " + e.getMessage() + "\n";
        }
    }

    /** A loopback port free when asked. */
    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** A free port p, with p + 1000 (Keycloak's management port) free too, neither of them {@code avoid}. */
    private static int freePortPair(int avoid) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = freePort();
            if (p + 1000 < 65536 && p != avoid && p + 1000 != avoid && isFree(p + 1000)) {
                return p;
            }
        }
        throw new IllegalStateException("no free pair of loopback ports for Keycloak");
    }

    private static boolean isFree(int p) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
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
