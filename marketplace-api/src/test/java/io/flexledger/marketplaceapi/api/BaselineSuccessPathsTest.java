package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An aggregator's baselines by commit and reveal through the whole API, with the ledger in memory. */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
@TestSecurity(
        user = "agg1-forecaster",
        roles = "aggregator",
        attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
class BaselineSuccessPathsTest {
    private static final String SALT = "0f".repeat(16);
    private static final String REVEAL = PostEndpoints.BASELINE_REVEAL.valid();

    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemorySettlements settlements;

    @BeforeEach
    void aggregator1sHome() {
        ledger.clear();
        registry.clear();
        settlements.clear();
        RegistrySuccessPathsTest.seedGrid(registry);
        registry.seedAsset("Aggregator1MSP", "home-1", "F1");
    }

    /** The commitment hash of 96 slots of 1.25 kW on 2030-06-01 under {@link #SALT}, as the domain hashes it. */
    private static String hash() {
        Baseline baseline = new Baseline(
                "home-1",
                MarketRules.DEFAULT.period(LocalDate.parse("2030-06-01")),
                Collections.nCopies(96, new Kilowatts(new BigDecimal("1.25"))));
        return baseline.commitmentHash(SALT);
    }

    private static String commitment(String hash) {
        return "{\"assetId\":\"home-1\",\"day\":\"2030-06-01\",\"hashHex\":\"" + hash + "\"}";
    }

    @Test
    void aCommittedBaselineIsRevealedOnceAndItsValuesRead() {
        post("/api/baselines", "k-commit", commitment(hash()))
                .statusCode(201)
                .header("Location", endsWith("/api/baselines/2030-06-01/home-1"))
                .body("state", equalTo("COMMITTED"))
                .body("aggregatorMsp", equalTo("Aggregator1MSP"));

        io.restassured.response.Response revealed = post("/api/baselines/reveal", "k-reveal", REVEAL)
                .statusCode(201)
                .body("state", equalTo("REVEALED"))
                .extract()
                .response();
        // The read answers the record the reveal wrote, text for text, with its transaction.
        given().when()
                .get("/api/baselines/2030-06-01/home-1")
                .then()
                .statusCode(200)
                .header(LedgerResponses.TX_HEADER, revealed.header(LedgerResponses.TX_HEADER))
                .body("state", equalTo("REVEALED"))
                .body("revealedAt", not(equalTo(null)))
                .body(equalTo(revealed.asString()));
        given().when()
                .get("/api/baselines/2030-06-01/home-1/values")
                .then()
                .statusCode(200)
                .header(LedgerResponses.TX_HEADER, nullValue())
                .body("salt", equalTo(SALT))
                .body("kwBySlot", hasSize(96))
                .body(equalTo("{\"assetId\":\"home-1\",\"day\":\"2030-06-01\",\"kwBySlot\":["
                        + String.join(",", Collections.nCopies(96, "\"1.250\"")) + "],\"salt\":\"" + SALT + "\"}"));
        post("/api/baselines/reveal", "k-reveal-2", REVEAL)
                .statusCode(409)
                .body("code", equalTo("BASELINE_ALREADY_REVEALED"));
        post("/api/baselines", "k-late", commitment(hash()))
                .statusCode(409)
                .body("code", equalTo("BASELINE_ALREADY_REVEALED"));
    }

    @Test
    void aCorrectionBeforeTheRevealIsANewVersion() {
        String v1 = post("/api/baselines", "k-v1", commitment("ab".repeat(32)))
                .statusCode(201)
                .extract()
                .asString();
        String v2 = post("/api/baselines", "k-v2", commitment(hash()))
                .statusCode(201)
                .body("version", equalTo(2))
                .extract()
                .asString();

        // Each version is answered as it was written.
        given().when()
                .get("/api/baselines/2030-06-01/home-1/versions")
                .then()
                .statusCode(200)
                .body("records.hashHex", contains("ab".repeat(32), hash()))
                .body(equalTo("{\"records\":[" + v1 + "," + v2 + "],\"bookmark\":\"\"}"));
        given().when()
                .get("/api/baselines/2030-06-01/home-1/versions?pageSize=1")
                .then()
                .statusCode(200)
                .body("records", hasSize(1))
                .body("bookmark", not(equalTo("")));
    }

    @Test
    void aRevealThatDoesNotHashToTheCommitmentIsRefused() {
        post("/api/baselines", "k-other", commitment("ab".repeat(32))).statusCode(201);

        post("/api/baselines/reveal", "k-mismatch", REVEAL)
                .statusCode(403)
                .body("code", equalTo("BASELINE_HASH_MISMATCH"));
        given().when()
                .get("/api/baselines/2030-06-01/home-1/values")
                .then()
                .statusCode(404)
                .body("code", equalTo("BASELINE_NOT_FOUND"));
    }

    @Test
    void aBaselineOfAnotherAggregatorsHomeOrOfNoCommitmentIsRefused() {
        registry.seedAsset("Aggregator2MSP", "home-2", "F1");

        post("/api/baselines", "k-theirs", commitment(hash()).replace("home-1", "home-2"))
                .statusCode(403)
                .body("code", equalTo("ASSET_NOT_OWNED"));
        post("/api/baselines/reveal", "k-none", REVEAL).statusCode(404).body("code", equalTo("BASELINE_NOT_FOUND"));
    }
}
