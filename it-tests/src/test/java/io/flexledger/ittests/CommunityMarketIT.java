package io.flexledger.ittests;

import static io.flexledger.ittests.CommunityDays.member;
import static io.flexledger.ittests.CommunityDays.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    private static final String OPERATOR = CommunityDays.OPERATOR;

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

        // Consent of the members (their own tokens) and of the homes' aggregator.
        CommunityDays.enrol(sellerHome, buyerHome);
        // Another aggregator's trader cannot consent for Aggregator1's home.
        member("agg2-trader", "Aggregator2MSP")
                .body("{}")
                .post("/api/community/memberships/{home}/approve", sellerHome)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");

        // The operator opens the day with its gate some 40 s ahead.
        Instant gate = CommunityDays.open(day);

        // Orders: a flexible sell of 3 kW in slot 68 and another in slot 70 (nobody buys that one), a firm
        // buy of 2 kW in slot 68.
        String sell68 = Market.uniqueId("cs");
        String sell70 = Market.uniqueId("cs");
        String buy68 = Market.uniqueId("cb");
        CommunityDays.postOrder(
                CommunityDays.SELLER, OPERATOR, order(sell68, sellerHome, day, 68, "SELL", true, "3", "0.08"));
        CommunityDays.postOrder(
                CommunityDays.SELLER, OPERATOR, order(sell70, sellerHome, day, 70, "SELL", true, "2", "0.09"));
        CommunityDays.postOrder(
                CommunityDays.BUYER,
                CommunityDays.BUYER_MSP,
                order(buy68, buyerHome, day, 68, "BUY", false, "2", "0.25"));
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
        JsonPath report = CommunityDays.clearAfter(gate, day);
        assertThat(report.getInt("trades")).isEqualTo(2);
        assertThat(report.getList("slotsCleared", Integer.class)).containsExactly(68);
        assertThat(report.getList("lockedSlots", String.class)).containsExactly(sellerHome + "|68");
        List<String> offers = report.getList("offersPosted", String.class);
        assertThat(offers).hasSize(1);
        String leftover = offers.get(0);
        // A second clearing finds the recorded one and posts nothing twice.
        JsonPath again = CommunityDays.clear(day);
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
        return CommunityDays.awaitRead(
                user,
                msp,
                read -> !read.getList("trades").isEmpty(),
                "/api/community/clearing/{c}/{day}",
                OPERATOR,
                day.toString());
    }
}
