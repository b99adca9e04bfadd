package io.flexledger.marketplaceapi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An aggregator's offers through the whole API, with the ledger in memory: what succeeds, and the ledger's refusals. */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
@TestSecurity(
        user = "agg1-trader",
        roles = "aggregator",
        attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
class OfferSuccessPathsTest {
    @Inject
    InMemoryLedger ledger;

    @BeforeEach
    void emptyLedger() {
        ledger.clear();
    }

    static String offer(String id) {
        return """
                {"id": "%s", "congestionPointId": "TX1", "assetId": "home-001", "day": "2030-06-01",
                 "kwBySlot": {"68": 2.0, "69": 2.5}, "price": 0.21, "minActivation": 0.5}
                """.formatted(id);
    }

    static ValidatableResponse post(String path, String key, String body) {
        return given().contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post(path)
                .then();
    }

    @Test
    void aPostedOfferIsCommittedAndReadBack() {
        String txId = post("/api/offers", "k-1", offer("o-1"))
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/offers/o-1"))
                .header("Ledger-Block-Number", notNullValue())
                .body("id", equalTo("o-1"))
                .body("aggregatorMsp", equalTo("Aggregator1MSP"))
                .body("state", equalTo("OFFERED"))
                .extract()
                .header("Ledger-Transaction-Id");

        given().when()
                .get("/api/offers/o-1")
                .then()
                .statusCode(200)
                .header("Ledger-Transaction-Id", txId)
                .body("state", equalTo("OFFERED"));
        given().when()
                .get("/api/offers?day=2030-06-01")
                .then()
                .statusCode(200)
                .body("records.id", org.hamcrest.Matchers.contains("o-1"))
                .body("bookmark", equalTo(""));
    }

    @Test
    void aRetryUnderTheSameKeyAnswersTheFirstResult() {
        String txId = post("/api/offers", "k-retry", offer("o-2"))
                .statusCode(201)
                .extract()
                .header("Ledger-Transaction-Id");

        post("/api/offers", "k-retry", offer("o-2"))
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Ledger-Transaction-Id", txId);
    }

    @Test
    void anotherRequestUnderAUsedKeyIsUnprocessable() {
        post("/api/offers", "k-used", offer("o-3")).statusCode(201);

        post("/api/offers", "k-used", offer("o-4"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void aSecondOfferWithTheSameIdIsAConflict() {
        post("/api/offers", "k-a", offer("o-5")).statusCode(201);

        post("/api/offers", "k-b", offer("o-5"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flexledger:problem:ledger-refused"))
                .body("code", equalTo("OFFER_EXISTS"));
    }

    @Test
    void anUnknownOfferIsNotFound() {
        given().when().get("/api/offers/o-none").then().statusCode(404).body("code", equalTo("OFFER_NOT_FOUND"));
    }

    @Test
    void aLiveOfferIsRevokedOnce() {
        post("/api/offers", "k-r", offer("o-6")).statusCode(201);

        post("/api/offers/o-6/revocation", "k-rev", "{\"reason\": \"the battery is out of service\"}")
                .statusCode(201)
                .body("offerId", equalTo("o-6"));
        given().when().get("/api/offers/o-6").then().statusCode(200).body("state", equalTo("REVOKED"));
        given().when()
                .get("/api/offers/o-6/revocation")
                .then()
                .statusCode(200)
                .body("reason", equalTo("the battery is out of service"));
        post("/api/offers/o-6/revocation", "k-rev-2", "{\"reason\": \"again\"}")
                .statusCode(409)
                .body("code", equalTo("REVOCATION_OFFER_NOT_LIVE"));
    }

    @Test
    void aDayIsListedAPageAtATime() {
        for (String id : new String[] {"o-a", "o-b", "o-c"}) {
            post("/api/offers", "k-" + id, offer(id)).statusCode(201);
        }

        String bookmark = given().when()
                .get("/api/offers?day=2030-06-01&pageSize=2")
                .then()
                .statusCode(200)
                .body("records.id", org.hamcrest.Matchers.contains("o-a", "o-b"))
                .extract()
                .path("bookmark");
        given().when()
                .get("/api/offers?day=2030-06-01&pageSize=2&bookmark=" + bookmark)
                .then()
                .statusCode(200)
                .body("records", hasSize(1))
                .body("records[0].id", equalTo("o-c"))
                .body("bookmark", equalTo(""));
    }

    @Test
    void anOfferReadBackIsTheRecordTheLedgerWroteByteForByte() {
        String written = post("/api/offers", "k-bytes", offer("o-7"))
                .statusCode(201)
                .extract()
                .asString();

        // The committed record, its read and its page entry are one text: the codec writes back what it read.
        org.assertj.core.api.Assertions.assertThat(given().when()
                        .get("/api/offers/o-7")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(written);
        org.assertj.core.api.Assertions.assertThat(given().when()
                        .get("/api/offers?day=2030-06-01&slot=69")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo("{\"records\":[" + written + "],\"bookmark\":\"\"}");
    }

    @Test
    void anOfferInAnotherAggregatorsNameIsRefusedByTheLedger() {
        // The offer names the other aggregator; the value passed to the ledger keeps that name, and the
        // ledger refuses an offer not in the caller's own name.
        post(
                        "/api/offers",
                        "k-other",
                        offer("o-8").replace("{\"id\"", "{\"aggregatorMsp\": \"Aggregator2MSP\", \"id\""))
                .statusCode(403)
                .body("code", equalTo("OFFER_AGGREGATOR_MISMATCH"));
        given().when().get("/api/offers/o-8").then().statusCode(404);
    }

    @Test
    void anotherAggregatorsOfferIsNotRevokedInItsName() {
        ledger.as("Aggregator2MSP")
                .createOffer(
                        "seed",
                        InMemoryLedger.offerInput(offer("o-9").replace("home-001", "home-201"), "Aggregator2MSP"));

        // The revoking aggregator is this instance's organisation, whatever the offer's is.
        post("/api/offers/o-9/revocation", "k-rev-other", "{\"reason\": \"not mine\"}")
                .statusCode(403)
                .body("code", equalTo("REVOCATION_MSP_NOT_ALLOWED"));
        given().when().get("/api/offers/o-9").then().statusCode(200).body("state", equalTo("OFFERED"));
    }
}
