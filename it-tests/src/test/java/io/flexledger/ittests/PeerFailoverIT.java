package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each organisation's API fails over between its own two peers (decision 0018): with its first peer
 * killed (SIGKILL), the DSO's and Aggregator1's APIs go on answering reads and writes within seconds
 * through their second peer, which also holds the private data shared by the aggregator and the DSO;
 * the killed peer, back, catches up with the others. Prints the outage each organisation's client
 * saw: from the kill to the first write that succeeded.
 */
@ExtendWith(FlexStack.class)
class PeerFailoverIT {
    /** The longest write outage a client may see when its organisation's gateway peer dies. */
    static final long MAX_OUTAGE_MS = 10_000;

    static String home;

    @BeforeAll
    static void registry() {
        Market.congestionPoints();
        home = Market.home("Aggregator1MSP");
        for (String peer : List.of("peer0.dso", "peer1.dso", "peer0.aggregator1", "peer1.aggregator1")) {
            assertThat(StackProcesses.pid(peer)).as(peer + " runs").isPresent();
        }
    }

    @Test
    void theDsoKeepsReadingAndWritingWhenItsFirstPeerDies() throws Exception {
        String before = postOffer(Market.uniqueId("o"));
        feeder(Market.uniqueId("F")).then().statusCode(201);

        long killedAt = killAndStamp("peer0.dso");
        // A well-behaved client retries the same write (same Idempotency-Key) until it is answered.
        String key = UUID.randomUUID().toString();
        String feederId = Market.uniqueId("F");
        long outage = untilWritten("DSO", killedAt, () -> feederWithKey(feederId, key));
        System.err.printf("[failover] DsoMSP: write outage after SIGKILL of peer0.dso: %d ms%n", outage);
        assertThat(outage).as("DSO write outage").isLessThan(MAX_OUTAGE_MS);

        // Reads: a congestion point, the offer of Aggregator1 posted before the kill and one posted
        // after it (endorsed by the DSO's second peer, whose peer0 is gone).
        readable("DsoMSP", "/api/congestion-points/{id}", feederId);
        readable("DsoMSP", "/api/offers/{id}", before);
        String after = postOffer(Market.uniqueId("o"));
        // Written by Aggregator1: the DSO's peer commits that block a moment later.
        DeliveryDay.awaitOffer("DsoMSP", after);
        // Private data: a home registered now by Aggregator1 is in its collection with the DSO on the
        // DSO's remaining peer.
        String newHome = Market.home("Aggregator1MSP");
        assertThat(homeDetails("peer1.dso", 7061, newHome)).contains(newHome);

        bringBack("peer0.dso");
        Api.post("DsoMSP")
                .body(feederBody(Market.uniqueId("F")))
                .post("/api/congestion-points")
                .then()
                .statusCode(201);
        heightsAgree();
        // The returned peer has the private data written while it was down (pulled from the others).
        assertThat(homeDetails("peer0.dso", 7051, newHome)).contains(newHome);
    }

    @Test
    void aggregator1KeepsOfferingWhenItsFirstPeerDies() throws Exception {
        postOffer(Market.uniqueId("o"));

        long killedAt = killAndStamp("peer0.aggregator1");
        String key = UUID.randomUUID().toString();
        String id = Market.uniqueId("o");
        long outage = untilWritten("Aggregator1", killedAt, () -> offerWithKey(id, key));
        System.err.printf(
                "[failover] Aggregator1MSP: write outage after SIGKILL of peer0.aggregator1: %d ms%n", outage);
        assertThat(outage).as("Aggregator1 write outage").isLessThan(MAX_OUTAGE_MS);

        Api.as("Aggregator1MSP").get("/api/offers/{id}", id).then().statusCode(200);
        DeliveryDay.awaitOffer("DsoMSP", id);
        // The retry of the acknowledged write is answered from the record, not written twice.
        offerWithKey(id, key).then().statusCode(201).header("Idempotent-Replayed", "true");
        // Aggregator1's remaining peer holds its homes' private details too.
        String newHome = Market.home("Aggregator1MSP");
        assertThat(homeDetails("peer1.dso", 7061, newHome)).contains(newHome);

        bringBack("peer0.aggregator1");
        postOffer(Market.uniqueId("o"));
        heightsAgree();
    }

    // ---- steps -------------------------------------------------------------------------------

    /** GET {@code path} as {@code msp} answers 200 (the answer and the API's peers shown if not). */
    static void readable(String msp, String path, String id) {
        Response r = Api.as(msp).get(path, id);
        assertThat(r.statusCode())
                .as("GET %s (%s) as %s: %s; peers %s", path, id, msp, r.asString(), StackProcesses.heights())
                .isEqualTo(200);
    }

    static long killAndStamp(String peer) throws Exception {
        long pid = StackProcesses.kill(peer);
        long at = System.nanoTime();
        System.err.printf("[failover] SIGKILL to %s (PID %d)%n", peer, pid);
        return at;
    }

    /**
     * Repeats {@code write} until it is answered 201 (a 503 or a dropped connection is retried after
     * 200 ms, anything else fails); returns the milliseconds from {@code since}.
     */
    static long untilWritten(String who, long since, Supplier<Response> write) throws InterruptedException {
        long deadline = since + TimeUnit.SECONDS.toNanos(60);
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            long attempt = System.nanoTime();
            try {
                Response r = write.get();
                System.err.printf(
                        "[failover] %s: attempt answered %d after %d ms%n",
                        who, r.statusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attempt));
                if (r.statusCode() == 201) {
                    System.err.printf(
                            "[failover] %s: %d failed attempts before the write succeeded%n", who, failures.size());
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
                }
                assertThat(r.statusCode()).as("%s write: %s", who, r.asString()).isIn(502, 503, 504);
                failures.add(r.statusCode() + "");
            } catch (RuntimeException e) {
                // The connection dropped (the API itself is not what is killed here, but be lenient).
                failures.add(e.getClass().getSimpleName());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(who + ": no write succeeded within 60 s of the kill; attempts: " + failures);
    }

    /** Restarts the killed peer, unless a supervisor has already brought it back. */
    static void bringBack(String peer) {
        FlexStack.Result restart = FlexStack.network(180, "restart", peer);
        assertThat(StackProcesses.pid(peer))
                .as("%s back after `network.sh restart %s`: %s", peer, peer, restart.output())
                .isPresent();
    }

    /** Waits until every peer and orderer reports the same height (new blocks may still arrive). */
    static void heightsAgree() throws InterruptedException {
        Map<String, String> heights = StackProcesses.heights();
        for (int i = 0; i < 90 && !agree(heights); i++) {
            Thread.sleep(1000);
            heights = StackProcesses.heights();
        }
        System.err.printf("[failover] heights: %s%n", heights);
        assertThat(heights.keySet()).contains("peer0.dso", "peer1.dso", "peer0.aggregator1", "peer1.aggregator1");
        assertThat(agree(heights)).as("every node's height: %s", heights).isTrue();
    }

    private static boolean agree(Map<String, String> heights) {
        return !heights.isEmpty()
                && heights.values().stream().distinct().count() == 1
                && !heights.containsValue("down");
    }

    // ---- requests ----------------------------------------------------------------------------

    static String postOffer(String id) {
        Api.post("Aggregator1MSP")
                .body(Market.offer(id, home))
                .post("/api/offers")
                .then()
                .statusCode(201);
        return id;
    }

    static Response offerWithKey(String id, String key) {
        return json("Aggregator1MSP", key).body(Market.offer(id, home)).post("/api/offers");
    }

    static Response feeder(String id) {
        return Api.post("DsoMSP").body(feederBody(id)).post("/api/congestion-points");
    }

    static Response feederWithKey(String id, String key) {
        return json("DsoMSP", key).body(feederBody(id)).post("/api/congestion-points");
    }

    static String feederBody(String id) {
        return "{\"id\":\"" + id + "\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":100}";
    }

    static RequestSpecification json(String msp, String key) {
        return Api.as(msp).contentType("application/json").header("Idempotency-Key", key);
    }

    /**
     * A home's private details as one DSO peer holds them: registry:ReadHomeDetails evaluated on that
     * peer alone by the DSO's admin (peer CLI), so that the answer comes from that peer's store.
     */
    static String homeDetails(String peer, int demoPort, String assetId) throws Exception {
        Path root =
                Path.of(System.getProperty("flex.root", "..")).toAbsolutePath().normalize();
        Path org = FlexStack.home().resolve("crypto/peerOrganizations/dso.flexledger.local");
        String bin = run(root, List.of("network-config/scripts/fabric-binaries.sh"), Map.of())
                .strip();
        String[] lines = bin.split("\n");
        bin = lines[lines.length - 1].strip();
        String out = "";
        // Just written: the peer may commit the block a moment after the API answered.
        for (int i = 0; i < 20; i++) {
            out = run(
                    root,
                    List.of(
                            bin + "/peer",
                            "chaincode",
                            "query",
                            "-C",
                            "flexmarket",
                            "-n",
                            "flexledger",
                            "-c",
                            "{\"Args\":[\"registry:ReadHomeDetails\",\"" + assetId + "\"]}"),
                    Map.of(
                            "FABRIC_CFG_PATH",
                            FlexStack.home().resolve("config").toString(),
                            "CORE_PEER_LOCALMSPID",
                            "DsoMSP",
                            "CORE_PEER_MSPCONFIGPATH",
                            org.resolve("users/Admin@dso.flexledger.local/msp").toString(),
                            "CORE_PEER_ADDRESS",
                            "127.0.0.1:" + FlexStack.port(demoPort),
                            "CORE_PEER_TLS_ENABLED",
                            "true",
                            "CORE_PEER_TLS_ROOTCERT_FILE",
                            org.resolve("tlsca/tlsca.dso.flexledger.local-cert.pem")
                                    .toString()));
            if (out.contains(assetId) && !out.contains("Error")) {
                return out;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(peer + " holds no private details of " + assetId + ": " + out);
    }

    private static String run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("peer-cli", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
