package io.flexledger.marketplaceapi;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service. Quarkus answers a request target that {@code java.net.URI} cannot parse (a bad
 * percent-encoding, a character that must be escaped) with a bare 400 before any filter runs; this
 * service turns that check off, before Quarkus reads the setting, because its own first filter
 * ({@link io.flexledger.marketplaceapi.http.RequestGuard}) makes the same check and more, and answers
 * problem+json naming the part at fault.
 */
@QuarkusMain
public final class MarketplaceApiMain {
    private MarketplaceApiMain() {}

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
