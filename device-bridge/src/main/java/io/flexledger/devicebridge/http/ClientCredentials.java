package io.flexledger.devicebridge.http;

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

/**
 * Access tokens of one OAuth client (client-credentials grant), kept until shortly before they expire.
 */
public final class ClientCredentials {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String secret;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    /**
     * @param realmUrl the realm's URL, e.g. {@code http://127.0.0.1:8180/realms/flexledger}
     */
    public ClientCredentials(HttpClient http, String realmUrl, String clientId, String secret, Clock clock) {
        this.http = http;
        this.tokenEndpoint = URI.create(realmUrl.replaceAll("/+$", "") + "/protocol/openid-connect/token");
        this.clientId = clientId;
        this.secret = secret;
        this.clock = clock;
    }

    /** A valid access token. */
    public synchronized String token() throws IOException, InterruptedException {
        if (token != null && clock.instant().isBefore(renewAt)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tokenEndpoint)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered " + response.statusCode() + " for client " + clientId);
        }
        JsonNode body = MAPPER.readTree(response.body());
        token = body.path("access_token").asText();
        long expiresIn = body.path("expires_in").asLong(60);
        // Renewed half a minute early (or halfway, for short tokens), so no call carries an expired one.
        renewAt = clock.instant().plusSeconds(Math.max(1, Math.min(expiresIn - 30, expiresIn / 2)));
        return token;
    }

    /** Forgets the token (after a 401). */
    public synchronized void invalidate() {
        token = null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
