package io.flexledger.ittests;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens from the stack's Keycloak (realm {@code flexledger}, 127.0.0.1:8180 + the port offset): demo users by
 * the password grant of the public client {@code flexledger-cli}, agents by their client credentials.
 * Tokens are reused for five minutes (they live fifteen).
 */
final class Tokens {
    static final String TOKEN_URL =
            "http://127.0.0.1:" + FlexStack.port(8180) + "/realms/flexledger/protocol/openid-connect/token";
    /** The demo users' password (demo only, see the realm file). */
    static final String DEMO_PASSWORD = "flexledger-demo";

    /** The client-credential clients of the organisations' agents. */
    static final List<String> AGENTS =
            List.of("dso-agent", "aggregator1-agent", "aggregator2-agent", "community-agent");

    /** The default writer of each organisation: its agent. */
    static final Map<String, String> AGENT_OF = Map.of(
            "DsoMSP", "dso-agent",
            "Aggregator1MSP", "aggregator1-agent",
            "Aggregator2MSP", "aggregator2-agent",
            "CommunityMSP", "community-agent");

    private record Cached(String token, long atNanos) {}

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {}

    /** An access token of a demo user or (for a name ending in {@code -agent}) an agent client. */
    static String of(String who) {
        Cached c = CACHE.get(who);
        if (c != null && System.nanoTime() - c.atNanos() < 300_000_000_000L) {
            return c.token();
        }
        String token = who.endsWith("-agent") ? clientCredentials(who) : password(who);
        CACHE.put(who, new Cached(token, System.nanoTime()));
        return token;
    }

    private static String password(String user) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "flexledger-cli")
                .formParam("username", user)
                .formParam("password", DEMO_PASSWORD)
                .post(TOKEN_URL)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static String clientCredentials(String client) {
        return given().formParam("grant_type", "client_credentials")
                .formParam("client_id", client)
                .formParam("client_secret", client + "-demo-secret")
                .post(TOKEN_URL)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
