package io.flexledger.ui.upstream;

import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.ui.UiConfig;
import io.flexledger.ui.Viewer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The clients of the services: marketplace-api through api-client with the viewer's own token, REST
 * clients of device-bridge and settlement (one per base address), and where each organisation's API
 * answers.
 */
@ApplicationScoped
public class Services {
    private final UiConfig config;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private final HttpClient http;

    public Services(UiConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.callTimeout())
                .build();
    }

    /** The calls one page makes for one viewer, collecting what did not answer. */
    public Calls calls(Viewer viewer) {
        return new Calls(this, viewer);
    }

    /** The organisation whose marketplace-api serves this viewer: their own, or the reader's for auditors. */
    public String mspOf(Viewer viewer) {
        return viewer.msp().filter(config.api()::containsKey).orElse(config.readerMsp());
    }

    Optional<String> apiUrl(String msp) {
        return Optional.ofNullable(config.api().get(msp));
    }

    String bridgeUrl() {
        return config.bridgeUrl();
    }

    String settlementUrl() {
        return config.settlementUrl();
    }

    /**
     * The marketplace-api at {@code baseUrl} as {@code viewer}: their own token on every call (a refused
     * token is the answer), one try per call, each waiting at most the call time-out.
     */
    MarketplaceClient marketplace(String baseUrl, Viewer viewer) {
        return new MarketplaceClient(
                URI.create(baseUrl),
                TokenSource.fixed(viewer.accessToken()),
                http,
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                config.callTimeout());
    }

    Duration callTimeout() {
        return config.callTimeout();
    }

    BridgeClient bridge() {
        return client(config.bridgeUrl(), BridgeClient.class, config.callTimeout());
    }

    SettlementClient settlement() {
        return client(config.settlementUrl(), SettlementClient.class, config.auditTimeout());
    }

    private <T> T client(String baseUrl, Class<T> type, Duration readTimeout) {
        return type.cast(clients.computeIfAbsent(
                type.getName() + " " + baseUrl,
                k -> QuarkusRestClientBuilder.newBuilder()
                        .baseUri(URI.create(baseUrl))
                        .connectTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        // Error statuses come back as responses: each page decides what a 404 or a 503 means.
                        .property("microprofile.rest.client.disable.default.mapper", true)
                        .build(type)));
    }
}
