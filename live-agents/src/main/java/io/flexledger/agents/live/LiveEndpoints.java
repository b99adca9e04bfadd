package io.flexledger.agents.live;

import io.flexledger.client.KeycloakTokens;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.StackEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where the live agents find the stack: Keycloak and the marketplace-api instances of the DSO and the
 * two aggregators, with each agent's client credentials, and CommunityMSP's instance, through which the
 * community agent (a prosumer) is the members' voice in the aggregators' community markets (UC2).
 *
 * @param keycloak Keycloak's base URL
 * @param realm the realm
 * @param dso the DSO's instance
 * @param aggregator1 Aggregator1's instance
 * @param aggregator2 Aggregator2's instance
 * @param community CommunityMSP's instance
 */
public record LiveEndpoints(URI keycloak, String realm, URI dso, URI aggregator1, URI aggregator2, URI community) {

    /**
     * The local stack of {@code ./flex up}: its endpoints as {@link StackEndpoints} finds them (the
     * environment, then {@code $FLEX_HOME/env}, then the defaults).
     */
    public static LiveEndpoints local(Map<String, String> env) {
        StackEndpoints stack = StackEndpoints.of(env, Path.of(""));
        return new LiveEndpoints(
                stack.keycloak(),
                env.getOrDefault("FLEX_REALM", StackEndpoints.REALM),
                stack.api("dso"),
                stack.api("aggregator1"),
                stack.api("aggregator2"),
                stack.api("community"));
    }

    /**
     * The four agents' clients. A client's secret comes from the environment variable named after it
     * ({@code DSO_AGENT_SECRET} for {@code dso-agent}), else the local stack's demo secret
     * {@code <client>-demo-secret}.
     */
    public Clients connect(Map<String, String> env, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        RetryPolicy retry = RetryPolicy.defaults();
        URI tokenUrl = KeycloakTokens.endpoint(keycloak, realm);
        java.util.function.BiFunction<URI, String, MarketplaceClient> client = (api, id) -> {
            String secret =
                    env.getOrDefault(id.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET", id + "-demo-secret");
            KeycloakTokens tokens = new KeycloakTokens(tokenUrl, id, secret, http, retry, Clock.systemUTC());
            return new MarketplaceClient(api, tokens, http, retry, timeout);
        };
        return new Clients(
                client.apply(dso, "dso-agent"),
                client.apply(aggregator1, "aggregator1-agent"),
                client.apply(aggregator2, "aggregator2-agent"),
                client.apply(community, "community-agent"));
    }

    /**
     * The agents' clients.
     *
     * @param dso the DSO agent's
     * @param aggregator1 agr-1's (Aggregator1MSP)
     * @param aggregator2 agr-2's (Aggregator2MSP)
     * @param members the community agent's (a prosumer of CommunityMSP, on CommunityMSP's instance): the
     *     member of the live homes in their aggregator's community, who proposes the memberships and posts
     *     the members' orders
     */
    public record Clients(
            MarketplaceClient dso,
            MarketplaceClient aggregator1,
            MarketplaceClient aggregator2,
            MarketplaceClient members) {}
}
