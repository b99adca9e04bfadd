package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.IdempotencyRecords;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated bad requests (jqwik generators) to every POST of the running APIs, with real tokens:
 * bodies malformed for the API and bodies well-formed but against the ledger's rules (unknown or
 * foreign references, a closed gate, a duplicate id, an activation below the minimum). Every answer
 * is a 4xx problem, never a 5xx, and nothing changes: no record under a fresh id, the fixtures keep
 * their last transaction, and no idempotency key is used up.
 */
@ExtendWith(FlexStack.class)
class GeneratedBadInputIT {
    /** Generated requests per POST endpoint. */
    static final int PER_ENDPOINT = 25;

    static final LocalDate PAST = LocalDate.now().minusDays(1);

    static String home1;
    static String home2;
    static String offer1;
    static String request1;

    /** A generated POST: the organisation whose agent sends it, its path, body and a fresh id to look up. */
    record Bad(String msp, String path, String body, String freshId, String lookup, String why) {}

    @BeforeAll
    static void market() {
        Market.congestionPoints();
        home1 = Market.home("Aggregator1MSP");
        home2 = Market.home("Aggregator2MSP");
        offer1 = AccessMatrixIT.liveOffer("Aggregator1MSP", home1);
        request1 = Market.uniqueId("r");
        Api.post("DsoMSP")
                .body(AccessMatrixIT.requestBody(request1))
                .post("/api/requests")
                .then()
                .statusCode(201);
    }

    static Arbitrary<String> freshIds() {
        return Arbitraries.strings().withCharRange('a', 'z').ofLength(8).map(s -> "g-" + s);
    }

    static Arbitrary<Bad> offers() {
        return Combinators.combine(freshIds(), Arbitraries.integers().between(0, 7), Arbitraries.of("0.1", "2", "0"))
                .as((id, kind, kw) -> {
                    String asset = home1;
                    String cp = "F1";
                    String day = Market.DAY.toString();
                    String extra = "";
                    String why;
                    String offerId = id;
                    switch (kind) {
                        case 0 -> {
                            asset = id + "-nohome";
                            why = "unregistered asset";
                        }
                        case 1 -> {
                            asset = home2;
                            why = "another aggregator's asset";
                        }
                        case 2 -> {
                            cp = "TX-" + id;
                            why = "asset not at that congestion point";
                        }
                        case 3 -> {
                            extra = ",\"requestId\":\"" + id + "-noreq\"";
                            why = "unknown request";
                        }
                        case 4 -> {
                            day = PAST.toString();
                            why = "gate closed";
                        }
                        case 5 -> {
                            offerId = offer1;
                            why = "duplicate id";
                        }
                        case 6 -> {
                            extra = ",\"prize\":1";
                            why = "unknown field";
                        }
                        default -> {
                            extra = ",\"kwBySlot\":{\"68\":\"" + kw + "\"}";
                            why = "kW as a string";
                        }
                    }
                    String body = "{\"id\":\"" + offerId + "\",\"congestionPointId\":\"" + cp + "\",\"assetId\":\""
                            + asset + "\",\"day\":\"" + day + "\",\"kwBySlot\":{\"68\":" + kw
                            + "},\"price\":0.2,\"minActivation\":0.5" + extra + "}";
                    return new Bad("Aggregator1MSP", "/api/offers", body, id, "/api/offers/" + id, why);
                });
    }

    static Arbitrary<Bad> orders() {
        return Combinators.combine(
                        freshIds(), Arbitraries.integers().between(0, 3), Arbitraries.of("0.1", "0.49", "0.2"))
                .as((id, kind, activation) -> {
                    String offer = offer1;
                    String why;
                    String body;
                    switch (kind) {
                        case 0 -> {
                            offer = id + "-nooffer";
                            why = "unknown offer";
                            body = "{\"id\":\"" + id + "\",\"offerId\":\"" + offer + "\",\"activation\":1}";
                        }
                        case 1 -> {
                            why = "activation below the offer's minimum";
                            body = "{\"id\":\"" + id + "\",\"offerId\":\"" + offer + "\",\"activation\":" + activation
                                    + "}";
                        }
                        case 2 -> {
                            why = "activation as text";
                            body = "{\"id\":\"" + id + "\",\"offerId\":\"" + offer + "\",\"activation\":\"1\"}";
                        }
                        default -> {
                            why = "missing offer";
                            body = "{\"id\":\"" + id + "\",\"activation\":1}";
                        }
                    }
                    return new Bad("DsoMSP", "/api/orders", body, id, "/api/orders/" + id, why);
                });
    }

    static Arbitrary<Bad> requests() {
        return Combinators.combine(freshIds(), Arbitraries.integers().between(0, 3))
                .as((id, kind) -> {
                    String cp = "TX1";
                    String day = Market.DAY.toString();
                    String rid = id;
                    String why;
                    switch (kind) {
                        case 0 -> {
                            cp = "TX-" + id;
                            why = "unknown congestion point";
                        }
                        case 1 -> {
                            day = PAST.toString();
                            why = "gate closed";
                        }
                        case 2 -> {
                            rid = request1;
                            why = "duplicate id";
                        }
                        default -> {
                            day = "2030-02-30";
                            why = "no such day";
                        }
                    }
                    String body = "{\"id\":\"" + rid + "\",\"congestionPointId\":\"" + cp + "\",\"day\":\"" + day
                            + "\",\"kwBySlot\":{\"70\":5},\"unservedPenalty\":2}";
                    return new Bad("DsoMSP", "/api/requests", body, id, "/api/requests/" + id, why);
                });
    }

    static Arbitrary<Bad> congestionPoints() {
        return Combinators.combine(freshIds(), Arbitraries.integers().between(0, 2))
                .as((id, kind) -> switch (kind) {
                    case 0 ->
                        new Bad(
                                "DsoMSP",
                                "/api/congestion-points",
                                "{\"id\":\"" + id + "\",\"kind\":\"FEEDER\",\"parentId\":\"" + id
                                        + "-none\",\"capacityKw\":100}",
                                id,
                                "/api/congestion-points/" + id,
                                "unknown parent");
                    case 1 ->
                        new Bad(
                                "DsoMSP",
                                "/api/congestion-points",
                                "{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}",
                                id,
                                "/api/congestion-points/" + id,
                                "duplicate id");
                    default ->
                        new Bad(
                                "DsoMSP",
                                "/api/congestion-points",
                                "{\"id\":\"" + id + "\",\"kind\":\"FEEDER\",\"capacityKw\":100}",
                                id,
                                "/api/congestion-points/" + id,
                                "feeder without parent");
                });
    }

    static Arbitrary<Bad> assets() {
        return Combinators.combine(freshIds(), Arbitraries.integers().between(0, 2))
                .as((id, kind) -> {
                    String body = Market.homeBody(id);
                    String why;
                    switch (kind) {
                        case 0 -> {
                            body = body.replace(
                                    "\"congestionPointId\":\"F1\"", "\"congestionPointId\":\"F-" + id + "\"");
                            why = "unknown congestion point";
                        }
                        case 1 -> {
                            body = body.replace("\"assetId\":\"" + id + "\"", "\"assetId\":\"" + id + "-other\"");
                            why = "private details of another asset";
                        }
                        default -> {
                            body = body.replace("\"salt\":\"", "\"salt\":\"zz");
                            why = "salt not hex";
                        }
                    }
                    return new Bad("Aggregator1MSP", "/api/assets", body, id, "/api/assets/" + id, why);
                });
    }

    static Arbitrary<Bad> revocations() {
        return Combinators.combine(freshIds(), Arbitraries.integers().between(0, 2))
                .as((id, kind) -> switch (kind) {
                    case 0 ->
                        new Bad(
                                "Aggregator1MSP",
                                "/api/offers/" + id + "/revocation",
                                "{\"reason\":\"generated\"}",
                                id,
                                "/api/offers/" + id,
                                "unknown offer");
                    case 1 ->
                        new Bad(
                                "Aggregator2MSP",
                                "/api/offers/" + offer1 + "/revocation",
                                "{\"reason\":\"not mine\"}",
                                id,
                                "/api/offers/" + id,
                                "another aggregator's offer");
                    default ->
                        new Bad(
                                "Aggregator1MSP",
                                "/api/offers/" + offer1 + "/revocation",
                                "{\"reason\":\"\"}",
                                id,
                                "/api/offers/" + id,
                                "blank reason");
                });
    }

    @Test
    void noBadRequestGetsA5xxOrChangesTheLedger() throws Exception {
        String offerTx = txOf("DsoMSP", "/api/offers/" + offer1);
        String requestTx = txOf("DsoMSP", "/api/requests/" + request1);
        String homeTx = txOf("DsoMSP", "/api/assets/" + home1);
        Map<String, List<String>> keysByMsp = Map.of(
                "DsoMSP", new ArrayList<>(), "Aggregator1MSP", new ArrayList<>(), "Aggregator2MSP", new ArrayList<>());
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Arbitrary<Bad> endpoint :
                List.of(offers(), orders(), requests(), congestionPoints(), assets(), revocations())) {
            for (Bad bad : endpoint.sampleStream().limit(PER_ENDPOINT).toList()) {
                String key = UUID.randomUUID().toString();
                keysByMsp.get(bad.msp()).add(key);
                Response r = Api.as(bad.msp())
                        .contentType("application/json")
                        .header("Idempotency-Key", key)
                        .body(bad.body())
                        .post(bad.path());
                tried++;
                if (r.statusCode() / 100 != 4 || !r.contentType().startsWith("application/problem+json")) {
                    wrong.add(bad.why() + " " + bad.path() + " " + bad.body() + " -> " + r.statusCode() + " "
                            + r.asString());
                }
                int lookup = Api.as("DsoMSP").get(bad.lookup()).statusCode();
                if (lookup != 404) {
                    wrong.add(bad.why() + ": " + bad.lookup() + " answered " + lookup + " after a refused POST");
                }
            }
        }
        System.err.printf("[it-tests] generated bad requests tried: %d%n", tried);
        assertThat(wrong).isEmpty();
        assertThat(txOf("DsoMSP", "/api/offers/" + offer1)).isEqualTo(offerTx);
        assertThat(txOf("DsoMSP", "/api/requests/" + request1)).isEqualTo(requestTx);
        assertThat(txOf("DsoMSP", "/api/assets/" + home1)).isEqualTo(homeTx);
        assertNoIdempotencyRecords("dso", "DsoMSP", FlexStack.port(7051), keysByMsp.get("DsoMSP"));
        assertNoIdempotencyRecords(
                "aggregator1", "Aggregator1MSP", FlexStack.port(8051), keysByMsp.get("Aggregator1MSP"));
        assertNoIdempotencyRecords(
                "aggregator2", "Aggregator2MSP", FlexStack.port(9051), keysByMsp.get("Aggregator2MSP"));
    }

    private static String txOf(String msp, String path) {
        return Api.as(msp).get(path).then().statusCode(200).extract().header("Ledger-Transaction-Id");
    }

    /** No refused request left an idempotency record: each key reads as unknown on the ledger. */
    private static void assertNoIdempotencyRecords(String org, String msp, int port, List<String> keys)
            throws Exception {
        try (Gateways g = Gateways.connect(org, msp, port)) {
            Contract contract = g.contract();
            for (String key : keys) {
                try {
                    contract.evaluateTransaction(IdempotencyRecords.READ_RECORD.fullName(), key);
                    throw new AssertionError("an idempotency record exists for refused key " + key);
                } catch (GatewayException e) {
                    assertThat(e.getDetails().toString() + e.getMessage()).contains("IDEMPOTENCY_RECORD_NOT_FOUND");
                }
            }
        }
    }
}
