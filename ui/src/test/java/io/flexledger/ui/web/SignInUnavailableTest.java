package io.flexledger.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
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
    /** The page, on the free port Quarkus took (quarkus.http.test-port=0). */
    @TestHTTPResource("/dso")
    URI dso;

    @TestHTTPResource("/app.css")
    URI css;

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
        HttpRequest page = HttpRequest.newBuilder(dso).build();
        HttpResponse<String> r = http.send(page, HttpResponse.BodyHandlers.ofString());
        // The first probe of the sign-in service runs in the background at start: wait for its verdict.
        for (int i = 0; i < 100 && r.statusCode() != 503; i++) {
            Thread.sleep(200);
            r = http.send(page, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body())
                .contains("Sign-in unavailable", "Keycloak, http://127.0.0.1:1/realms/flexledger", "not answering");
        // Static files are still served.
        HttpResponse<String> file =
                http.send(HttpRequest.newBuilder(css).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
    }
}
