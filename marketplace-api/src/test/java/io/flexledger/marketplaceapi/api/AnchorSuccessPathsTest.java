package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DSO's reading anchors through the whole API, with the ledger in memory. */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.Dso.class)
@TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
class AnchorSuccessPathsTest {
    private static final String ANCHOR = PostEndpoints.ANCHORS.valid();

    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemorySettlements settlements;

    @BeforeEach
    void emptyLedger() {
        ledger.clear();
        settlements.clear();
    }

    @Test
    void aDaysReadingsOfAPortfolioAreAnchoredOnce() {
        post("/api/anchors", "k-anchor", ANCHOR)
                .statusCode(201)
                .body("aggregatorMsp", equalTo("Aggregator1MSP"))
                .body("rootHex", equalTo("cd".repeat(32)));

        given().when()
                .get("/api/anchors/2030-06-01/Aggregator1MSP")
                .then()
                .statusCode(200)
                .body("leafCount", equalTo(96));
        given().when()
                .get("/api/anchors?day=2030-06-01")
                .then()
                .statusCode(200)
                .body("records.aggregatorMsp", contains("Aggregator1MSP"));
        post("/api/anchors", "k-anchor-2", ANCHOR).statusCode(409).body("code", equalTo("ANCHOR_EXISTS"));
    }

    @Test
    void aRetriedAnchorAnswersTheFirst() {
        String first = post("/api/anchors", "k-retry", ANCHOR)
                .statusCode(201)
                .extract()
                .header("Ledger-Transaction-Id");

        post("/api/anchors", "k-retry", ANCHOR)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Ledger-Transaction-Id", first);
    }

    @Test
    void anAnchorNotWrittenIsNotFound() {
        given().when()
                .get("/api/anchors/2030-06-02/Aggregator1MSP")
                .then()
                .statusCode(404)
                .body("code", equalTo("ANCHOR_NOT_FOUND"));
    }
}
