package io.flexledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.reading.ReadingCodec;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.SettlementRecords;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The community market (UC2) endpoints of one organisation's marketplace-api instance, typed, over a
 * {@link MarketplaceClient} (its tokens, idempotency keys, retries and refusals). A member is the token's
 * user, never a parameter; a community is its operator's MSP id.
 */
public final class CommunityClient {
    private final MarketplaceClient api;

    public CommunityClient(MarketplaceClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * A community market day as the operator opens it.
     *
     * @param day the market day
     * @param gateClosure when the community's gate closes, before the DSO market's
     * @param pricing {@code PAY_AS_CLEAR} or {@code PAY_AS_BID}
     * @param importPrice the grid's retail price per slot of the day, EUR/kWh
     * @param exportPrice the grid's feed-in price per slot, EUR/kWh, at most the retail price
     */
    public record Day(
            LocalDate day,
            Instant gateClosure,
            String pricing,
            List<BigDecimal> importPrice,
            List<BigDecimal> exportPrice) {
        public Day {
            importPrice = List.copyOf(importPrice);
            exportPrice = List.copyOf(exportPrice);
        }
    }

    /**
     * A member's order for one slot.
     *
     * @param id unique order id
     * @param homeId the home the caller is the ACTIVE member of
     * @param day the market day
     * @param slot the slot of the day
     * @param side {@code BUY} or {@code SELL}
     * @param flexible true if the energy flows only when matched
     * @param kw the most that can be matched, kW (at most 3 decimals)
     * @param price a bid's highest or an ask's lowest price, EUR/kWh
     */
    public record Order(
            String id,
            String homeId,
            LocalDate day,
            int slot,
            String side,
            boolean flexible,
            BigDecimal kw,
            BigDecimal price) {}

    /**
     * What one clearing did ({@code POST /api/community/clearing/{day}}).
     *
     * @param recorded false when the ledger held the day's clearing already
     * @param trades the number of trades
     * @param slotsCleared slots with at least one trade
     * @param welfareEur the matching's welfare, EUR
     * @param offersPosted offers of leftover flexibility posted to the DSO market now
     * @param offersExisting offers found posted already
     */
    public record ClearingReport(
            boolean recorded,
            int trades,
            List<Integer> slotsCleared,
            double welfareEur,
            List<String> offersPosted,
            List<String> offersExisting) {}

    /** {@code POST /api/community/memberships}: proposes the caller as the member of {@code homeId}. */
    public JsonNode proposeMembership(String homeId) {
        ObjectNode body = MarketplaceClient.object().put("homeId", homeId);
        return api.post("/api/community/memberships", body).body();
    }

    /** {@code POST /api/community/memberships/{homeId}/approve}: the operator approves a membership. */
    public JsonNode approveMembership(String homeId) {
        return api.post("/api/community/memberships/" + homeId + "/approve", MarketplaceClient.object())
                .body();
    }

    /** {@code GET /api/community/me}: the caller's memberships. */
    public List<JsonNode> myMemberships() {
        return list(api.get("/api/community/me").path("memberships"));
    }

    /** {@code POST /api/community/days}: opens a day of the caller's organisation's community. */
    public JsonNode openDay(Day day) {
        ObjectNode body = MarketplaceClient.object()
                .put("day", day.day().toString())
                .put("gateClosure", day.gateClosure().toString())
                .put("pricing", day.pricing());
        ArrayNode imports = body.putArray("importPrice");
        day.importPrice().forEach(imports::add);
        ArrayNode exports = body.putArray("exportPrice");
        day.exportPrice().forEach(exports::add);
        return api.post("/api/community/days", body).body();
    }

    /** {@code GET /api/community/days/{community}/{day}}. */
    public JsonNode day(String community, LocalDate day) {
        return api.get("/api/community/days/" + community + "/" + day);
    }

    /** {@code POST /api/community/orders} under {@code idempotencyKey} (the same on a retry). */
    public JsonNode postOrder(Order order, String idempotencyKey) {
        ObjectNode body = MarketplaceClient.object()
                .put("id", order.id())
                .put("homeId", order.homeId())
                .put("day", order.day().toString())
                .put("slot", order.slot())
                .put("side", order.side())
                .put("flexible", order.flexible())
                .put("kw", order.kw())
                .put("price", order.price());
        return api.post("/api/community/orders", body, idempotencyKey, Duration.ofSeconds(30))
                .body();
    }

    /** {@code GET /api/community/orders?day=}: the caller's orders, or the operator's whole book. */
    public List<JsonNode> orders(LocalDate day) {
        return list(api.get("/api/community/orders?day=" + day).path("records"));
    }

    /** {@code POST /api/community/clearing/{day}}: the operator clears its community's day now. */
    public ClearingReport clear(LocalDate day, Duration wait) {
        JsonNode r = api.post(
                        "/api/community/clearing/" + day, MarketplaceClient.object(), "community-clear-" + day, wait)
                .body();
        List<Integer> slots = new ArrayList<>();
        r.path("slotsCleared").forEach(s -> slots.add(s.asInt()));
        return new ClearingReport(
                r.path("recorded").asBoolean(),
                r.path("trades").asInt(),
                slots,
                r.path("welfareEur").asDouble(),
                strings(r.path("offersPosted")),
                strings(r.path("offersExisting")));
    }

    /**
     * {@code GET /api/community/clearing/{community}/{day}}: the clearing as the ledger records it, each
     * trade with its order's home, slot and side (the operator's whole book; a prosumer's own trades).
     */
    public JsonNode clearing(String community, LocalDate day) {
        return api.get("/api/community/clearing/" + community + "/" + day);
    }

    /** {@code GET /api/community/prices/{community}/{day}}: the public price and volume per slot. */
    public JsonNode prices(String community, LocalDate day) {
        return api.get("/api/community/prices/" + community + "/" + day);
    }

    /**
     * {@code POST /api/community/statements/{day}}: the operator settles a member's trades of the day from
     * the home's signed readings with their proofs ({@code readings}, as a settlement takes them); the same
     * key on a retry ({@code community-statement-<day>-<homeId>}).
     */
    public JsonNode settleMember(
            LocalDate day, String homeId, List<SettlementRecords.ProvenReading> readings, Duration wait) {
        com.fasterxml.jackson.databind.node.ObjectNode body = MarketplaceClient.object();
        body.put("homeId", homeId);
        ArrayNode list = body.putArray("readings");
        readings.forEach(r -> list.add(ReadingCodec.toJson(r.signed(), r.proof())));
        return api.post("/api/community/statements/" + day, body, "community-statement-" + day + "-" + homeId, wait)
                .body();
    }

    /** {@code GET /api/community/statements/{community}/{day}}: the statements the caller may read. */
    public List<JsonNode> statements(String community, LocalDate day) {
        return list(
                api.get("/api/community/statements/" + community + "/" + day).path("records"));
    }

    /** {@code GET /api/community/statements/{community}/{day}?homeId=}: one home's statement (refused if not the caller's). */
    public JsonNode statement(String community, LocalDate day, String homeId) {
        return api.get("/api/community/statements/" + community + "/" + day + "?homeId=" + homeId)
                .path("records")
                .path(0);
    }

    /** {@code GET /api/community/me}: the caller's memberships, read strictly ({@link CommunityJson#memberships}). */
    public List<CommunityRecords.Membership> membershipRecords() {
        return CommunityJson.memberships(api.get("/api/community/me"));
    }

    /** {@code GET /api/community/orders?day=}: the caller's orders, read strictly ({@link CommunityJson#orders}). */
    public List<CommunityJson.PlacedOrder> orderRecords(LocalDate day) {
        return CommunityJson.orders(api.get("/api/community/orders?day=" + day));
    }

    /** {@code GET /api/community/days/{community}/{day}}, read strictly ({@link CommunityJson#day}). */
    public CommunityRecords.Day dayRecord(String community, LocalDate day) {
        return CommunityJson.day(day(community, day));
    }

    /**
     * {@code GET /api/community/clearing/{community}/{day}}: the trades the caller may see, read strictly
     * ({@link CommunityJson#trades}).
     */
    public List<io.flexledger.domain.community.CommunityTrade> tradeRecords(String community, LocalDate day) {
        return CommunityJson.trades(clearing(community, day));
    }

    /** {@code GET /api/community/prices/{community}/{day}}, read strictly ({@link CommunityJson#prices}). */
    public CommunityJson.Prices priceRecord(String community, LocalDate day) {
        return CommunityJson.prices(prices(community, day));
    }

    /**
     * {@code GET /api/community/statements/{community}/{day}?homeId=}: one home's statement read strictly
     * ({@link CommunityJson#statementOf}), or empty when the answer holds none.
     */
    public java.util.Optional<CommunityJson.Statement> statementRecord(String community, LocalDate day, String homeId) {
        return java.util.Optional.ofNullable(CommunityJson.statementOf(
                api.get("/api/community/statements/" + community + "/" + day + "?homeId=" + homeId)));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.asText()));
        return out;
    }
}
