package io.flexledger.ittests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The role x endpoint matrix against the running APIs with real Keycloak tokens: every demo user,
 * every agent client and no token at all, on every endpoint of every organisation's instance.
 * Allowed: 2xx (writes really commit); a token of the wrong organisation or role: 403; no token: 401.
 */
@ExtendWith(FlexStack.class)
class AccessMatrixIT {
    /** A caller: realm user or agent client, the organisation its token names (null: none) and its role. */
    record Who(String name, String msp, String role) {}

    static final List<Who> CALLERS = List.of(
            new Who("dso-operator", "DsoMSP", "dso"),
            new Who("dso-admin", "DsoMSP", "admin"),
            new Who("agg1-trader", "Aggregator1MSP", "aggregator"),
            new Who("agg1-prosumer", "Aggregator1MSP", "prosumer"),
            new Who("agg1-admin", "Aggregator1MSP", "admin"),
            new Who("agg2-trader", "Aggregator2MSP", "aggregator"),
            new Who("agg2-prosumer", "Aggregator2MSP", "prosumer"),
            new Who("community-prosumer", "CommunityMSP", "prosumer"),
            new Who("community-admin", "CommunityMSP", "admin"),
            new Who("market-auditor", null, "auditor"),
            new Who("dso-agent", "DsoMSP", "dso"),
            new Who("aggregator1-agent", "Aggregator1MSP", "aggregator"),
            new Who("aggregator2-agent", "Aggregator2MSP", "aggregator"),
            new Who("community-agent", "CommunityMSP", "prosumer"));

    static final List<String> INSTANCES = List.of("DsoMSP", "Aggregator1MSP", "Aggregator2MSP", "CommunityMSP");

    /** The endpoints; a write names the role that may use it and whether it needs the DSO's instance. */
    enum Endpoint {
        POST_CONGESTION_POINT("dso"),
        POST_REQUEST("dso"),
        POST_ORDER("dso"),
        POST_ASSET("aggregator"),
        POST_OFFER("aggregator"),
        POST_REVOCATION("aggregator"),
        GET_OFFERS(null),
        GET_OFFER(null),
        GET_REVOCATION(null),
        GET_REQUESTS(null),
        GET_REQUEST(null),
        GET_ORDERS(null),
        GET_ORDER(null),
        GET_CONGESTION_POINT(null),
        GET_ASSET(null);

        final String writerRole;

        Endpoint(String writerRole) {
            this.writerRole = writerRole;
        }
    }

    /** The rule under test, as the decision record states it. */
    static boolean allowed(Who who, String instance, Endpoint e) {
        if (e.writerRole == null) {
            return "auditor".equals(who.role()) || instance.equals(who.msp());
        }
        boolean kindFits = e.writerRole.equals("dso") ? instance.equals("DsoMSP") : instance.startsWith("Aggregator");
        return instance.equals(who.msp()) && who.role().equals(e.writerRole) && kindFits;
    }

    static String home1;
    static String home2;
    static String request;
    static String offer1;
    static String revokedOffer;
    static String order;

    @BeforeAll
    static void market() {
        Market.congestionPoints();
        home1 = Market.home("Aggregator1MSP");
        home2 = Market.home("Aggregator2MSP");
        request = Market.uniqueId("r");
        Api.post("DsoMSP")
                .body(requestBody(request))
                .post("/api/requests")
                .then()
                .statusCode(201);
        offer1 = Market.uniqueId("o");
        Api.post("Aggregator1MSP")
                .body(Market.offer(offer1, home1))
                .post("/api/offers")
                .then()
                .statusCode(201);
        revokedOffer = liveOffer("Aggregator1MSP", home1);
        Api.post("Aggregator1MSP")
                .body("{\"reason\":\"matrix fixture\"}")
                .post("/api/offers/{id}/revocation", revokedOffer)
                .then()
                .statusCode(201);
        order = Market.uniqueId("ord");
        String ordered = liveOffer("Aggregator1MSP", Market.home("Aggregator1MSP"));
        Api.post("DsoMSP")
                .body(orderBody(order, ordered))
                .post("/api/orders")
                .then()
                .statusCode(201);
    }

    @Test
    void everyCallerOnEveryEndpointOfEveryInstance() {
        List<String> wrong = new ArrayList<>();
        int allowedCases = 0;
        int forbiddenCases = 0;
        int anonymousCases = 0;
        for (String instance : INSTANCES) {
            for (Endpoint e : Endpoint.values()) {
                for (Who who : CALLERS) {
                    boolean ok = allowed(who, instance, e);
                    Response r = call(
                            given().baseUri(FlexStack.API.get(instance)).auth().oauth2(Tokens.of(who.name())),
                            instance,
                            e,
                            ok);
                    boolean as = ok ? r.statusCode() / 100 == 2 : r.statusCode() == 403;
                    if (!as) {
                        wrong.add(who.name() + " " + e + " on " + instance + ": expected " + (ok ? "2xx" : "403")
                                + ", got " + r.statusCode() + " " + r.asString());
                    } else if (!ok && !r.contentType().startsWith("application/problem+json")) {
                        wrong.add(who.name() + " " + e + " on " + instance + ": 403 without problem+json");
                    }
                    if (ok) {
                        allowedCases++;
                    } else {
                        forbiddenCases++;
                    }
                }
                Response anonymous = call(given().baseUri(FlexStack.API.get(instance)), instance, e, false);
                if (anonymous.statusCode() != 401) {
                    wrong.add("no token " + e + " on " + instance + ": expected 401, got " + anonymous.statusCode());
                }
                anonymousCases++;
            }
        }
        System.err.printf(
                "[it-tests] access matrix: %d cases (%d allowed, %d forbidden, %d without a token)%n",
                allowedCases + forbiddenCases + anonymousCases, allowedCases, forbiddenCases, anonymousCases);
        assertThat(wrong).isEmpty();
        assertThat(allowedCases + forbiddenCases + anonymousCases)
                .isEqualTo(INSTANCES.size() * Endpoint.values().length * (CALLERS.size() + 1));
    }

    /** Calls {@code e}; for an allowed write, with a body and path that the ledger accepts. */
    private static Response call(RequestSpecification spec, String instance, Endpoint e, boolean allowed) {
        RequestSpecification post = spec.contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
        String day = Market.DAY.toString();
        return switch (e) {
            case POST_CONGESTION_POINT ->
                post.body("{\"id\":\"" + Market.uniqueId("F")
                                + "\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":100}")
                        .post("/api/congestion-points");
            case POST_REQUEST -> post.body(requestBody(Market.uniqueId("r"))).post("/api/requests");
            case POST_ORDER ->
                post.body(orderBody(
                                Market.uniqueId("ord"),
                                allowed ? liveOffer("Aggregator1MSP", Market.home("Aggregator1MSP")) : offer1))
                        .post("/api/orders");
            case POST_ASSET ->
                post.body(Market.homeBody(Market.uniqueId("home"))).post("/api/assets");
            case POST_OFFER ->
                post.body(Market.offer(Market.uniqueId("o"), instance.equals("Aggregator2MSP") ? home2 : home1))
                        .post("/api/offers");
            case POST_REVOCATION ->
                post.body("{\"reason\":\"matrix\"}")
                        .post(
                                "/api/offers/{id}/revocation",
                                allowed
                                        ? liveOffer(instance, instance.equals("Aggregator2MSP") ? home2 : home1)
                                        : offer1);
            case GET_OFFERS -> spec.get("/api/offers?day={day}", day);
            case GET_OFFER -> spec.get("/api/offers/{id}", offer1);
            case GET_REVOCATION -> spec.get("/api/offers/{id}/revocation", revokedOffer);
            case GET_REQUESTS -> spec.get("/api/requests?day={day}&congestionPointId=TX1", day);
            case GET_REQUEST -> spec.get("/api/requests/{id}", request);
            case GET_ORDERS -> spec.get("/api/orders?day={day}&state=ACCEPTED", day);
            case GET_ORDER -> spec.get("/api/orders/{id}", order);
            case GET_CONGESTION_POINT -> spec.get("/api/congestion-points/TX1");
            case GET_ASSET -> spec.get("/api/assets/{id}", home1);
        };
    }

    /** Posts a new live offer for {@code home} by {@code aggregatorMsp}'s agent; returns its id. */
    /**
     * An offer of {@code aggregatorMsp}'s, returned once the DSO's peer shows it too (committed through
     * the aggregator's peer, it reaches the DSO's a moment later, and an order before that is a 404).
     */
    static String liveOffer(String aggregatorMsp, String home) {
        String id = Market.uniqueId("o");
        Api.post(aggregatorMsp)
                .body(Market.offer(id, home))
                .post("/api/offers")
                .then()
                .statusCode(201);
        DeliveryDay.awaitOffer("DsoMSP", id);
        return id;
    }

    static String requestBody(String id) {
        return "{\"id\":\"" + id + "\",\"congestionPointId\":\"TX1\",\"day\":\"" + Market.DAY
                + "\",\"kwBySlot\":{\"68\":5,\"69\":5},\"unservedPenalty\":2}";
    }

    static String orderBody(String id, String offerId) {
        return "{\"id\":\"" + id + "\",\"offerId\":\"" + offerId + "\",\"activation\":1}";
    }
}
