package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The BFT ordering service (decision 0016) with one orderer killed: writes go on committing through
 * the other three, and the killed orderer, restarted, catches up with them. The DSO's orderer is the
 * first leader, so killing it also makes the others elect a new one. The stack's supervisor would
 * restart the killed orderer at once (SupervisionIT), so it is held stopped ({@code network.sh stop})
 * while the writes go on.
 */
@ExtendWith(FlexStack.class)
class OrderingFaultIT {
    static String home;

    @BeforeAll
    static void registry() throws IOException {
        Path ordering = FlexStack.home().resolve("config/ordering");
        assumeTrue(
                Files.isRegularFile(ordering)
                        && Files.readString(ordering).strip().equals("bft"),
                "the suite's stack is not ordered by BFT (FLEX_ORDERING)");
        Market.congestionPoints();
        home = Market.home("Aggregator1MSP");
    }

    @Test
    void writesCommitWhileOneOrdererIsDownAndItCatchesUpWhenBack() throws Exception {
        postOffer(Market.uniqueId("o")).then().statusCode(201);

        long pid = FlexStack.pid("orderer.dso").orElseThrow();
        ProcessHandle orderer = ProcessHandle.of(pid).orElseThrow();
        assertThat(orderer.destroyForcibly()).as("SIGKILL to orderer.dso").isTrue();
        orderer.onExit().get();
        FlexStack.Result stop = FlexStack.network(120, "stop", "orderer.dso");
        try {
            assertThat(stop.exit()).as(stop.output()).isZero();
            assertThat(FlexStack.pid("orderer.dso"))
                    .as("orderer.dso held stopped")
                    .isEmpty();

            for (int i = 0; i < 3; i++) {
                String id = Market.uniqueId("o");
                Response r = postOffer(id);
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
                // Read back through the DSO's peer, which commits the block a moment after Aggregator1's.
                DeliveryDay.awaitOffer("DsoMSP", id);
            }
            assertThat(heights().get("orderer.dso")).isEqualTo("down");
        } finally {
            // Started again whatever happened above: a failure here must not leave the suite's
            // ordering service one orderer short for the classes that follow.
            FlexStack.Result restart = FlexStack.network(120, "restart", "orderer.dso");
            assertThat(restart.exit()).as(restart.output()).isZero();
        }
        postOffer(Market.uniqueId("o")).then().statusCode(201);

        Map<String, String> heights = heights();
        for (int i = 0; i < 60 && heights.values().stream().distinct().count() != 1; i++) {
            Thread.sleep(1000);
            heights = heights();
        }
        assertThat(heights).hasSize(4);
        assertThat(heights.values())
                .as("every orderer's height: %s", heights)
                .containsOnly(heights.get("orderer.aggregator1"));
    }

    static Response postOffer(String id) {
        return Api.as("Aggregator1MSP")
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Market.offer(id, home))
                .post("/api/offers");
    }

    /** Each orderer's height of the channel, or "down", by name. */
    static Map<String, String> heights() {
        FlexStack.Result r = FlexStack.network(60, "heights");
        Map<String, String> out = new HashMap<>();
        for (String line : r.output().split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 2 && f[0].startsWith("orderer")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }
}
