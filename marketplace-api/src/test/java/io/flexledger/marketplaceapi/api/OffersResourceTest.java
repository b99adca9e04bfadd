package io.flexledger.marketplaceapi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The API's answers that need no ledger: malformed and invalid bodies (400 naming the field) and a
 * ledger that does not answer (503 with a reason, within the call deadlines). The %test profile
 * points the gateway at an address where nothing listens.
 */
@QuarkusTest
@TestSecurity(
        user = "agg1-trader",
        roles = "aggregator",
        attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
class OffersResourceTest {
    /** A client that gives up after 30 s: the API must answer long before, even with the ledger down. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 30_000)
                    .setParam("http.socket.timeout", 30_000));

    private static final String VALID = """
            {"id": "o-1", "congestionPointId": "TX1", "assetId": "home-001", "day": "2030-06-01",
             "kwBySlot": {"68": 2.0, "69": 2.5}, "price": 0.21, "minActivation": 0.5}
            """;

    @Nested
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    class PostOffer {
        @Test
        void rejectsTextThatIsNotJson() {
            given().config(BOUNDED)
                    .contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body("{\"id\": ")
                    .when()
                    .post("/api/offers")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("$"))
                    .body("detail", containsString("not valid JSON"));
        }

        @Test
        void namesAnUnknownField() {
            given().config(BOUNDED)
                    .contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body(VALID.replace("\"price\"", "\"prize\""))
                    .when()
                    .post("/api/offers")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("$.prize"));
        }

        @Test
        void namesAWronglyTypedField() {
            given().config(BOUNDED)
                    .contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body(VALID.replace("0.21", "\"cheap\""))
                    .when()
                    .post("/api/offers")
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("$.price"))
                    .body("violations[0].reason", containsString("number"));
        }

        @Test
        void namesANegativeSlotAmount() {
            given().config(BOUNDED)
                    .contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body(VALID.replace("\"69\": 2.5", "\"69\": -2.5"))
                    .when()
                    .post("/api/offers")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("$.kwBySlot.69"));
        }

        @Test
        void namesEveryMissingField() {
            given().config(BOUNDED)
                    .contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body("{\"id\": \"o-2\"}")
                    .when()
                    .post("/api/offers")
                    .then()
                    .statusCode(400)
                    .body("violations.field", hasItem("$.day"))
                    .body("violations.field", hasItem("$.assetId"))
                    .body("violations.field", hasItem("$.price"));
        }

        @Test
        void rejectsAMinimumActivationAboveOne() {
            given().config(BOUNDED)
                    .contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body(VALID.replace("\"minActivation\": 0.5", "\"minActivation\": 1.5"))
                    .when()
                    .post("/api/offers")
                    .then()
                    .statusCode(400)
                    .body("violations.field", hasItem("$.minActivation"));
        }

        @Test
        void answers503WithAReasonWhenTheLedgerIsDown() {
            given().config(BOUNDED)
                    .contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body(VALID)
                    .when()
                    .post("/api/offers")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", containsString("ledger-unavailable"))
                    .body("detail", containsString("127.0.0.1:1"));
        }
    }

    @Nested
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    class GetOffer {
        @Test
        void rejectsAnIdThatCannotExist() {
            given().config(BOUNDED)
                    .when()
                    .get("/api/offers/{id}", "bad id!")
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("$.id"));
        }

        @Test
        void answers503WhenTheLedgerIsDown() {
            given().config(BOUNDED)
                    .when()
                    .get("/api/offers/o-1")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void isNotReadyWhileTheLedgerIsDown() {
        given().config(BOUNDED).when().get("/q/health/ready").then().statusCode(503);
    }
}
