package io.flexledger.marketplaceapi.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Access} on Aggregator1's instance with the ledger in memory: the instance's organisation is the
 * one its ledger port signs for, so a token of that organisation passes and reads its own records, a
 * record of another aggregator is refused or left out of a list, and an auditor sees every aggregator's.
 * The DSO anchored a day of both aggregators.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
class AccessSuccessPathsTest {
    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemorySettlements settlements;

    @BeforeEach
    void bothAggregatorsAnchored() {
        ledger.clear();
        settlements.clear();
        for (String aggregator : new String[] {"Aggregator1MSP", "Aggregator2MSP"}) {
            settlements
                    .as("DsoMSP")
                    .anchorReadings(
                            "seed-" + aggregator,
                            new ReadingAnchor(LocalDate.parse("2030-06-01"), aggregator, "cd".repeat(32), 96));
        }
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void anAggregatorReadsItsOwnRecordsOnlyThroughItsInstance() {
        given().when()
                .get("/api/anchors/2030-06-01/Aggregator1MSP")
                .then()
                .statusCode(200)
                .body("aggregatorMsp", equalTo("Aggregator1MSP"));
        refused(
                "/api/anchors/2030-06-01/Aggregator2MSP",
                "belongs to Aggregator2MSP; Aggregator1MSP's instance shows its own only");
        given().when()
                .get("/api/anchors?day=2030-06-01")
                .then()
                .statusCode(200)
                .body("records.aggregatorMsp", Matchers.contains("Aggregator1MSP"));
    }

    @Test
    @TestSecurity(user = "market-auditor", roles = "auditor")
    void anAuditorReadsEveryAggregatorsRecordsThroughIt() {
        given().when()
                .get("/api/anchors/2030-06-01/Aggregator2MSP")
                .then()
                .statusCode(200)
                .body("aggregatorMsp", equalTo("Aggregator2MSP"));
        given().when()
                .get("/api/anchors?day=2030-06-01")
                .then()
                .statusCode(200)
                .body("records.aggregatorMsp", containsInAnyOrder("Aggregator1MSP", "Aggregator2MSP"));
    }

    @Test
    @TestSecurity(
            user = "agg2-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void anotherOrganisationsTokenIsRefusedEvenForItsOwnRecord() {
        refused(
                "/api/anchors/2030-06-01/Aggregator2MSP",
                "(Aggregator2MSP) is not Aggregator1MSP, for which this instance signs");
    }

    private static void refused(String path, String reason) {
        given().when()
                .get(path)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(reason));
    }
}
