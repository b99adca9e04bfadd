package io.flexledger.marketplaceapi.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of the access rules on an Aggregator1 instance: no token is 401, a token of another
 * organisation or without the role is 403, both as problem+json and before the ledger is asked (the
 * test ledger does not answer, so anything that passed would be 503).
 */
@QuarkusTest
class AccessTest {
    static final List<String> POSTS = List.of(
            "/api/offers",
            "/api/offers/o-1/revocation",
            "/api/assets",
            "/api/congestion-points",
            "/api/requests",
            "/api/orders",
            "/api/orders/ord-1/cancellation",
            "/api/devices",
            "/api/devices/meter-1/key",
            "/api/devices/meter-1/approval",
            "/api/baselines",
            "/api/baselines/reveal",
            "/api/anchors",
            "/api/settlements",
            "/api/disputes",
            "/api/disputes/d-1/resolution");
    static final List<String> GETS = List.of(
            "/api/offers?day=2030-06-01",
            "/api/offers/o-1",
            "/api/offers/o-1/revocation",
            "/api/requests?day=2030-06-01",
            "/api/requests/r-1",
            "/api/orders?day=2030-06-01",
            "/api/orders/ord-1",
            "/api/congestion-points/TX1",
            "/api/assets/home-1",
            "/api/devices/meter-1",
            "/api/devices/meter-1/history",
            "/api/assets/home-1/devices",
            "/api/baselines/2030-06-01/home-1",
            "/api/baselines/2030-06-01/home-1/versions",
            "/api/baselines/2030-06-01/home-1/values",
            "/api/anchors?day=2030-06-01",
            "/api/anchors/2030-06-01/Aggregator1MSP",
            "/api/settlements?day=2030-06-01",
            "/api/settlements/stl-ord-1",
            "/api/settlements/stl-ord-1/details",
            "/api/disputes/d-1",
            "/api/ledger/blocks/1",
            "/api/ledger/transactions/" + "ab".repeat(32),
            "/api/ledger/info",
            "/api/events");
    /** The reads of anchors, settlements, disputes and the ledger's blocks: not for prosumers. */
    static final List<String> SETTLEMENT_GETS = List.of(
            "/api/baselines/2030-06-01/home-1/values",
            "/api/anchors?day=2030-06-01",
            "/api/anchors/2030-06-01/Aggregator1MSP",
            "/api/settlements?day=2030-06-01",
            "/api/settlements/stl-ord-1",
            "/api/settlements/stl-ord-1/details",
            "/api/disputes/d-1",
            "/api/ledger/blocks/1",
            "/api/ledger/transactions/" + "ab".repeat(32),
            "/api/ledger/info");

    @Test
    void withoutATokenEveryEndpointIs401() {
        for (String path : POSTS) {
            given().contentType("application/json")
                    .body("{}")
                    .post(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
        for (String path : GETS) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void healthAndTheApiDescriptionNeedNoToken() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/settlements/{id}/details"))
                .body(containsString("/api/disputes/{id}/resolution"))
                .body(containsString("/api/orders/{id}/cancellation"))
                .body(containsString("text/event-stream"));
    }

    @Test
    @TestSecurity(
            user = "agg2-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator2MSP"))
    void aTokenOfAnotherOrganisationIs403Everywhere() {
        for (String path : POSTS) {
            given().contentType("application/json")
                    .body("{}")
                    .post(path)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("Aggregator2MSP"));
        }
        for (String path : GETS) {
            given().get(path).then().statusCode(403);
        }
    }

    @Test
    @TestSecurity(
            user = "agg1-prosumer",
            roles = "prosumer",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void aProsumerReadsButDoesNotWrite() {
        for (String path : POSTS) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(403);
        }
        // Past the access check, the read reaches the (absent) ledger.
        given().get("/api/offers/o-1").then().statusCode(503);
        given().get("/api/devices/meter-1").then().statusCode(503);
        given().get("/api/devices/meter-1/history").then().statusCode(503);
        for (String path : SETTLEMENT_GETS) {
            given().get(path).then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void anAggregatorReadsSettlementsThroughItsOwnInstance() {
        for (String path : SETTLEMENT_GETS) {
            given().get(path).then().statusCode(503);
        }
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void badPathParametersAre400NamingTheParameter() {
        given().get("/api/settlements/{id}", "ord-1")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.id"));
        given().get("/api/anchors/2030-13-01/Aggregator1MSP")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.day"));
        given().get("/api/anchors/2030-06-01/{msp}", "not an msp")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.aggregatorMsp"));
        given().get("/api/baselines/2030-06-01/{asset}", "home 1")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.assetId"));
        given().get("/api/assets/{asset}/devices", "home 1")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.assetId"));
        given().get("/api/settlements?day=tomorrow")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.day"));
        given().get("/api/settlements?day=2030-06-01&state=PAID")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("$.state"));
    }

    @Test
    @TestSecurity(user = "market-auditor", roles = "auditor")
    void anAuditorWithoutAnOrganisationReadsThroughAnyInstanceButDoesNotWrite() {
        given().get("/api/orders?day=2030-06-01").then().statusCode(503);
        for (String path : SETTLEMENT_GETS) {
            given().get(path).then().statusCode(503);
        }
        // The live events are for the instance's own organisation.
        given().get("/api/events").then().statusCode(403);
        for (String path : POSTS) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(403);
        }
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void aPostWithoutAnIdempotencyKeyIs400() {
        given().contentType("application/json")
                .body("{\"reason\":\"x\"}")
                .post("/api/offers/o-1/revocation")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("header Idempotency-Key"));
        given().contentType("application/json")
                .header("Idempotency-Key", "has space")
                .body("{\"reason\":\"x\"}")
                .post("/api/offers/o-1/revocation")
                .then()
                .statusCode(400);
    }

    /** The aggregator that is paid for a meter's readings cannot approve the meter or its key. */
    @Test
    @TestSecurity(
            user = "agg1-admin",
            roles = {"aggregator", "admin", "dso"},
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void anAggregatorCannotApproveItsOwnMeterWhateverItsRoles() {
        given().contentType("application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .body("{\"publicKeyBase64\":\"" + TestKeys.EC_PUBLIC_KEY_BASE64 + "\"}")
                .post("/api/devices/meter-1/approval")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        // It proposes a key (past the access check, the proposal reaches the absent ledger).
        given().contentType("application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .body("{\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\"" + TestKeys.EC_PUBLIC_KEY_BASE64 + "\"}")
                .post("/api/devices/meter-1/key")
                .then()
                .statusCode(503);
    }

    @Test
    @TestSecurity(
            user = "agg1-trader",
            roles = "aggregator",
            attributes = @SecurityAttribute(key = "msp", value = "Aggregator1MSP"))
    void anAggregatorCannotUseTheDsosEndpoints() {
        for (String path : List.of(
                "/api/congestion-points",
                "/api/requests",
                "/api/orders",
                "/api/orders/ord-1/cancellation",
                "/api/devices/meter-1/approval",
                "/api/anchors",
                "/api/settlements")) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(403);
        }
    }
}
