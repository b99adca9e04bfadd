package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UC3 on the ledger: the DSO's instance clears its open request against live offers with Timefold and
 * records the orders; a revoked offer drops out of the clearing; clearing again places nothing twice.
 */
@ExtendWith(FlexStack.class)
class MarketClearingIT {
    /**
     * A day of its own (the DSO clears a whole day at once), so that requests and offers left on a
     * reused ledger by other tests or earlier runs do not take part.
     */
    private static final LocalDate DAY = LocalDate.now().plusDays(30 + new java.util.Random().nextInt(3000));

    @BeforeAll
    static void registry() {
        Market.congestionPoints();
    }

    @Test
    void theDsoClearsItsRequestAndOrdersTheCheapestOffers() throws Exception {
        String request = Market.uniqueId("r");
        String[] homes = {
            Market.home("Aggregator1MSP"),
            Market.home("Aggregator1MSP"),
            Market.home("Aggregator1MSP"),
            Market.home("Aggregator1MSP")
        };
        String cheap = Market.uniqueId("o-cheap");
        String mid = Market.uniqueId("o-mid");
        String dear = Market.uniqueId("o-dear");
        String revoked = Market.uniqueId("o-revoked");

        try (Gateways dso = Gateways.connect("dso", "DsoMSP", FlexStack.port(7051));
                Gateways aggregator = Gateways.connect("aggregator1", "Aggregator1MSP", FlexStack.port(8051))) {
            dso.contract().submitTransaction(Requests.CREATE_REQUEST.fullName(), """
                            {"id":"%s","congestionPointId":"F1","day":"%s","kwBySlot":{"70":4.0,"71":4.0},
                             "unservedPenalty":2.0}""".formatted(request, DAY));
            post(cheap, homes[0], "0.10");
            post(mid, homes[1], "0.20");
            post(dear, homes[2], "0.90");
            post(revoked, homes[3], "0.01");

            // The provisional clearing takes the very cheap offer while it is live ...
            JsonPath before = provisional();
            assertThat(before.getMap("accepted")).containsKey(revoked);

            aggregator
                    .contract()
                    .submitTransaction(
                            Revocations.REVOKE_OFFER.fullName(),
                            "{\"offerId\":\"%s\",\"reason\":\"home owner away\"}".formatted(revoked));

            JsonPath report = Api.as("DsoMSP")
                    .post("/api/clearing/{day}", DAY.toString())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> ordered = report.getList("orders.offerId");
            // ... and once it is revoked, gate closure buys the two cheapest live ones (4 kW needed, 2 kW each).
            assertThat(ordered).contains(cheap, mid).doesNotContain(revoked, dear);
            assertThat(report.getList("closedRequests", String.class)).contains(request);

            for (String offer : List.of(cheap, mid)) {
                String order = new String(
                        dso.contract().evaluateTransaction(Orders.READ_ORDER.fullName(), "ord-" + offer),
                        StandardCharsets.UTF_8);
                assertThat(order).contains("\"offerId\":\"" + offer + "\"").contains("\"dsoMsp\":\"DsoMSP\"");
                String state = new String(
                        dso.contract().evaluateTransaction(Offers.READ_OFFER.fullName(), offer),
                        StandardCharsets.UTF_8);
                assertThat(state).contains("\"state\":\"ORDERED\"");
            }

            // Clearing the day again finds its orders already placed and places nothing twice.
            JsonPath again = Api.as("DsoMSP")
                    .post("/api/clearing/{day}", DAY.toString())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(again.getInt("placed")).isZero();
        }
    }

    @Test
    void onlyTheDsoClears() {
        Api.as("Aggregator1MSP")
                .post("/api/clearing/{day}", DAY.toString())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    private static JsonPath provisional() {
        return Api.as("DsoMSP")
                .get("/api/clearing/{day}", DAY.toString())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void post(String id, String home, String price) {
        String body = """
                {"id":"%s","congestionPointId":"F1","assetId":"%s","day":"%s",
                 "kwBySlot":{"70":2.0,"71":2.0},"price":%s,"minActivation":0.5}
                """.formatted(id, home, DAY, price);
        Api.post("Aggregator1MSP").body(body).post("/api/offers").then().statusCode(201);
    }
}
