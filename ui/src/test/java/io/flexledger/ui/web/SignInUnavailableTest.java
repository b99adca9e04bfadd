package io.flexledger.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the sign-in service absent, a visitor gets a page naming it, not a bare 401. */
@QuarkusTest
@TestProfile(SignInUnavailableTest.NoKeycloak.class)
class SignInUnavailableTest {
    /** The realm's address is one where nothing listens. */
    public static class NoKeycloak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/flexledger");
        }
    }

    @Test
    void aPageSaysTheSignInServiceIsNotAnswering() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest dso =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:8088/dso")).build();
        HttpResponse<String> r = http.send(dso, HttpResponse.BodyHandlers.ofString());
        // The first probe of the sign-in service runs in the background at start: wait for its verdict.
        for (int i = 0; i < 100 && r.statusCode() != 503; i++) {
            Thread.sleep(200);
            r = http.send(dso, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body())
                .contains("Sign-in unavailable", "Keycloak, http://127.0.0.1:1/realms/flexledger", "not answering");
        // Static files are still served.
        HttpResponse<String> css = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:8088/app.css"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(css.statusCode()).isEqualTo(200);
    }
}
