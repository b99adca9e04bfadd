package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Supervision (decision 0017): one process of each kind is killed with SIGKILL, and with no command
 * from anyone it is running again under a new PID and healthy within a bound; afterwards an offer
 * posted through the organisation whose orderer, peer, chaincode server and API were all killed
 * commits and is read back through another organisation's API.
 */
@ExtendWith(FlexStack.class)
class SupervisionIT {
    /** A process of each kind, with the time it may take to be healthy again. */
    static final Map<String, Duration> KILLED = new LinkedHashMap<>();

    static {
        KILLED.put("orderer.aggregator2", Duration.ofSeconds(60));
        KILLED.put("peer0.aggregator2", Duration.ofSeconds(60));
        KILLED.put("chaincode.aggregator2", Duration.ofSeconds(90));
        KILLED.put("api.aggregator2", Duration.ofSeconds(120));
        KILLED.put("postgres", Duration.ofSeconds(60));
        KILLED.put("mosquitto", Duration.ofSeconds(60));
        KILLED.put("ganache", Duration.ofSeconds(60));
        KILLED.put("device-bridge", Duration.ofSeconds(120));
        KILLED.put("settlement", Duration.ofSeconds(90));
        KILLED.put("keycloak", Duration.ofSeconds(240));
    }

    @BeforeAll
    static void registry() {
        Market.congestionPoints();
    }

    @Test
    void everyKilledProcessIsBackAndHealthyByItselfAndTheMarketWorks() throws Exception {
        Map<String, Long> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> e : KILLED.entrySet()) {
            String name = e.getKey();
            long before = FlexStack.pid(name).orElseThrow(() -> new AssertionError(name + " does not run"));
            ProcessHandle process = ProcessHandle.of(before).orElseThrow();
            long t0 = System.nanoTime();
            assertThat(process.destroyForcibly()).as("SIGKILL to " + name).isTrue();
            process.onExit().get();
            waitUntilBackAndHealthy(name, before, e.getValue());
            seconds.put(name, (System.nanoTime() - t0) / 1_000_000_000L);
            System.err.printf("[it-tests] %s killed (-9) and healthy again in %d s%n", name, seconds.get(name));
        }

        // A process that was not killed may answer its health check late for a moment while the
        // stack catches up (Keycloak's start takes both cores): the whole stack is healthy again
        // within a bound, without a command.
        FlexStack.Result status = FlexStack.network(120, "status");
        long allHealthyBy = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (status.exit() != 0 && System.nanoTime() < allHealthyBy) {
            Thread.sleep(2000);
            status = FlexStack.network(120, "status");
        }
        assertThat(status.exit()).as(status.output()).isZero();
        for (String name : KILLED.keySet()) {
            assertThat(line(status.output(), name))
                    .as("restarts seen of %s in%n%s", name, status.output())
                    .matches(name + " +[0-9]+ +[0-9]+ +(RUNNING|STARTING) +[1-9][0-9]* +healthy");
        }

        String home = Market.home("Aggregator2MSP");
        String id = Market.uniqueId("o");
        Response posted =
                Api.post("Aggregator2MSP").body(Market.offer(id, home)).post("/api/offers");
        assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(201);
        DeliveryDay.awaitOffer("DsoMSP", id);
    }

    private static void waitUntilBackAndHealthy(String name, long oldPid, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            OptionalLong now = FlexStack.pid(name);
            if (now.isPresent() && now.getAsLong() != oldPid) {
                FlexStack.Result status = FlexStack.network(60, "status");
                last = line(status.output(), name);
                if (last.endsWith(" healthy")) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                name + " not back and healthy within " + bound.toSeconds() + " s after SIGKILL: " + last);
    }

    private static String line(String status, String name) {
        for (String l : status.split("\n")) {
            if (l.startsWith(name + " ")) {
                return l.strip();
            }
        }
        return "(no line for " + name + ")";
    }
}
