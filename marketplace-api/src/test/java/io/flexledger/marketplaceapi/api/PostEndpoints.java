package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.MalformedBodies.Kind.ARRAY;
import static io.flexledger.marketplaceapi.api.MalformedBodies.Kind.DECIMAL;
import static io.flexledger.marketplaceapi.api.MalformedBodies.Kind.INTEGER;
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

    static final Endpoint DEVICES = new Endpoint(
            "/api/devices",
            "{\"id\":\"meter-1\",\"assetId\":\"home-1\",\"kind\":\"METER\",\"keyAlgorithm\":\"EC\","
                    + "\"publicKeyBase64\":\"" + TestKeys.EC_PUBLIC_KEY_BASE64 + "\"}",
            Map.of("id", STRING, "assetId", STRING, "kind", STRING, "keyAlgorithm", STRING, "publicKeyBase64", STRING),
            Set.of("id", "assetId", "kind", "keyAlgorithm", "publicKeyBase64"),
            Map.of(
                    "id", values("", "bad id!"),
                    "assetId", values("home 1"),
                    "kind", values("meter", "TOASTER", ""),
                    "keyAlgorithm", values("RSA", "ec", ""),
                    "publicKeyBase64", values("", "not base64!", "AAAA", TestKeys.ED25519_PUBLIC_KEY_BASE64)));

    /** A new key proposed for a meter by its aggregator. */
    static final Endpoint METER_KEY = new Endpoint(
            "/api/devices/meter-1/key",
            "{\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\"" + TestKeys.EC_PUBLIC_KEY_BASE64 + "\"}",
            Map.of("keyAlgorithm", STRING, "publicKeyBase64", STRING),
            Set.of("keyAlgorithm", "publicKeyBase64"),
            Map.of(
                    "keyAlgorithm", values("RSA", "ec", ""),
                    "publicKeyBase64", values("", "not base64!", "AAAA", TestKeys.ED25519_PUBLIC_KEY_BASE64)));

    /** The DSO's approval of a meter (or its new key), naming the key it checked. */
    static final Endpoint METER_APPROVAL = new Endpoint(
            "/api/devices/meter-1/approval",
            "{\"publicKeyBase64\":\"" + TestKeys.EC_PUBLIC_KEY_BASE64 + "\"}",
            Map.of("publicKeyBase64", STRING),
            Set.of("publicKeyBase64"),
            Map.of("publicKeyBase64", values("", "not base64!", "AAAA", "x".repeat(1001))));

    static final Endpoint BASELINES = new Endpoint(
            "/api/baselines",
            "{\"assetId\":\"home-1\",\"day\":\"2030-06-01\",\"hashHex\":\"" + "ab".repeat(32) + "\"}",
            Map.of("assetId", STRING, "day", STRING, "hashHex", STRING),
            Set.of("assetId", "day", "hashHex"),
            Map.of(
                    "assetId", values("", "bad id!"),
                    "day", values("2030-06-31", "June"),
                    "hashHex", values("", "AB".repeat(32), "ab".repeat(31), "zz".repeat(32))));

    /** 96 slots on 2030-06-01 (no clock change in London). */
    static final Endpoint BASELINE_REVEAL = new Endpoint(
            "/api/baselines/reveal",
            "{\"assetId\":\"home-1\",\"day\":\"2030-06-01\",\"kwBySlot\":" + kwList(96, "1.25") + ",\"salt\":\""
                    + "0f".repeat(16) + "\"}",
            Map.of("assetId", STRING, "day", STRING, "kwBySlot", ARRAY, "salt", STRING),
            Set.of("assetId", "day", "kwBySlot", "salt"),
            Map.of(
                    "assetId", values("bad id!"),
                    "day", values("2030-06-31", "x"),
                    "kwBySlot",
                            List.of(
                                    MalformedBodies.parse("{\"a\":" + kwList(95, "1") + "}")
                                            .get("a"),
                                    MalformedBodies.parse("{\"a\":" + kwList(97, "1") + "}")
                                            .get("a"),
                                    MalformedBodies.parse("{\"a\":" + kwList(96, "1.0001") + "}")
                                            .get("a"),
                                    MalformedBodies.parse("{\"a\":" + kwList(96, "\"x\"") + "}")
                                            .get("a"),
                                    MalformedBodies.parse("{\"a\":[]}").get("a")),
                    "salt", values("", "0f", "0F".repeat(16), "zz".repeat(16))));

    static final Endpoint ANCHORS = new Endpoint(
            "/api/anchors",
            "{\"day\":\"2030-06-01\",\"aggregatorMsp\":\"Aggregator1MSP\",\"rootHex\":\"" + "cd".repeat(32)
                    + "\",\"leafCount\":96}",
            Map.of("day", STRING, "aggregatorMsp", STRING, "rootHex", STRING, "leafCount", INTEGER),
            Set.of("day", "aggregatorMsp", "rootHex", "leafCount"),
            Map.of(
                    "day", values("2030-02-29", "today"),
                    "aggregatorMsp", values("DsoMSP", "CommunityMSP", "bad id!"),
                    "rootHex", values("", "CD".repeat(32), "cd".repeat(33)),
                    "leafCount", values(0, -1, 1.5, 10_000_000_000L)));

    /** A settlement of two slots; the signatures are well-formed (the chaincode verifies them). */
    static final Endpoint SETTLEMENTS = new Endpoint(
                    "/api/settlements",
                    "{\"orderId\":\"ord-o-1\",\"readings\":[" + reading(68, "0.412000", 17) + ","
                            + reading(69, "-0.100000", 18) + "]}",
                    Map.of("orderId", STRING, "readings", ARRAY),
                    Set.of("orderId", "readings"),
                    Map.of(
                            "orderId", values("", "bad id!", "x".repeat(65)),
                            "readings",
                                    List.of(
                                            MalformedBodies.parse("{\"a\":[]}").get("a"),
                                            MalformedBodies.parse("{\"a\":[" + reading(68, "1", 1) + ","
                                                            + reading(68, "2", 2) + "]}")
                                                    .get("a"),
                                            MalformedBodies.parse("{\"a\":[42]}")
                                                    .get("a"),
                                            MalformedBodies.parse("{\"a\":[" + reading(68, "1", 1) + ","
                                                            + reading(69, "1", 2)
                                                                    .replace("home-1", "home-2") + "]}")
                                                    .get("a"))))
            .nested(
                    "/readings/1",
                    Map.of(
                            "deviceId", STRING,
                            "assetId", STRING,
                            "day", STRING,
                            "slot", INTEGER,
                            "netKwh", DECIMAL,
                            "sequence", INTEGER,
                            "signature", STRING,
                            "proof", OBJECT),
                    Set.of("deviceId", "assetId", "day", "slot", "netKwh", "sequence", "signature", "proof"),
                    Map.of(
                            "deviceId", values("", "bad id!"),
                            "day", values("2030-06-00", "2030-06-02"),
                            "slot", values(-1, 96, 1.5, 68),
                            "netKwh", values("0.1234567", "1e3", "abc", "", 0.0000001),
                            "sequence", values(0, -5),
                            "signature", values("", "not base64!", "x".repeat(201))))
            .nested(
                    "/readings/1/proof",
                    Map.of("leafIndex", INTEGER, "leafCount", INTEGER, "siblings", ARRAY),
                    Set.of("leafIndex", "leafCount", "siblings"),
                    Map.of(
                            "leafIndex", values(-1, 96, 0.5),
                            "leafCount", values(0, -3),
                            "siblings", values(List.of("XYZ"), List.of("EF".repeat(32)), List.of(7), List.of(""))));

    static final Endpoint DISPUTES = new Endpoint(
                    "/api/disputes",
                    "{\"id\":\"d-1\",\"settlementId\":\"stl-ord-o-1\",\"reason\":\"the meter was replaced on the day\","
                            + "\"evidenceHash\":\"" + "0a".repeat(32) + "\","
                            + "\"claim\":{\"creditedKwh\":\"1.5\",\"shortfallKwh\":0.5,\"netEur\":\"0.2500\"}}",
                    Map.of(
                            "id",
                            STRING,
                            "settlementId",
                            STRING,
                            "reason",
                            STRING,
                            "evidenceHash",
                            STRING,
                            "claim",
                            OBJECT),
                    Set.of("id", "settlementId", "reason", "evidenceHash", "claim"),
                    Map.of(
                            "id", values("", "bad id!"),
                            "settlementId", values("ord-o-1", "stl-", "stl-bad id!"),
                            "reason", values("", "  ", "x".repeat(1001)),
                            "evidenceHash", values("", "0A".repeat(32), "0a".repeat(16)),
                            "claim", values(Map.of(), Map.of("netEur", "0.25"))))
            .nested(
                    "/claim",
                    Map.of("creditedKwh", DECIMAL, "shortfallKwh", DECIMAL, "netEur", DECIMAL),
                    Set.of("creditedKwh", "shortfallKwh", "netEur"),
                    Map.of(
                            "creditedKwh", values("-0.1", "0.0000001", "1e3", "1,5"),
                            "shortfallKwh", values(-1, 0.0000001),
                            "netEur", values("0.00001", "12,50", "1e6", "")));

    /** A resolution accepts or rejects the opener's figures; it names no amount. */
    static final Endpoint RESOLUTION = new Endpoint(
            "/api/disputes/d-1/resolution",
            "{\"outcome\":\"UPHELD\",\"note\":\"the replacement meter's readings confirm it\"}",
            Map.of("outcome", STRING, "note", STRING),
            Set.of("outcome"),
            Map.of(
                    "outcome", values("upheld", "MAYBE", ""),
                    "note", values("", " ", "x".repeat(1001))));

    /** One meter reading of home-1 on 2030-06-01 with a well-formed proof. */
    static String reading(int slot, String netKwh, long sequence) {
        return ("{\"deviceId\":\"meter-1\",\"assetId\":\"home-1\",\"day\":\"2030-06-01\",\"slot\":%d,"
                        + "\"netKwh\":\"%s\",\"sequence\":%d,\"signature\":\"MEUCIQDx/2eJ3Q==\","
                        + "\"proof\":{\"leafIndex\":%d,\"leafCount\":96,\"siblings\":[\"%s\",\"%s\"]}}")
                .formatted(slot, netKwh, sequence, slot, "1f".repeat(32), "2e".repeat(32));
    }

    /** A JSON array of {@code n} copies of {@code value}. */
    static String kwList(int n, String value) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, value)) + "]";
    }

    /** A valid body passes the API's checks and reaches the ledger, which does not answer (503). */
    static void passesTheValidBodyToTheLedger(Endpoint endpoint) {
        Response r = given().contentType("application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .body(endpoint.valid())
                .post(endpoint.path());
        assertThat(r.statusCode())
                .as("%s %s -> %s", endpoint.path(), endpoint.valid(), r.asString())
                .isEqualTo(503);
    }

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
            List<String> fields = r.jsonPath().getList("violations.field", String.class);
            assertThat(fields).as("%s names the field at fault", c).isNotEmpty().allMatch(f -> f.startsWith("$"));
            if (c.field() != null) {
                assertThat(fields)
                        .as("%s names %s: %s", c, c.field(), r.asString())
                        .anyMatch(f -> f.startsWith(c.field()));
            }
        }
        assertThat(cases).hasSize(PER_ENDPOINT);
    }
}
