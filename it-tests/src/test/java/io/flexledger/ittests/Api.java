package io.flexledger.ittests;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests to an organisation's marketplace-api with a token. */
final class Api {
    private Api() {}

    /** A request to {@code msp}'s instance with the token of {@code who} (a demo user or an agent). */
    static RequestSpecification as(String who, String msp) {
        return given().baseUri(FlexStack.API.get(msp)).auth().oauth2(Tokens.of(who));
    }

    /** A request to {@code msp}'s instance by that organisation's agent. */
    static RequestSpecification as(String msp) {
        return as(Tokens.AGENT_OF.get(msp), msp);
    }

    /** A JSON POST by {@code msp}'s agent with a fresh idempotency key. */
    static RequestSpecification post(String msp) {
        return as(msp).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString());
    }
}
