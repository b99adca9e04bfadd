package io.flexledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Access tokens of one Keycloak client by the client-credentials grant, kept until shortly before
 * they expire (the token's own {@code expires_in}, less a tenth of its life and at most 30 s, so that
 * a token never expires on its way to the API). Thread-safe.
 */
public final class KeycloakTokens implements TokenSource {

    /** The longest safety margin before a token's expiry. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;
    private int fetched;

    /**
     * Tokens of a client.
     *
     * @param tokenEndpoint the realm's token endpoint, e.g.
     *     {@code http://127.0.0.1:8180/realms/flexledger/protocol/openid-connect/token}
     * @param clientId the client, e.g. {@code aggregator1-agent}
     * @param clientSecret its secret
     * @param http the HTTP client
     * @param retry how often to try again when Keycloak cannot be reached or answers 503
     * @param clock decides when a token is due for renewal
     */
    public KeycloakTokens(
            URI tokenEndpoint, String clientId, String clientSecret, HttpClient http, RetryPolicy retry, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.http = http;
        this.retry = retry;
        this.clock = clock;
    }

    /** The realm's token endpoint under a Keycloak base URL such as {@code http://127.0.0.1:8180}. */
    public static URI endpoint(URI keycloak, String realm) {
        String base = keycloak.toString().replaceAll("/+$", "");
        return URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token");
    }

    /** The client id. */
    public String clientId() {
        return clientId;
    }

    /** A valid access token: the cached one, or a new one when it is due for renewal. */
    @Override
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the cached token (the API refused it), so that the next call fetches a new one. */
    @Override
    public synchronized void invalidate() {
        token = null;
    }

    /** How many tokens were fetched from Keycloak so far. */
    public synchronized int fetched() {
        return fetched;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        String what = "token of " + clientId + " from " + tokenEndpoint;
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = Retrying.send(http, request, retry, what);
        } catch (Retrying.UnreachableException e) {
            throw new ApiProblemException(what, 503, null, e.getMessage(), List.of(), null, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            // Keycloak answers OAuth errors as {"error", "error_description"}
            String code = body.path("error").asText(null);
            String detail = body.path("error_description").asText(response.body());
            throw new ApiProblemException(what, response.statusCode(), code, detail, List.of());
        }
        String access = body.path("access_token").asText("");
        long seconds = body.path("expires_in").asLong(0);
        // a token without a lifetime cannot be cached safely
        if (access.isEmpty() || seconds <= 0) {
            throw new ApiProblemException(what, 200, null, "the answer has no access_token or expires_in", List.of());
        }
        Duration life = Duration.ofSeconds(seconds);
        Duration margin = life.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? life.dividedBy(10) : MAX_MARGIN;
        token = access;
        renewAt = asked.plus(life).minus(margin);
        fetched++;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
