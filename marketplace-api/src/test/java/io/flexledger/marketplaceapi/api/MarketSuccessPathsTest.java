package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.offer;
import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DSO's requests and orders through the whole API, with the ledger in memory; the offers ordered
 * are Aggregator1's, written to the same ledger as Aggregator1.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.Dso.class)
@TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
class MarketSuccessPathsTest {
    private static final String REQUEST = """
            {"id":"r-1","congestionPointId":"TX1","day":"2030-06-01","kwBySlot":{"70":5},"unservedPenalty":2}""";

    @Inject
    InMemoryLedger ledger;

    @BeforeEach
    void anAggregatorsOffer() {
        ledger.clear();
        ledger.as("Aggregator1MSP").createOffer("seed", InMemoryLedger.offerInput(offer("o-1"), "Aggregator1MSP"));
    }

    @Test
    void aPostedRequestIsCommittedReadAndListed() {
        post("/api/requests", "k-r1", REQUEST)
                .statusCode(201)
                .body("id", equalTo("r-1"))
                .body("dsoMsp", equalTo("DsoMSP"))
                .body("state", equalTo("OPEN"));

        given().when().get("/api/requests/r-1").then().statusCode(200).body("congestionPointId", equalTo("TX1"));
        given().when()
                .get("/api/requests?day=2030-06-01&state=open")
                .then()
                .statusCode(200)
                .body("records.id", contains("r-1"));
        post("/api/requests", "k-r2", REQUEST).statusCode(409).body("code", equalTo("REQUEST_EXISTS"));
    }

    @Test
    void anOrderBuysAnOfferOnce() {
        post("/api/orders", "k-ord", "{\"id\":\"ord-1\",\"offerId\":\"o-1\",\"activation\":0.5}")
                .statusCode(201)
                .body("id", equalTo("ord-1"))
                .body("aggregatorMsp", equalTo("Aggregator1MSP"))
                .body("state", equalTo("ACCEPTED"))
                .body("kwBySlot.'68'", equalTo("1.000"));

        given().when().get("/api/offers/o-1").then().statusCode(200).body("state", equalTo("ORDERED"));
        given().when().get("/api/orders/ord-1").then().statusCode(200).body("offerId", equalTo("o-1"));
        given().when().get("/api/orders?day=2030-06-01").then().statusCode(200).body("records.id", contains("ord-1"));
        post("/api/orders", "k-ord-2", "{\"id\":\"ord-2\",\"offerId\":\"o-1\",\"activation\":1}")
                .statusCode(409)
                .body("code", equalTo("ORDER_OFFER_NOT_LIVE"));
    }

    @Test
    void anOrderBelowTheOffersMinimumIsInvalid() {
        post("/api/orders", "k-low", "{\"id\":\"ord-3\",\"offerId\":\"o-1\",\"activation\":0.25}")
                .statusCode(400)
                .body("code", equalTo("ORDER_BELOW_MIN_ACTIVATION"));
    }

    @Test
    void anOrderOfAnUnknownOfferIsNotFound() {
        post("/api/orders", "k-none", "{\"id\":\"ord-4\",\"offerId\":\"o-none\",\"activation\":1}")
                .statusCode(404)
                .body("code", equalTo("OFFER_NOT_FOUND"));
    }

    @Test
    void anAcceptedOrderIsCancelledOnce() {
        post("/api/orders", "k-c", "{\"id\":\"ord-5\",\"offerId\":\"o-1\",\"activation\":1}")
                .statusCode(201);

        post("/api/orders/ord-5/cancellation", "k-cancel", "{}").statusCode(201).body("state", equalTo("CANCELLED"));
        post("/api/orders/ord-5/cancellation", "k-cancel-2", "{}")
                .statusCode(409)
                .body("code", equalTo("ORDER_STATE_INVALID"));
    }

    @Test
    void anOfferIsNotTheDsosToPost() {
        post("/api/offers", "k-o", offer("o-9")).statusCode(403);
    }
}
