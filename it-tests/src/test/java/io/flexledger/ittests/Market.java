package io.flexledger.ittests;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

/** Sets up, through the APIs, what offers rest on: congestion points and registered homes. */
final class Market {
    private Market() {}

    /** A day whose gate is open for the whole run. */
    static final LocalDate DAY = LocalDate.now().plusDays(3);

    /** A fresh id with a prefix, unique across runs on the same ledger. */
    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers TX1 and feeder F1 through the DSO's API (201, or 409 if already there). */
    static void congestionPoints() {
        Api.post("DsoMSP")
                .body("{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}")
                .post("/api/congestion-points")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        Api.post("DsoMSP")
                .body("{\"id\":\"F1\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":150}")
                .post("/api/congestion-points")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(201, 409));
    }

    /** Registers a new home on F1 into the portfolio of {@code aggregatorMsp}; returns its id. */
    static String home(String aggregatorMsp) {
        String id = uniqueId("home");
        Api.post(aggregatorMsp).body(homeBody(id)).post("/api/assets").then().statusCode(201);
        return id;
    }

    /** The body registering home {@code id} on F1, with a fresh salt. */
    static String homeBody(String id) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return """
                {"id":"%s","congestionPointId":"F1",
                 "home":{"assetId":"%s","address":"1 Test Row, Pontypool","meterId":"m-%s",
                         "connectionCapacityKw":9.2,"salt":"%s"}}
                """.formatted(id, id, id, HexFormat.of().formatHex(salt));
    }

    /** An offer body for {@code asset} on F1. */
    static String offer(String id, String asset) {
        return """
                {"id":"%s","congestionPointId":"F1","assetId":"%s","day":"%s",
                 "kwBySlot":{"68":2.0,"69":2.5},"price":0.21,"minActivation":0.5}
                """.formatted(id, asset, DAY);
    }
}
