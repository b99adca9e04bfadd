package io.flexledger.ui.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.ui.Viewer;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The viewer of a request, from its security identity (code flow: the session's tokens). */
final class Viewers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Viewers() {}

    static Viewer of(SecurityIdentity identity) {
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        String token = access == null ? "" : access.getToken();
        return new Viewer(identity.getPrincipal().getName(), identity.getRoles(), msp(token), token);
    }

    /**
     * The {@code msp} claim of the access token. The token was verified by the OIDC layer (it is the
     * source of the roles), so its payload is read here without a second check.
     */
    static Optional<String> msp(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims =
                    JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String msp = claims.path("msp").asText("");
            return msp.isEmpty() ? Optional.empty() : Optional.of(msp);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
