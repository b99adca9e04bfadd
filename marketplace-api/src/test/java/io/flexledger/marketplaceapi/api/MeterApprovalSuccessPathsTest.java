package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.RegistryLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DSO's congestion points and meter approvals through the whole API, with the ledger in memory; the
 * homes and meters are Aggregator1's, written to the same ledger as Aggregator1.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.Dso.class)
@TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
class MeterApprovalSuccessPathsTest {
    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    private RegistryLedger aggregator;

    @BeforeEach
    void aggregator1sMeter() {
        ledger.clear();
        registry.clear();
        RegistrySuccessPathsTest.seedGrid(registry);
        aggregator = registry.as("Aggregator1MSP");
        registry.seedAsset("Aggregator1MSP", "home-1", "F1");
        aggregator.registerDevice(
                "seed-meter", new Device("meter-1", "home-1", DeviceKind.METER, "EC", TestKeys.EC_PUBLIC_KEY_BASE64));
    }

    @Test
    void aCongestionPointIsRegisteredOnceAndRead() {
        String transformer = "{\"id\":\"TX2\",\"kind\":\"TRANSFORMER\",\"capacityKw\":630}";
        String written = post("/api/congestion-points", "k-tx2", transformer)
                .statusCode(201)
                .body("id", equalTo("TX2"))
                .body("kind", equalTo("TRANSFORMER"))
                .extract()
                .asString();

        given().when().get("/api/congestion-points/TX2").then().statusCode(200).body("capacityKw", equalTo("630.000"));
        given().when().get("/api/congestion-points/TX2").then().body(equalTo(written));
        post("/api/congestion-points", "k-tx2-again", transformer)
                .statusCode(409)
                .body("code", equalTo("CONGESTION_POINT_EXISTS"));
        post(
                        "/api/congestion-points",
                        "k-f9",
                        "{\"id\":\"F9\",\"kind\":\"FEEDER\",\"parentId\":\"F1\",\"capacityKw\":100}")
                .statusCode(400)
                .body("code", equalTo("CONGESTION_POINT_PARENT_INVALID"));
        given().when().get("/api/congestion-points/TX9").then().statusCode(404);
    }

    @Test
    void theDsoApprovesTheMeterWithTheKeyItChecked() {
        String approved = post("/api/devices/meter-1/approval", "k-ok", approval(TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(201)
                .body("state", equalTo("ACTIVE"))
                .body("approvedBy", equalTo("DsoMSP"))
                .extract()
                .asString();

        given().when().get("/api/devices/meter-1").then().statusCode(200).body(equalTo(approved));
        given().when()
                .get("/api/devices/meter-1/history")
                .then()
                .statusCode(200)
                .body("device.state", equalTo("ACTIVE"))
                .body("history.value.state", contains("ACTIVE", "PROPOSED"))
                .body(startsWith("{\"device\":" + approved + ",\"history\":[{\"isDelete\":false,"));
        post("/api/devices/meter-1/approval", "k-again", approval(TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(409)
                .body("code", equalTo("METER_STATE_INVALID"));
    }

    @Test
    void anApprovalOfAnotherKeyThanTheOneAwaitingIsAConflict() {
        post("/api/devices/meter-1/approval", "k-other", approval(TestKeys.ED25519_PUBLIC_KEY_BASE64))
                .statusCode(409)
                .body("code", equalTo("METER_KEY_CONFLICT"));
        given().when().get("/api/devices/meter-1").then().statusCode(200).body("state", equalTo("PROPOSED"));
    }

    @Test
    void aNewKeyCountsOnceTheDsoApprovesIt() {
        post("/api/devices/meter-1/approval", "k-first", approval(TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(201);
        aggregator.proposeMeterKey("seed-key", "meter-1", "Ed25519", TestKeys.ED25519_PUBLIC_KEY_BASE64);

        post("/api/devices/meter-1/approval", "k-rotate", approval(TestKeys.ED25519_PUBLIC_KEY_BASE64))
                .statusCode(201)
                .body("keyVersion", equalTo(2))
                .body("keyAlgorithm", equalTo("Ed25519"))
                .body("previousKeys[0].publicKeyBase64", equalTo(TestKeys.EC_PUBLIC_KEY_BASE64));
    }

    @Test
    void aSecondMeterOfTheHomeIsRefusedOnceOneIsApproved() {
        aggregator.registerDevice(
                "seed-meter-2",
                new Device("meter-2", "home-1", DeviceKind.METER, "Ed25519", TestKeys.ED25519_PUBLIC_KEY_BASE64));
        post("/api/devices/meter-1/approval", "k-first", approval(TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(201);

        post("/api/devices/meter-2/approval", "k-second", approval(TestKeys.ED25519_PUBLIC_KEY_BASE64))
                .statusCode(409)
                .body("code", equalTo("METER_ACTIVE_EXISTS"));
        post("/api/devices/meter-9/approval", "k-none", approval(TestKeys.EC_PUBLIC_KEY_BASE64))
                .statusCode(404)
                .body("code", equalTo("DEVICE_NOT_FOUND"));
    }

    private static String approval(String key) {
        return "{\"publicKeyBase64\":\"" + key + "\"}";
    }
}
