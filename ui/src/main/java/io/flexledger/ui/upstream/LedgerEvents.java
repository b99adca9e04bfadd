package io.flexledger.ui.upstream;

import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.ui.Viewer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chaincode events of the viewer's organisation, as marketplace-api relays them
 * ({@code GET /api/events}, server-sent events, through api-client), with the viewer's own token: one stream per open
 * page. A viewer the API refuses (an auditor has no organisation) gets a stream that fails at once;
 * the page then lives on its periodic re-reads alone.
 */
@ApplicationScoped
public class LedgerEvents {
    private final Services services;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @jakarta.inject.Inject
    public LedgerEvents(Services services) {
        this.services = services;
    }

    /** The names of the ledger's events as they happen (e.g. {@code OrderSettled}). */
    public Multi<String> of(Viewer viewer) {
        String base = services.apiUrl(services.mspOf(viewer)).orElse(null);
        if (base == null || viewer.accessToken().isBlank()) {
            return Multi.createFrom().failure(new IllegalStateException("no marketplace-api for this viewer"));
        }
        return stream(base, viewer.accessToken());
    }

    /** The event names of the marketplace-api at {@code base}, followed with {@code token}. */
    Multi<String> stream(String base, String token) {
        return Multi.createFrom().<String>emitter(emitter -> follow(base, token, emitter));
    }

    private void follow(String base, String token, MultiEmitter<? super String> emitter) {
        AtomicReference<InputStream> body = new AtomicReference<>();
        // Closing the response body ends the read loop when the page goes away.
        emitter.onTermination(() -> {
            InputStream in = body.get();
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        });
        // The stream itself has no time-out and is not retried: the page re-reads on its ticks.
        MarketplaceClient api = new MarketplaceClient(
                URI.create(base),
                TokenSource.fixed(token),
                http,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                Duration.ofSeconds(5));
        Thread reader = new Thread(
                () -> {
                    try {
                        HttpResponse<InputStream> r = api.events();
                        body.set(r.body());
                        if (r.statusCode() != 200) {
                            r.body().close();
                            emitter.fail(
                                    new IllegalStateException("GET " + base + "/api/events: HTTP " + r.statusCode()));
                            return;
                        }
                        try (BufferedReader lines =
                                new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = lines.readLine()) != null) {
                                if (line.startsWith("data:")) {
                                    emitter.emit(nameOf(line.substring(5).trim()));
                                }
                            }
                        }
                        emitter.complete();
                    } catch (IOException e) {
                        emitter.fail(new UncheckedIOException(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        emitter.fail(e);
                    }
                },
                "ledger-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** The event's name from the relayed JSON {@code {"name":…,"txId":…,…}}, or the text itself. */
    static String nameOf(String json) {
        int i = json.indexOf("\"name\":\"");
        if (i < 0) {
            return json;
        }
        int start = i + 8;
        int end = json.indexOf('"', start);
        return end < 0 ? json : json.substring(start, end);
    }
}
