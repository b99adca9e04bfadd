package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.MalformedBodies.Kind.NUMBER;
import static io.flexledger.marketplaceapi.api.MalformedBodies.Kind.OBJECT;
import static io.flexledger.marketplaceapi.api.MalformedBodies.Kind.STRING;
import static io.flexledger.marketplaceapi.api.MalformedBodies.values;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.marketplaceapi.api.MalformedBodies.Endpoint;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The POST endpoints' body shapes for generated malformed bodies (jqwik generators), and the check
 * that each generated body, posted by a caller allowed to use the endpoint, is refused with a 400
 * problem naming a field without reaching the ledger (the test profile's ledger does not answer, so a
 * body that got through would come back 503).
 */
final class PostEndpoints {
    /** Bodies generated per endpoint. */
    static final int PER_ENDPOINT = 150;

    static final Endpoint OFFERS = new Endpoint(
            "/api/offers",
            """
            {"id":"o-1","congestionPointId":"TX1","assetId":"home-1","day":"2030-06-01",
             "kwBySlot":{"68":2.0,"69":2.5},"price":0.21,"minActivation":0.5,"requestId":"r-1"}""",
            Map.of(
                    "id",
                    STRING,
                    "aggregatorMsp",
                    STRING,
                    "congestionPointId",
                    STRING,
                    "assetId",
                    STRING,
                    "day",
                    STRING,
                    "requestId",
                    STRING,
                    "kwBySlot",
                    OBJECT,
                    "price",
                    NUMBER,
                    "minActivation",
                    NUMBER),
            Set.of("id", "congestionPointId", "assetId", "day", "kwBySlot", "price", "minActivation"),
            Map.of(
                    "id", values("", "bad id!", "x".repeat(65), "-starts-with-dash"),
                    "aggregatorMsp", values("DsoMSP", "Nobody MSP"),
                    "day", values("2030-13-01", "tomorrow", "01/06/2030", ""),
                    "kwBySlot",
                            values(
                                    Map.of(),
                                    Map.of("68", -1),
                                    Map.of("68", 0),
                                    Map.of("x", 1),
                                    Map.of("01", 1),
                                    Map.of("100", 1),
                                    Map.of("68", 0.0001)),
                    "price", values(-0.01, 0.000001),
                    "minActivation", values(-0.1, 1.5, 0.0000001)));

    static final Endpoint REVOCATION = new Endpoint(
            "/api/offers/o-1/revocation",
            "{\"reason\":\"battery fault\"}",
            Map.of("reason", STRING),
            Set.of("reason"),
            Map.of("reason", values("", "   ", "x".repeat(501))));

    static final Endpoint ASSETS = new Endpoint(
            "/api/assets",
            """
            {"id":"home-1","congestionPointId":"F1",
             "home":{"assetId":"home-1","address":"1 High St","meterId":"m-1","connectionCapacityKw":9.2,
                     "salt":"00112233445566778899aabbccddeeff"}}""",
            Map.of("id", STRING, "congestionPointId", STRING, "aggregatorMsp", STRING, "home", OBJECT),
            Set.of("id", "congestionPointId", "home"),
            Map.of(
                    "id", values("", "bad id!"),
                    "aggregatorMsp", values("DsoMSP"),
                    "home",
                            values(
                                    Map.of(
                                            "assetId",
                                            "home-1",
                                            "address",
                                            "1 High St",
                                            "meterId",
                                            "m-1",
                                            "connectionCapacityKw",
                                            9.2),
                                    Map.of(
                                            "assetId",
                                            "home-1",
                                            "address",
                                            "1 High St",
                                            "meterId",
                                            "m-1",
                                            "connectionCapacityKw",
                                            -1,
                                            "salt",
                                            "00"),
                                    Map.of(
                                            "assetId",
                                            "home-1",
                                            "address",
                                            "1 High St",
                                            "meterId",
                                            "m-1",
                                            "connectionCapacityKw",
                                            "9.2",
                                            "salt",
                                            "00"),
                                    Map.of(
                                            "assetId",
                                            "home-1",
                                            "address",
                                            "1 High St",
                                            "meterId",
                                            "m-1",
                                            "connectionCapacityKw",
                                            9.2,
                                            "salt",
                                            "00",
                                            "owner",
                                            "x"),
                                    Map.of(
                                            "address",
                                            "1 High St",
                                            "meterId",
                                            "m-1",
                                            "connectionCapacityKw",
                                            9.2,
                                            "salt",
                                            "00"))));

    static final Endpoint CONGESTION_POINTS = new Endpoint(
            "/api/congestion-points",
            "{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}",
            Map.of("id", STRING, "kind", STRING, "parentId", STRING, "capacityKw", NUMBER),
            Set.of("id", "kind", "capacityKw"),
            Map.of(
                    "id", values("", "bad id!"),
                    "kind", values("SUBSTATION", "transformer", ""),
                    "parentId", values("TX0"),
                    "capacityKw", values(0, -5, 0.0001)));

    static final Endpoint REQUESTS = new Endpoint(
            "/api/requests",
            """
            {"id":"r-1","congestionPointId":"TX1","day":"2030-06-01","kwBySlot":{"70":5},"unservedPenalty":2}""",
            Map.of(
                    "id",
                    STRING,
                    "dsoMsp",
                    STRING,
                    "congestionPointId",
                    STRING,
                    "day",
                    STRING,
                    "kwBySlot",
                    OBJECT,
                    "unservedPenalty",
                    NUMBER),
            Set.of("id", "congestionPointId", "day", "kwBySlot", "unservedPenalty"),
            Map.of(
                    "id", values("", "bad id!"),
                    "dsoMsp", values("Aggregator1MSP"),
                    "day", values("2030-02-30", "soon"),
                    "kwBySlot", values(Map.of(), Map.of("70", -5), Map.of("96", 1), Map.of("a", 1)),
                    "unservedPenalty", values(-1, 0.000001)));

    static final Endpoint ORDERS = new Endpoint(
            "/api/orders",
            "{\"id\":\"ord-1\",\"offerId\":\"o-1\",\"activation\":0.75}",
            Map.of("id", STRING, "offerId", STRING, "activation", NUMBER),
            Set.of("id", "offerId", "activation"),
            Map.of(
                    "id", values("", "bad id!"),
                    "offerId", values("", "o 1"),
                    "activation", values(0, -0.5, 1.01)));

    static void refusesEveryGeneratedBody(Endpoint endpoint) {
        List<MalformedBodies.Case> cases =
                MalformedBodies.of(endpoint).sampleStream().limit(PER_ENDPOINT).toList();
        for (MalformedBodies.Case c : cases) {
            Response r = given().contentType("application/json")
                    .header("Idempotency-Key", "k-" + System.nanoTime())
                    .body(c.body())
                    .post(endpoint.path());
            assertThat(r.statusCode())
                    .as("%s %s -> %s", endpoint.path(), c, r.asString())
                    .isEqualTo(400);
            assertThat(r.contentType()).as(c.toString()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getList("violations.field", String.class))
                    .as("%s names the field at fault", c)
                    .isNotEmpty()
                    .allMatch(f -> f.startsWith("$"));
        }
        assertThat(cases).hasSize(PER_ENDPOINT);
    }
}
