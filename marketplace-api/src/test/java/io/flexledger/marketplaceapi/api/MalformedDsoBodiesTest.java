package io.flexledger.marketplaceapi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated malformed bodies on a DSO instance's POST endpoints: all 400, none reaches the ledger. */
@QuarkusTest
@TestProfile(MalformedDsoBodiesTest.DsoInstance.class)
@TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
class MalformedDsoBodiesTest {
    @Test
    void congestionPoints() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.CONGESTION_POINTS);
    }

    @Test
    void requests() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.REQUESTS);
    }

    @Test
    void orders() {
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.ORDERS);
    }

    @Test
    void meterApprovals() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.METER_APPROVAL);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.METER_APPROVAL);
        // The Ed25519 key of a meter is approved as well.
        post("/api/devices/meter-1/approval", "{\"publicKeyBase64\":\"" + TestKeys.ED25519_PUBLIC_KEY_BASE64 + "\"}")
                .statusCode(503);
        post("/api/devices/{id}/approval".replace("{id}", "bad id!"), PostEndpoints.METER_APPROVAL.valid())
                .statusCode(400)
                .body("violations[0].field", equalTo("$.id"));
    }

    @Test
    void anchors() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.ANCHORS);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.ANCHORS);
    }

    @Test
    void settlements() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.SETTLEMENTS);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.SETTLEMENTS);
    }

    @Test
    void disputesOpenedByTheDso() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.DISPUTES);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.DISPUTES);
    }

    @Test
    void resolutionsByTheDso() {
        PostEndpoints.passesTheValidBodyToTheLedger(PostEndpoints.RESOLUTION);
        PostEndpoints.refusesEveryGeneratedBody(PostEndpoints.RESOLUTION);
    }

    /** POSTs {@code body} to {@code path} with a fresh idempotency key. */
    static ValidatableResponse post(String path, String body) {
        return given().contentType("application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .body(body)
                .post(path)
                .then();
    }

    /** The resolver accepts or rejects the opener's figures: an amount of its own is named and refused. */
    @Test
    void aResolutionNamesNoAmount() {
        post("/api/disputes/d-1/resolution", "{\"outcome\":\"UPHELD\",\"adjustedNetEur\":\"1000000\"}")
                .statusCode(400)
                .body("violations.field", contains("$.adjustedNetEur"))
                .body("violations[0].reason", startsWith("a resolution names no amount"));
        post("/api/disputes/d-1/resolution", "{\"outcome\":\"REJECTED\",\"netEur\":1,\"claim\":{\"netEur\":1}}")
                .statusCode(400)
                .body("violations.field", contains("$.claim", "$.netEur"));
    }

    /** A dispute states the corrected figures; each one at fault is named by its path in the claim. */
    @Test
    void aDisputeStatesItsFigures() {
        String noClaim = PostEndpoints.DISPUTES.valid().replaceAll(",\"claim\":\\{[^}]*\\}", "");
        post("/api/disputes", noClaim).statusCode(400).body("violations.field", contains("$.claim"));
        post(
                        "/api/disputes",
                        noClaim.replace("}", ",\"claim\":{\"creditedKwh\":\"-1\",\"shortfallKwh\":\"0.1234567\"}}"))
                .statusCode(400)
                .body("violations.field", contains("$.claim.shortfallKwh", "$.claim.netEur"));
        post(
                        "/api/disputes",
                        noClaim.replace("}", ",\"claim\":{\"creditedKwh\":\"-1\",\"shortfallKwh\":1,\"netEur\":0}}"))
                .statusCode(400)
                .body("violations.field", contains("$.claim.creditedKwh"))
                .body("violations[0].reason", equalTo("must be >= 0"));
    }

    @Test
    void aCancellationTakesNoFields() {
        given().contentType("application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .body("{\"reason\":\"no longer needed\"}")
                .post("/api/orders/ord-1/cancellation")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.reason"));
        given().header("Idempotency-Key", "k-" + System.nanoTime())
                .post("/api/orders/{id}/cancellation", "bad id!")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.id"));
    }

    @Test
    void aCancellationWithoutABodyReachesTheLedger() {
        given().header("Idempotency-Key", "k-" + System.nanoTime())
                .post("/api/orders/ord-1/cancellation")
                .then()
                .statusCode(503);
        given().contentType("application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .body("{}")
                .post("/api/orders/ord-1/cancellation")
                .then()
                .statusCode(503);
    }

    /** The test profile with the instance signing as the DSO. */
    public static class DsoInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flex.fabric.msp-id", "DsoMSP");
        }
    }
}
