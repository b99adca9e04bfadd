package io.flexledger.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a local stack's services listen, for every command that talks to one. {@code ./flex up} writes
 * the stack's endpoints once, to {@code $FLEX_HOME/env} ({@code FLEX_HOME} defaults to {@code .flex} in
 * the checkout), one {@code NAME=value} line each; every command and script reads them from there.
 *
 * <p>A name is looked up in this order: the process environment (an explicit choice), the stack's env
 * file, then the default of a stack started with {@code FLEX_PORT_OFFSET} (from the environment or the
 * file, else 0). An offset in the environment that differs from the file's names another stack: the
 * file is then not read (as {@code ports.sh} does). The defaults live here and in {@code network-config/scripts/ports.sh} only; the
 * names are the ones that file writes:
 *
 * <pre>
 * FLEX_KEYCLOAK_URL     http://127.0.0.1:8180                 Keycloak's base URL
 * FLEX_OIDC_URL         $FLEX_KEYCLOAK_URL/realms/flexledger  the realm (token issuer)
 * FLEX_API_DSO          http://127.0.0.1:8081                 marketplace-api of each organisation
 * FLEX_API_AGGREGATOR1  http://127.0.0.1:8082
 * FLEX_API_AGGREGATOR2  http://127.0.0.1:8083
 * FLEX_API_COMMUNITY    http://127.0.0.1:8084
 * FLEX_BRIDGE_URL       http://127.0.0.1:8090                 device bridge
 * FLEX_SETTLEMENT_URL   http://127.0.0.1:8091                 audit service
 * FLEX_UI_URL           http://127.0.0.1:8088                 web UI
 * FLEX_EVM_RPC_URL      http://127.0.0.1:8545                 EVM node
 * FLEX_PG_URL           jdbc:postgresql://127.0.0.1:5433/flexledger
 * MQTT_PORT             1883                                  MQTT broker on 127.0.0.1
 * </pre>
 */
public final class StackEndpoints {
    /** The realm every service and command uses. */
    public static final String REALM = "flexledger";

    /** The organisations that run a marketplace-api, by the suffix of their {@code FLEX_API_*} name. */
    public static final String[] ORGANISATIONS = {"dso", "aggregator1", "aggregator2", "community"};

    private static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(
            Map.entry("FLEX_KEYCLOAK_URL", 8180),
            Map.entry("FLEX_API_DSO", 8081),
            Map.entry("FLEX_API_AGGREGATOR1", 8082),
            Map.entry("FLEX_API_AGGREGATOR2", 8083),
            Map.entry("FLEX_API_COMMUNITY", 8084),
            Map.entry("FLEX_BRIDGE_URL", 8090),
            Map.entry("FLEX_SETTLEMENT_URL", 8091),
            Map.entry("FLEX_UI_URL", 8088),
            Map.entry("FLEX_EVM_RPC_URL", 8545),
            Map.entry("FLEX_PG_URL", 5433),
            Map.entry("MQTT_PORT", 1883));

    private final Map<String, String> environment;
    private final Map<String, String> file;
    private final Path home;
    private final int offset;

    private StackEndpoints(Map<String, String> environment, Map<String, String> file, Path home) {
        this.environment = Map.copyOf(environment);
        this.file = Map.copyOf(file);
        this.home = home;
        String offsetText = lookup("FLEX_PORT_OFFSET").orElse("0");
        try {
            this.offset = Integer.parseInt(offsetText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FLEX_PORT_OFFSET must be a whole number, not '" + offsetText + "'");
        }
    }

    /** The endpoints of the stack this process belongs to: its environment and the stack's env file. */
    public static StackEndpoints fromEnvironment() {
        return of(System.getenv(), Path.of(""));
    }

    /**
     * The endpoints seen with the given environment; a relative {@code FLEX_HOME} (or the default
     * {@code .flex}) is taken under {@code workingDirectory}.
     *
     * @throws UncheckedIOException when the env file exists but cannot be read
     * @throws IllegalArgumentException when a line of the env file is not {@code NAME=value}
     */
    public static StackEndpoints of(Map<String, String> environment, Path workingDirectory) {
        Path home = workingDirectory.resolve(environment.getOrDefault("FLEX_HOME", ".flex"));
        Map<String, String> file = readEnvFile(home.resolve("env"));
        // An offset chosen in the environment that is not the file's names another stack (as ports.sh).
        String chosen = environment.get("FLEX_PORT_OFFSET");
        if (chosen != null && !chosen.isBlank() && !chosen.trim().equals(file.getOrDefault("FLEX_PORT_OFFSET", "0"))) {
            file = Map.of();
        }
        return new StackEndpoints(environment, file, home);
    }

    /** The stack's runtime folder ({@code FLEX_HOME}). */
    public Path home() {
        return home;
    }

    /** The offset added to every default port. */
    public int portOffset() {
        return offset;
    }

    /** A name's value: the environment, else the stack's env file. */
    public Optional<String> lookup(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = file.get(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Keycloak's base URL. */
    public URI keycloak() {
        return url("FLEX_KEYCLOAK_URL");
    }

    /** The realm's URL (the tokens' issuer). */
    public URI oidc() {
        return lookup("FLEX_OIDC_URL").map(URI::create).orElse(URI.create(keycloak() + "/realms/" + REALM));
    }

    /** The token endpoint of the realm. */
    public URI tokenEndpoint() {
        return KeycloakTokens.endpoint(keycloak(), REALM);
    }

    /**
     * The marketplace-api of an organisation.
     *
     * @param organisation {@code dso}, {@code aggregator1}, {@code aggregator2} or {@code community}
     *     (any case)
     */
    public URI api(String organisation) {
        String name = "FLEX_API_" + organisation.toUpperCase(Locale.ROOT);
        if (!DEFAULT_PORTS.containsKey(name)) {
            throw new IllegalArgumentException(
                    "no organisation '" + organisation + "' (known: dso, aggregator1, " + "aggregator2, community)");
        }
        return url(name);
    }

    /** The device bridge. */
    public URI bridge() {
        return url("FLEX_BRIDGE_URL");
    }

    /** The audit service. */
    public URI settlement() {
        return url("FLEX_SETTLEMENT_URL");
    }

    /** The web UI. */
    public URI ui() {
        return url("FLEX_UI_URL");
    }

    /** The EVM node's JSON-RPC. */
    public URI evmRpc() {
        return url("FLEX_EVM_RPC_URL");
    }

    /** The stack's PostgreSQL database as a JDBC URL. */
    public String postgresJdbc() {
        return lookup("FLEX_PG_URL").orElse("jdbc:postgresql://127.0.0.1:" + port("FLEX_PG_URL") + "/flexledger");
    }

    /** The MQTT broker's port on 127.0.0.1. */
    public int mqttPort() {
        String text = lookup("MQTT_PORT").orElse(Integer.toString(port("MQTT_PORT")));
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MQTT_PORT must be a port number, not '" + text + "'");
        }
    }

    private URI url(String name) {
        return URI.create(lookup(name).orElse("http://127.0.0.1:" + port(name)));
    }

    private int port(String name) {
        return DEFAULT_PORTS.get(name) + offset;
    }

    /** The {@code NAME=value} lines of an env file; blank lines and {@code #} comments are skipped. */
    static Map<String, String> readEnvFile(Path path) {
        if (!Files.isRegularFile(path)) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int eq = text.indexOf('=');
                if (eq <= 0 || !text.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
                    throw new IllegalArgumentException(
                            path + ":" + number + ": expected NAME=value, got '" + text + "'");
                }
                values.put(text.substring(0, eq), unquote(text.substring(eq + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's endpoints from " + path, e);
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
