package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An aggregator's homes and devices through the whole API, with the ledger in memory; the congestion
 * points are the DSO's, written to the same ledger as the DSO.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.class)
@TestSecurity(
        user = "agg1-registrar",
        roles = "aggregator",
        attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
class RegistrySuccessPathsTest {
    static final String HOME = """
            {"id":"home-1","congestionPointId":"F1",
             "home":{"assetId":"home-1","address":"1 High St","meterId":"m-1","connectionCapacityKw":9.2,
                     "salt":"00112233445566778899aabbccddeeff"}}""";

    /** A home's public record as a seed writes it, of the aggregator {@code %s}. */
    static final String ASSET = "{\"id\":\"home-1\",\"congestionPointId\":\"F1\",\"aggregatorMsp\":\"%s\"}";

    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @BeforeEach
    void theDsosGrid() {
        ledger.clear();
        registry.clear();
        seedGrid(registry);
    }

    /** The DSO's transformer TX1 and its feeder F1. */
    static void seedGrid(InMemoryRegistry registry) {
        registry.as("DsoMSP").registerCongestionPoint("cp-tx1", InMemoryRegistry.transformer("TX1", "500"));
        registry.as("DsoMSP").registerCongestionPoint("cp-f1", InMemoryRegistry.feeder("F1", "TX1", "200"));
    }

    static String meter(String id, String key) {
        return "{\"id\":\"" + id + "\",\"assetId\":\"home-1\",\"kind\":\"METER\",\"keyAlgorithm\":\"EC\","
                + "\"publicKeyBase64\":\"" + key + "\"}";
    }

    @Test
    void aHomeIsRegisteredWithItsDetailsKeptPrivate() {
        String written = post("/api/assets", "k-home", HOME)
                .statusCode(201)
                .header("Location", containsString("/api/assets/home-1"))
                .body("aggregatorMsp", equalTo("Aggregator1MSP"))
                .body("congestionPointId", equalTo("F1"))
                .body("detailsHash", hasLength(64))
                .body("home", equalTo(null))
                .extract()
                .asString();

        // The home's record is read back as the ledger wrote it, byte for byte.
        given().when().get("/api/assets/home-1").then().statusCode(200).body(equalTo(written));
        given().when().get("/api/congestion-points/F1").then().statusCode(200).body("parentId", equalTo("TX1"));
        assertTrue(registry.homeDetails("home-1").contains("1 High St"));
        post("/api/assets", "k-home-2", HOME).statusCode(409).body("code", equalTo("ASSET_EXISTS"));
    }

    @Test
    void aHomeAtAnUnknownCongestionPointIsNotFound() {
        post("/api/assets", "k-nowhere", HOME.replace("\"F1\"", "\"F9\""))
                .statusCode(404)
                .body("code", equalTo("CONGESTION_POINT_NOT_FOUND"));
    }

    @Test
    void aRetriedRegistrationAnswersTheFirstAndAKeyServesOneRequest() {
        String first =
                post("/api/assets", "k-once", HOME).statusCode(201).extract().header("Ledger-Transaction-Id");

        post("/api/assets", "k-once", HOME)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Ledger-Transaction-Id", first);
        post("/api/assets", "k-once", HOME.replace("home-1", "home-2"))
                .statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void aMeterOfTheHomeIsRegisteredProposedAndListed() {
        post("/api/assets", "k-home", HOME).statusCode(201);

        String written = post("/api/devices", "k-meter", meter("meter-1", TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(201)
                .body("state", equalTo("PROPOSED"))
                .body("aggregatorMsp", equalTo("Aggregator1MSP"))
                .extract()
                .asString();

        given().when()
                .get("/api/assets/home-1/devices")
                .then()
                .statusCode(200)
                .body(equalTo("{\"records\":[" + written + "],\"bookmark\":\"\"}"));
        given().when()
                .get("/api/devices/meter-1")
                .then()
                .statusCode(200)
                .header("Ledger-Transaction-Id", startsWith("tx-"))
                .body(equalTo(written));
        post("/api/devices", "k-meter-2", meter("meter-1", TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(409)
                .body("code", equalTo("DEVICE_EXISTS"));
    }

    @Test
    void aDeviceOfAnotherAggregatorsHomeIsRefused() {
        registry.seedAsset("Aggregator2MSP", "home-1", "F1");

        post("/api/devices", "k-theirs", meter("meter-1", TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(403)
                .body("code", equalTo("ASSET_NOT_OWNED"));
        post(
                        "/api/devices",
                        "k-none",
                        meter("meter-2", TestKeys.EC_PUBLIC_KEY_BASE64).replace("home-1", "home-9"))
                .statusCode(404)
                .body("code", equalTo("ASSET_NOT_FOUND"));
    }

    @Test
    void aCongestionPointIsNotTheAggregatorsToRegister() {
        post("/api/congestion-points", "k-cp", "{\"id\":\"TX2\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}")
                .statusCode(403)
                .body("code", not(equalTo("CONGESTION_POINT_EXISTS")));
    }
}
