package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.domain.time.MarketPeriod;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The community market (UC2) through the organisations' APIs, as its users meet it: members (Keycloak
 * users with the role prosumer) link themselves to their homes, the aggregator consents, members post
 * orders through their own organisation's instance, the aggregator clears the day at its gate with the
 * UC2 solver and the trades go on the ledger; a member reads their own trades and is refused another
 * community's; the leftover flexibility becomes the aggregator's offers to the DSO, which the DSO orders
 * (UC2 to UC3), while a home slot the community sold is not offered.
 */
@ExtendWith(FlexStack.class)
class CommunityMarketIT {
    private static final String OPERATOR = "Aggregator1MSP";

    @BeforeAll
    static void grid() {
        Market.congestionPoints();
    }

    @Test
    void membersTradeInTheirCommunityAndTheLeftoverGoesToTheDso() {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(30 + new Random().nextInt(3000));
        String sellerHome = Market.home(OPERATOR);
        String buyerHome = Market.home(OPERATOR);
        String strangerHome = Market.home("Aggregator2MSP");

        // Consent of the member (their own token) and of the home's aggregator.
        member("agg1-prosumer", OPERATOR)
                .body("{\"homeId\":\"" + sellerHome + "\"}")
                .post("/api/community/memberships")
                .then()
                .statusCode(201);
        member("community-prosumer", "CommunityMSP")
                .body("{\"homeId\":\"" + buyerHome + "\"}")
                .post("/api/community/memberships")
                .then()
                .statusCode(201);
        for (String home : List.of(sellerHome, buyerHome)) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> member("agg1-trader", OPERATOR)
                                    .body("{}")
                                    .post("/api/community/memberships/{home}/approve", home)
                                    .then()
                                    .extract()
                                    .statusCode()
                            == 201);
        }
        // Another aggregator's trader cannot consent for Aggregator1's home.
        member("agg2-trader", "Aggregator2MSP")
                .body("{}")
                .post("/api/community/memberships/{home}/approve", sellerHome)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");

        // The operator opens the day with its gate some 40 s ahead.
        Instant gate = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
        member("agg1-trader", OPERATOR)
                .body(dayJson(day, gate))
                .post("/api/community/days")
                .then()
                .statusCode(201)
                .body("gateClosure", equalTo(gate.toString()));

        // Orders: a flexible sell of 3 kW in slot 68 and another in slot 70 (nobody buys that one), a firm
        // buy of 2 kW in slot 68.
        String sell68 = Market.uniqueId("cs");
        String sell70 = Market.uniqueId("cs");
        String buy68 = Market.uniqueId("cb");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> member("agg1-prosumer", OPERATOR)
                                .body(order(sell68, sellerHome, day, 68, "SELL", true, "3", "0.08"))
                                .post("/api/community/orders")
                                .then()
                                .extract()
                                .statusCode()
                        == 201);
        member("agg1-prosumer", OPERATOR)
                .body(order(sell70, sellerHome, day, 70, "SELL", true, "2", "0.09"))
                .post("/api/community/orders")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> member("community-prosumer", "CommunityMSP")
                                .body(order(buy68, buyerHome, day, 68, "BUY", false, "2", "0.25"))
                                .post("/api/community/orders")
                                .then()
                                .extract()
                                .statusCode()
                        == 201);
        // A member orders only for their own home; a home without a member takes no orders.
        member("community-prosumer", "CommunityMSP")
                .body(order(Market.uniqueId("cb"), sellerHome, day, 68, "BUY", false, "1", "0.30"))
                .post("/api/community/orders")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        member("agg2-prosumer", "Aggregator2MSP")
                .body(order(Market.uniqueId("cb"), strangerHome, day, 68, "BUY", false, "1", "0.30"))
                .post("/api/community/orders")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        // A member does not clear the market.
        member("agg1-prosumer", OPERATOR)
                .body("{}")
                .post("/api/community/clearing/{day}", day.toString())
                .then()
                .statusCode(403);

        // At the gate the operator clears: 2 kW of the sell meet the buy in slot 68.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(gate.plusSeconds(2)));
        JsonPath report = member("agg1-trader", OPERATOR)
                .body("{}")
                .post("/api/community/clearing/{day}", day.toString())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(report.getInt("trades")).isEqualTo(2);
        assertThat(report.getList("slotsCleared", Integer.class)).containsExactly(68);
        assertThat(report.getList("lockedSlots", String.class)).containsExactly(sellerHome + "|68");
        List<String> offers = report.getList("offersPosted", String.class);
        assertThat(offers).hasSize(1);
        String leftover = offers.get(0);
        // A second clearing finds the recorded one and posts nothing twice.
        JsonPath again = member("agg1-trader", OPERATOR)
                .body("{}")
                .post("/api/community/clearing/{day}", day.toString())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(again.getBoolean("recorded")).isFalse();
        assertThat(again.getList("offersPosted")).isEmpty();
        assertThat(again.getList("offersExisting", String.class)).containsExactly(leftover);

        // Each member reads their own trade, at one price for the slot.
        JsonPath mine = awaitTrades("agg1-prosumer", OPERATOR, day);
        assertThat(mine.getList("trades.orderId", String.class)).containsExactly(sell68);
        JsonPath theirs = awaitTrades("community-prosumer", "CommunityMSP", day);
        assertThat(theirs.getList("trades.orderId", String.class)).containsExactly(buy68);
        assertThat(mine.getString("trades[0].price")).isEqualTo(theirs.getString("trades[0].price"));
        // Another aggregator's member cannot read this community's trades.
        member("agg2-prosumer", "Aggregator2MSP")
                .get("/api/community/clearing/{c}/{day}", OPERATOR, day.toString())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        // The DSO reads the public price, not the trades.
        Api.as("DsoMSP")
                .get("/api/community/prices/{c}/{day}", OPERATOR, day.toString())
                .then()
                .statusCode(200);
        Api.as("DsoMSP")
                .get("/api/community/clearing/{c}/{day}", OPERATOR, day.toString())
                .then()
                .statusCode(403);

        // UC2 to UC3: the leftover (slot 70 of the seller's home) is an Aggregator1 offer the DSO can order.
        DeliveryDay.awaitOffer("DsoMSP", leftover);
        JsonPath offer = Api.as("DsoMSP")
                .get("/api/offers/{id}", leftover)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(offer.getString("assetId")).isEqualTo(sellerHome);
        assertThat(offer.getString("aggregatorMsp")).isEqualTo(OPERATOR);
        Map<String, Object> kw = offer.getMap("kwBySlot");
        assertThat(kw).containsOnlyKeys("70");
        Api.post("DsoMSP")
                .body(AccessMatrixIT.orderBody(Market.uniqueId("ord"), leftover))
                .post("/api/orders")
                .then()
                .statusCode(201);
    }

    private static JsonPath awaitTrades(String user, String msp, LocalDate day) {
        JsonPath[] read = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var r = member(user, msp)
                            .get("/api/community/clearing/{c}/{day}", OPERATOR, day.toString())
                            .then()
                            .extract();
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    read[0] = r.jsonPath();
                    return !read[0].getList("trades").isEmpty();
                });
        return read[0];
    }

    /** A request by demo user {@code user} to {@code msp}'s instance, with a fresh idempotency key. */
    private static RequestSpecification member(String user, String msp) {
        return Api.as(user, msp)
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }

    private static String dayJson(LocalDate day, Instant gate) {
        int slots = MarketPeriod.of(day).slotCount(); // 92 or 100 on a clock-change day
        String imports = "[" + String.join(",", Collections.nCopies(slots, "\"0.30\"")) + "]";
        String exports = "[" + String.join(",", Collections.nCopies(slots, "\"0.05\"")) + "]";
        return "{\"day\":\"" + day + "\",\"gateClosure\":\"" + gate + "\",\"pricing\":\"PAY_AS_CLEAR\",\"importPrice\":"
                + imports + ",\"exportPrice\":" + exports + "}";
    }

    private static String order(
            String id, String home, LocalDate day, int slot, String side, boolean flexible, String kw, String price) {
        return "{\"id\":\"" + id + "\",\"homeId\":\"" + home + "\",\"day\":\"" + day + "\",\"slot\":" + slot
                + ",\"side\":\"" + side + "\",\"flexible\":" + flexible + ",\"kw\":\"" + kw + "\",\"price\":\""
                + price + "\"}";
    }
}
