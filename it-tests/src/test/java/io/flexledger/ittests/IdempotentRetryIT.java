package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client's retry of a POST with the same {@code Idempotency-Key} gets the first result and creates
 * nothing, also after the API instance restarted, and also when the duplicates arrive together.
 */
@ExtendWith(FlexStack.class)
class IdempotentRetryIT {
    static String home;

    @BeforeAll
    static void registry() {
        Market.congestionPoints();
        home = Market.home("Aggregator1MSP");
    }

    static Response postOffer(String key, String body) {
        return Api.as("Aggregator1MSP")
                .contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/offers");
    }

    @Test
    void aRetryReturnsTheFirstResultAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String body = Market.offer(Market.uniqueId("o"), home);
        Response first = postOffer(key, body);
        first.then().statusCode(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();

        Response retry = postOffer(key, body);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.header("Ledger-Transaction-Id")).isEqualTo(first.header("Ledger-Transaction-Id"));
        assertThat(retry.header("Ledger-Block-Number")).isEqualTo(first.header("Ledger-Block-Number"));
        assertThat(retry.asString()).isEqualTo(first.asString());

        // Without the key the same body would be a second submission, which the ledger refuses.
        Api.post("Aggregator1MSP")
                .body(body)
                .post("/api/offers")
                .then()
                .statusCode(409)
                .body("code", equalTo("OFFER_EXISTS"));
    }

    @Test
    void theSameKeyForADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        postOffer(key, Market.offer(Market.uniqueId("o"), home)).then().statusCode(201);
        String other = Market.uniqueId("o");
        postOffer(key, Market.offer(other, home))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        Api.as("Aggregator1MSP").get("/api/offers/{id}", other).then().statusCode(404);
    }

    @Test
    void concurrentDuplicatesCommitOnce() {
        String key = UUID.randomUUID().toString();
        String body = Market.offer(Market.uniqueId("o"), home);
        List<Response> answers = List.of(1, 2, 3).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> postOffer(key, body)))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();
        assertThat(answers)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isEqualTo(201));
        assertThat(answers.stream().map(r -> r.header("Ledger-Transaction-Id")).distinct())
                .hasSize(1);
    }

    @Test
    void aRetryAfterTheClientTimedOutGetsTheCommittedOffer() {
        String key = UUID.randomUUID().toString();
        String id = Market.uniqueId("o");
        String body = Market.offer(id, home);
        // The client gives up long before the commit (ordering alone batches for 250 ms) ...
        io.restassured.config.RestAssuredConfig impatient = io.restassured.config.RestAssuredConfig.config()
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 50));
        Throwable gaveUp = org.assertj.core.api.Assertions.catchThrowable(() -> Api.as("Aggregator1MSP")
                .config(impatient)
                .contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/offers"));
        assertThat(gaveUp).as("the first attempt timed out on the client").isNotNull();

        // ... and retries: one offer, the one the ledger holds, never a 409 for a second record.
        Response retry = postOffer(key, body);
        retry.then().statusCode(201);
        DeliveryDay.awaitOffer("DsoMSP", id);
        Api.as("DsoMSP")
                .get("/api/offers/{id}", id)
                .then()
                .statusCode(200)
                .header("Ledger-Transaction-Id", retry.header("Ledger-Transaction-Id"));
        Response again = postOffer(key, body);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(again.header("Ledger-Transaction-Id")).isEqualTo(retry.header("Ledger-Transaction-Id"));
    }

    @Test
    void aRetryAfterTheApiInstanceRestartedReturnsTheFirstResult() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = Market.offer(Market.uniqueId("o"), home);
        Response first = postOffer(key, body);
        first.then().statusCode(201);

        restart("api.aggregator1");

        Response retry = postOffer(key, body);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.header("Ledger-Transaction-Id")).isEqualTo(first.header("Ledger-Transaction-Id"));
        assertThat(retry.asString()).isEqualTo(first.asString());
    }

    /** Restarts one API instance through the stack's script (the same runtime folder). */
    static void restart(String instance) throws IOException, InterruptedException {
        Path root =
                Path.of(System.getProperty("flex.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("network-config/scripts/network.sh", "restart", instance)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("FLEX_HOME", FlexStack.home().toString());
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("restart finished").isTrue();
        assertThat(p.exitValue()).as("restart exit code").isZero();
    }
}
