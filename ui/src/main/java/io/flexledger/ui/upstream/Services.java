package io.flexledger.ui.upstream;

import io.flexledger.ui.UiConfig;
import io.flexledger.ui.Viewer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** REST clients of the services, one per base address, and where each organisation's API answers. */
@ApplicationScoped
public class Services {
    private final UiConfig config;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    public Services(UiConfig config) {
        this.config = config;
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

    MarketplaceClient marketplace(String baseUrl) {
        return client(baseUrl, MarketplaceClient.class, config.callTimeout());
    }

    BridgeClient bridge() {
        return client(config.bridgeUrl(), BridgeClient.class, config.callTimeout());
    }

    SettlementClient settlement() {
        return client(config.settlementUrl(), SettlementClient.class, config.auditTimeout());
    }

    private <T> T client(String baseUrl, Class<T> type, java.time.Duration readTimeout) {
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
