package io.flexledger.agents.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.CommunityClient;
import io.flexledger.client.MarketplaceClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The community market (UC2) endpoints one live aggregator's community day uses: the member's (the
 * community agent, a prosumer, on CommunityMSP's instance) and the operator's (the aggregator agent on
 * its own instance). Every POST names its idempotency key; refusals are {@link ApiProblemException}s.
 */
interface CommunityApi {

    /** The community, its operator's MSP id. */
    String community();

    /** The member's memberships in this community ({@code GET /api/community/me?community=}). */
    List<JsonNode> memberships();

    /** The member proposes itself as the member of {@code homeId}. */
    void propose(String homeId, String key);

    /** The operator approves the membership of {@code homeId}. */
    void approve(String homeId, String key);

    /** The operator opens a day ({@code POST /api/community/days}); the day as the ledger holds it. */
    JsonNode openDay(ObjectNode body, String key);

    /** The day as opened ({@code GET /api/community/days/{community}/{day}}). */
    JsonNode day(LocalDate day);

    /** The member posts an order of a home it is the ACTIVE member of. */
    void postOrder(CommunityClient.Order order, String key);

    /** The day's whole book as the operator reads it ({@code GET /api/community/orders?day=&community=}). */
    List<JsonNode> book(LocalDate day);

    /** The recorded clearing as the operator reads it, or empty while there is none. */
    Optional<JsonNode> clearing(LocalDate day);

    /** The public price and volume per slot. */
    JsonNode prices(LocalDate day);

    /** The operator's offers of the day to the DSO market. */
    List<JsonNode> offers(LocalDate day);

    /** Over the two organisations' marketplace-api instances. */
    static CommunityApi http(String community, MarketplaceClient member, MarketplaceClient operator) {
        return new CommunityApi() {
            @Override
            public String community() {
                return community;
            }

            @Override
            public List<JsonNode> memberships() {
                List<JsonNode> out = new ArrayList<>();
                member.get("/api/community/me?community=" + community)
                        .path("memberships")
                        .forEach(out::add);
                return out;
            }

            @Override
            public void propose(String homeId, String key) {
                member.post(
                        "/api/community/memberships",
                        MarketplaceClient.object().put("homeId", homeId),
                        key,
                        Duration.ofMinutes(1));
            }

            @Override
            public void approve(String homeId, String key) {
                operator.post(
                        "/api/community/memberships/" + homeId + "/approve",
                        MarketplaceClient.object(),
                        key,
                        Duration.ofMinutes(1));
            }

            @Override
            public JsonNode openDay(ObjectNode body, String key) {
                return operator.post("/api/community/days", body, key, Duration.ofMinutes(1))
                        .body();
            }

            @Override
            public JsonNode day(LocalDate day) {
                return operator.get("/api/community/days/" + community + "/" + day);
            }

            @Override
            public void postOrder(CommunityClient.Order o, String key) {
                ObjectNode body = MarketplaceClient.object()
                        .put("id", o.id())
                        .put("homeId", o.homeId())
                        .put("day", o.day().toString())
                        .put("slot", o.slot())
                        .put("side", o.side())
                        .put("flexible", o.flexible())
                        .put("kw", o.kw().toPlainString())
                        .put("price", o.price().toPlainString());
                member.post("/api/community/orders", body, key, Duration.ofMinutes(1));
            }

            @Override
            public List<JsonNode> book(LocalDate day) {
                List<JsonNode> out = new ArrayList<>();
                operator.get("/api/community/orders?day=" + day + "&community=" + community)
                        .path("records")
                        .forEach(out::add);
                return out;
            }

            @Override
            public Optional<JsonNode> clearing(LocalDate day) {
                try {
                    return Optional.of(operator.get("/api/community/clearing/" + community + "/" + day));
                } catch (ApiProblemException e) {
                    if (e.notFound()) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }

            @Override
            public JsonNode prices(LocalDate day) {
                return operator.get("/api/community/prices/" + community + "/" + day);
            }

            @Override
            public List<JsonNode> offers(LocalDate day) {
                return operator.offers(day);
            }
        };
    }
}
