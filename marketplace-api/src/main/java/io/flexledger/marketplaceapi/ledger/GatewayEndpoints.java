package io.flexledger.marketplaceapi.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway peers an instance may use, {@code host:port} each, in the order it tries them: its own
 * organisation's peers (decision 0018). Read from {@code flex.fabric.peer-endpoints} (a
 * comma-separated list, env {@code FLEX_FABRIC_PEER_ENDPOINTS}) or, when that is not set, from the
 * single {@code flex.fabric.peer-endpoint} (env {@code FLEX_FABRIC_PEER_ENDPOINT}), a list of one.
 */
public final class GatewayEndpoints {
    private GatewayEndpoints() {}

    /** The endpoints of a configuration: the list when it has one, else the single endpoint. */
    public static List<String> of(FabricConfig config) {
        return of(config.peerEndpoints(), config.peerEndpoint());
    }

    /**
     * The endpoints {@code list} names (each element may itself be comma-separated), or {@code
     * single} alone when there is no list.
     *
     * @throws IllegalArgumentException when neither is given, or an endpoint is not {@code host:port}
     *     with a port from 1 to 65535, or one is named twice
     */
    public static List<String> of(Optional<List<String>> list, Optional<String> single) {
        List<String> raw = new ArrayList<>();
        if (list.isPresent() && !list.get().isEmpty()) {
            for (String element : list.get()) {
                for (String part : element.split(",", -1)) {
                    raw.add(part.strip());
                }
            }
        } else if (single.isPresent() && !single.get().isBlank()) {
            raw.add(single.get().strip());
        } else {
            throw new IllegalArgumentException(
                    "no gateway peer: set flex.fabric.peer-endpoints (FLEX_FABRIC_PEER_ENDPOINTS, host:port,host:port)"
                            + " or flex.fabric.peer-endpoint (FLEX_FABRIC_PEER_ENDPOINT, host:port)");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String endpoint : raw) {
            check(endpoint);
            if (!seen.add(endpoint)) {
                throw new IllegalArgumentException("gateway peer " + endpoint + " is named twice in " + raw);
            }
        }
        return List.copyOf(seen);
    }

    private static void check(String endpoint) {
        if (endpoint.isEmpty()) {
            throw new IllegalArgumentException("empty gateway peer endpoint (a stray comma?): expected host:port");
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new IllegalArgumentException("gateway peer '" + endpoint + "' is not host:port");
        }
        String host = endpoint.substring(0, colon);
        String port = endpoint.substring(colon + 1);
        if (!host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+]")) {
            throw new IllegalArgumentException("gateway peer '" + endpoint + "' has no valid host name");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gateway peer '" + endpoint + "' has no numeric port", e);
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("gateway peer '" + endpoint + "' has port " + p + ", not 1 to 65535");
        }
    }
}
