package io.flexledger.ittests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.domain.time.MarketPeriod;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A community day of Aggregator1 on the running stack, built as its users build it: two members link
 * themselves to their homes (the seller's member {@code agg1-prosumer} through Aggregator1, the buyer's
 * {@code community-prosumer} through CommunityMSP) and the operator approves both, the operator opens the
 * day with its gate some 40 s ahead, the members post their orders, and once the gate has passed the
 * operator clears the day. The steps {@link CommunityMarketIT} and {@link CommunitySettlementIT} share.
 */
final class CommunityDays {
    /** The community's operator. */
    static final String OPERATOR = "Aggregator1MSP";

    /** The seller's member and its organisation. */
    static final String SELLER = "agg1-prosumer";

    static final String SELLER_MSP = OPERATOR;

    /** The buyer's member and its organisation. */
    static final String BUYER = "community-prosumer";

    static final String BUYER_MSP = "CommunityMSP";

    private CommunityDays() {}

    /** A request by demo user {@code user} to {@code msp}'s instance, with a fresh idempotency key. */
    static RequestSpecification member(String user, String msp) {
        return Api.as(user, msp)
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /**
     * Each member proposes their membership of their home (the consent of the member, with their own
     * token) and the operator's trader approves both (the consent of the home's aggregator), once the
     * proposal has reached its peer.
     */
    static void enrol(String sellerHome, String buyerHome) {
        member(SELLER, SELLER_MSP)
                .body("{\"homeId\":\"" + sellerHome + "\"}")
                .post("/api/community/memberships")
                .then()
                .statusCode(201);
        member(BUYER, BUYER_MSP)
                .body("{\"homeId\":\"" + buyerHome + "\"}")
                .post("/api/community/memberships")
                .then()
                .statusCode(201);
        for (String home : List.of(sellerHome, buyerHome)) {
            awaitCreated(() -> member("agg1-trader", OPERATOR)
                    .body("{}")
                    .post("/api/community/memberships/{home}/approve", home)
                    .then()
                    .extract()
                    .statusCode());
        }
    }

    /** The operator opens {@code day} with its gate some 40 s ahead: the gate, as the ledger holds it. */
    static Instant open(LocalDate day) {
        Instant gate = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
        member("agg1-trader", OPERATOR)
                .body(dayJson(day, gate))
                .post("/api/community/days")
                .then()
                .statusCode(201)
                .body("gateClosure", equalTo(gate.toString()));
        return gate;
    }

    /** {@code user} of {@code msp} posts an order, once its membership has reached the peer that checks it. */
    static void postOrder(String user, String msp, String orderJson) {
        awaitCreated(() -> member(user, msp)
                .body(orderJson)
                .post("/api/community/orders")
                .then()
                .extract()
                .statusCode());
    }

    /** Waits for the gate to pass, then the operator clears the day: its report. */
    static JsonPath clearAfter(Instant gate, LocalDate day) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(gate.plusSeconds(2)));
        return clear(day);
    }

    /** The operator clears the day now ({@code POST /api/community/clearing/{day}}): its report. */
    static JsonPath clear(LocalDate day) {
        return member("agg1-trader", OPERATOR)
                .body("{}")
                .post("/api/community/clearing/{day}", day.toString())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** What {@code user} of {@code msp} reads at {@code path} once it answers 200 with a body that is {@code ready}. */
    static JsonPath awaitRead(String user, String msp, Predicate<JsonPath> ready, String path, Object... params) {
        JsonPath[] read = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var r = member(user, msp).get(path, params).then().extract();
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    read[0] = r.jsonPath();
                    return ready.test(read[0]);
                });
        return read[0];
    }

    /** The day opened by the operator: the grid's import 0.30 and export 0.05 EUR/kWh in every slot, pay as clear. */
    static String dayJson(LocalDate day, Instant gate) {
        int slots = MarketPeriod.of(day).slotCount(); // 92 or 100 on a clock-change day
        String imports = "[" + String.join(",", Collections.nCopies(slots, "\"0.30\"")) + "]";
        String exports = "[" + String.join(",", Collections.nCopies(slots, "\"0.05\"")) + "]";
        return "{\"day\":\"" + day + "\",\"gateClosure\":\"" + gate + "\",\"pricing\":\"PAY_AS_CLEAR\",\"importPrice\":"
                + imports + ",\"exportPrice\":" + exports + "}";
    }

    /** A member's order. */
    static String order(
            String id, String home, LocalDate day, int slot, String side, boolean flexible, String kw, String price) {
        return "{\"id\":\"" + id + "\",\"homeId\":\"" + home + "\",\"day\":\"" + day + "\",\"slot\":" + slot
                + ",\"side\":\"" + side + "\",\"flexible\":" + flexible + ",\"kw\":\"" + kw + "\",\"price\":\""
                + price + "\"}";
    }

    private static void awaitCreated(java.util.concurrent.Callable<Integer> status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> status.call() == 201);
    }
}
