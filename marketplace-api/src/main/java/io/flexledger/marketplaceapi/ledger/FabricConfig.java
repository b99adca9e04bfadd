package io.flexledger.marketplaceapi.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where this instance's organisation reaches the ledger, and with which identity. */
@ConfigMapping(prefix = "flex.fabric")
public interface FabricConfig {
    /** The organisation this instance signs for, e.g. {@code Aggregator1MSP}. */
    String mspId();

    /**
     * The gateway peers of that organisation, {@code host:port} each, in the order they are tried
     * (failover, decision 0018). When set, {@link #peerEndpoint()} is not used. See {@link
     * GatewayEndpoints}.
     */
    Optional<List<String>> peerEndpoints();

    /** One gateway peer of that organisation, {@code host:port}: a list of one when there is no list. */
    Optional<String> peerEndpoint();

    /** The CA certificate that signed the peer's TLS certificate. */
    Path tlsCaCert();

    /** The X.509 certificate of the signing identity (PEM). */
    Path cert();

    /** The private key of the signing identity (PEM file, or a folder holding exactly one). */
    Path key();

    @WithDefault("flexmarket")
    String channel();

    @WithDefault("flexledger")
    String chaincode();

    /** Deadlines per call type: no gateway call may hang. */
    Deadlines deadlines();

    interface Deadlines {
        @WithDefault("5s")
        Duration evaluate();

        @WithDefault("15s")
        Duration endorse();

        @WithDefault("5s")
        Duration submit();

        @WithDefault("30s")
        Duration commitStatus();
    }
}
