package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A double sale tried through the DSO's API: two offers of the same home share a slot; the ledger
 * accepts an order of one and refuses the other, also when both orders are sent at the same time.
 */
@ExtendWith(FlexStack.class)
class DoubleSaleIT {
    @BeforeAll
    static void registry() {
        Market.congestionPoints();
    }

    @Test
    void theSecondOrderOfAnAlreadySoldSlotIsRefused() {
        String home = Market.home("Aggregator1MSP");
        String first = AccessMatrixIT.liveOffer("Aggregator1MSP", home);
        String second = AccessMatrixIT.liveOffer("Aggregator1MSP", home);
        String firstOrder = Market.uniqueId("ord");
        Api.post("DsoMSP")
                .body(AccessMatrixIT.orderBody(firstOrder, first))
                .post("/api/orders")
                .then()
                .statusCode(201);

        Api.post("DsoMSP")
                .body(AccessMatrixIT.orderBody(Market.uniqueId("ord"), second))
                .post("/api/orders")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ORDER_DOUBLE_SALE"));

        // The refused order left the second offer live and unsold.
        Api.as("DsoMSP").get("/api/offers/{id}", second).then().statusCode(200).body("state", equalTo("OFFERED"));
        Api.as("DsoMSP")
                .get("/api/orders/{id}", firstOrder)
                .then()
                .statusCode(200)
                .body("offerId", equalTo(first));
    }

    @Test
    void anOfferIsOrderedOnce() {
        String offer = AccessMatrixIT.liveOffer("Aggregator1MSP", Market.home("Aggregator1MSP"));
        Api.post("DsoMSP")
                .body(AccessMatrixIT.orderBody(Market.uniqueId("ord"), offer))
                .post("/api/orders")
                .then()
                .statusCode(201);
        Api.post("DsoMSP")
                .body(AccessMatrixIT.orderBody(Market.uniqueId("ord"), offer))
                .post("/api/orders")
                .then()
                .statusCode(409)
                .body("code", equalTo("ORDER_OFFER_NOT_LIVE"));
    }

    @Test
    void ofTwoConcurrentConflictingOrdersExactlyOneCommits() {
        String home = Market.home("Aggregator1MSP");
        String a = AccessMatrixIT.liveOffer("Aggregator1MSP", home);
        String b = AccessMatrixIT.liveOffer("Aggregator1MSP", home);
        List<CompletableFuture<Response>> orders = List.of(a, b).stream()
                .map(offer -> CompletableFuture.supplyAsync(() -> Api.post("DsoMSP")
                        .body(AccessMatrixIT.orderBody(Market.uniqueId("ord"), offer))
                        .post("/api/orders")))
                .toList();
        List<Integer> statuses =
                orders.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertThat(statuses).containsExactly(201, 409);
        long sold = List.of(a, b).stream()
                .filter(offer -> Api.as("DsoMSP")
                        .get("/api/offers/{id}", offer)
                        .then()
                        .extract()
                        .path("state")
                        .equals("ORDERED"))
                .count();
        assertThat(sold).isEqualTo(1);
    }
}
