package io.flexledger.ui.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A visitor without a session whom the sign-in service cannot serve (Keycloak does not answer) gets
 * a page saying so (503), instead of the bare 401 the login layer would give.
 */
@ApplicationScoped
public class SignInGuard {
    /** How often the sign-in service is probed. */
    private static final long PROBE_EVERY_MS = 5_000;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @Location("refused.html")
    Template refused;

    /** Why the sign-in service did not answer at the last probe; null while it answers. */
    private final AtomicReference<String> down = new AtomicReference<>();

    void install(@Observes Router router, Vertx vertx) {
        // Probed in the background, so that a request never waits for it and continues synchronously.
        probe();
        vertx.setPeriodic(PROBE_EVERY_MS, id -> probe());
        // Before the login layer: only page requests of visitors who have no session are checked.
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    /** Whether a request is for a page that needs a signed-in user and comes without a session. */
    static boolean needsSignIn(String path, boolean hasSession) {
        if (hasSession) {
            return false;
        }
        return !(path.startsWith("/webjars/")
                || path.startsWith("/q/")
                || path.equals("/app.js")
                || path.equals("/app.css")
                || path.equals("/favicon.ico"));
    }

    private void probe() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(realm + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        HTTP.sendAsync(probe, HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> down.set(
                        e != null ? "not answering" : r.statusCode() == 200 ? null : "HTTP " + r.statusCode()));
    }

    private void check(RoutingContext ctx) {
        String why = down.get();
        boolean session =
                ctx.request().cookies().stream().anyMatch(c -> c.getName().startsWith("q_session"));
        if (why == null || !needsSignIn(ctx.normalizedPath(), session)) {
            ctx.next();
            return;
        }
        String html = refused.data("status", 503)
                .data("title", "Sign-in unavailable")
                .data(
                        "message",
                        "The sign-in service (Keycloak, " + realm + ") is " + why
                                + ", so no page can be opened. Try again once it is up.")
                .data("user", "")
                .data("pages", List.of())
                .render();
        ctx.response()
                .setStatusCode(503)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .end(html);
    }
}
