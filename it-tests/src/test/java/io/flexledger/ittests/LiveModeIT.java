package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live mode end to end: {@code ./flex simulate --live} plays 12 homes of a typical day on the
 * ledger (a forced request at TX1, since 12 homes congest nothing), and the APIs show what the agents
 * did: each aggregator's community market day (UC2: its homes members, the day opened, the members' orders,
 * the clearing recorded with its trades, the leftover offered to the DSO), the request, offers of both
 * aggregators, orders for the cleared offers, and the unserved kW the run reported.
 */
@ExtendWith(FlexStack.class)
class LiveModeIT {
    /** A market day of its own, so that other tests' requests and offers do not take part. */
    private static final LocalDate DAY =
            LocalDate.now(ZoneId.of("Europe/London")).plusDays(9);

    private static final Path ROOT =
            Path.of(System.getProperty("flex.root", "..")).toAbsolutePath().normalize();

    private static String runId;
    private static JsonPath report;
    private static String stdout;

    @BeforeAll
    static void playTheDay() throws IOException, InterruptedException {
        runId = "lv-it" + Long.toString(System.currentTimeMillis(), 36);
        Path json = Files.createTempFile("live-report", ".json");
        Path log = Files.createTempFile("live-run", ".log");
        Process p = new ProcessBuilder(
                        "./flex",
                        "simulate",
                        "--scenario",
                        "12",
                        "--day",
                        "1",
                        "--live",
                        "--homes",
                        "12",
                        "--force-request",
                        "5",
                        "--date",
                        DAY.toString(),
                        "--run-id",
                        runId,
                        "--json",
                        json.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        stdout = Files.readString(log, StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("the live run finished within 10 min:\n" + stdout).isTrue();
        assertThat(p.exitValue()).as(stdout).isZero();
        report = JsonPath.from(Files.readString(json, StandardCharsets.UTF_8));
        Files.deleteIfExists(json);
        Files.deleteIfExists(log);
    }

    @Test
    void theRequestIsOnTheLedgerAndClosedByTheClearing() {
        assertThat(report.getList("requests")).as(stdout).hasSize(1);
        String id = report.getString("requests[0].id");
        assertThat(id).startsWith(runId + "-");
        assertThat(report.getBoolean("requests[0].forced")).isTrue();
        JsonPath onLedger = Api.as("DsoMSP")
                .get("/api/requests/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(onLedger.getString("congestionPointId")).isEqualTo("TX1");
        assertThat(onLedger.getString("day")).isEqualTo(DAY.toString());
        assertThat(onLedger.getMap("kwBySlot")).hasSize(4);
        assertThat(onLedger.getString("state")).isEqualTo("CLOSED");
    }

    @Test
    void bothAggregatorsPostedOffersAnsweringTheRequest() {
        List<Map<String, Object>> ours = ours(list("offers"), "id");
        Map<String, Integer> byMsp = new HashMap<>();
        ours.forEach(o -> byMsp.merge((String) o.get("aggregatorMsp"), 1, Integer::sum));

        assertThat(byMsp).containsOnlyKeys("Aggregator1MSP", "Aggregator2MSP");
        assertThat(byMsp.get("Aggregator1MSP")).isEqualTo(report.getInt("offersByAggregator.Aggregator1MSP"));
        assertThat(byMsp.get("Aggregator2MSP")).isEqualTo(report.getInt("offersByAggregator.Aggregator2MSP"));
        String request = report.getString("requests[0].id");
        assertThat(ours).allSatisfy(o -> assertThat(o.get("requestId")).isEqualTo(request));
    }

    @Test
    void eachAggregatorsCommunityDayWasClearedOnTheLedgerAndItsLeftoverOffered() {
        List<Map<String, Object>> communities = report.getList("communities");
        assertThat(communities).as(stdout).hasSize(2);
        int trades = 0;
        for (int i = 0; i < communities.size(); i++) {
            String c = report.getString("communities[" + i + "].community");
            String line = "communities[" + i + "].";
            assertThat(report.getInt(line + "members")).as(stdout).isEqualTo(report.getInt(line + "homes"));
            assertThat(report.getInt(line + "firmOrders") + report.getInt(line + "flexibleOrders"))
                    .as(stdout)
                    .isPositive();
            assertThat(report.getInt(line + "refusedOrders")).as(stdout).isZero();
            // the day and its gate as the ledger holds them (public)
            JsonPath day = Api.as("DsoMSP")
                    .get("/api/community/days/{c}/{day}", c, DAY.toString())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(day.getString("gateClosure")).isEqualTo(report.getString(line + "gateClosure"));
            // the clearing is recorded: the operator reads the trades the report counted, the DSO the prices
            JsonPath clearing = Api.as(c)
                    .get("/api/community/clearing/{c}/{day}", c, DAY.toString())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(clearing.getList("trades")).hasSize(report.getInt(line + "trades"));
            Api.as("DsoMSP")
                    .get("/api/community/prices/{c}/{day}", c, DAY.toString())
                    .then()
                    .statusCode(200);
            // the operator's book holds the run's orders
            List<Map<String, Object>> book = Api.as(c)
                    .get("/api/community/orders?day={day}", DAY.toString())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("records");
            assertThat(ours(book, "id"))
                    .hasSize(report.getInt(line + "firmOrders") + report.getInt(line + "flexibleOrders"));
            // the leftover: the operator's offers to the DSO, each of a member home and no slot the community sold
            for (String id : report.getList(line + "leftoverOffers", String.class)) {
                JsonPath offer = Api.as("DsoMSP")
                        .get("/api/offers/{id}", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(offer.getString("aggregatorMsp")).isEqualTo(c);
                assertThat(offer.getString("day")).isEqualTo(DAY.toString());
            }
            trades += report.getInt(line + "trades");
        }
        assertThat(trades)
                .as("the members traded in their communities:\n" + stdout)
                .isPositive();
        assertThat(report.getList("communities.leftoverOffers").stream()
                        .mapToInt(l -> ((List<?>) l).size())
                        .sum())
                .as("the communities' leftover flexibility was offered to the DSO:\n" + stdout)
                .isPositive();
        assertThat(stdout).contains("community markets (UC2), on the ledger:");
    }

    @Test
    void everyClearedOfferHasItsOrderAndNoHomeIsOrderedTwice() {
        List<Map<String, Object>> orders = ours(list("orders"), "offerId");
        List<String> reported = new ArrayList<>();
        for (Map<String, Object> o : report.<Map<String, Object>>getList("orders")) {
            if (String.valueOf(o.get("offerId")).startsWith(runId + "-")) {
                reported.add((String) o.get("id"));
            }
        }

        assertThat(orders).as(stdout).isNotEmpty();
        assertThat(orders).extracting(o -> (String) o.get("id")).containsExactlyInAnyOrderElementsOf(reported);
        Set<String> homes = new HashSet<>();
        for (Map<String, Object> o : orders) {
            assertThat(homes.add((String) o.get("assetId")))
                    .as("one order per home")
                    .isTrue();
            String state = Api.as("DsoMSP")
                    .get("/api/offers/{id}", o.get("offerId"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("state");
            assertThat(state).isEqualTo("ORDERED");
        }
        // the day's clearing placed the orders of this run's offers and of the communities' leftover offers
        assertThat(report.getInt("clearing.placed"))
                .isEqualTo(report.getList("orders").size());
    }

    @Test
    void theUnservedKwIsWhatTheOrdersLeaveOfTheRequest() {
        // the day is the run's own: its clearing saw this run's request only
        assertThat(report.getInt("clearing.requests")).isEqualTo(4);
        Map<String, Object> request = Api.as("DsoMSP")
                .get("/api/requests/{id}", report.getString("requests[0].id"))
                .then()
                .extract()
                .jsonPath()
                .getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> asked = (Map<String, Object>) request.get("kwBySlot");
        Map<String, Double> delivered = new HashMap<>();
        for (Map<String, Object> o : ours(list("orders"), "offerId")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> kw = (Map<String, Object>) o.get("kwBySlot");
            kw.forEach((slot, v) -> delivered.merge(slot, Double.parseDouble(v.toString()), Double::sum));
        }
        double unserved = 0;
        for (Map.Entry<String, Object> e : asked.entrySet()) {
            double need = Double.parseDouble(e.getValue().toString());
            unserved += Math.max(0, need - delivered.getOrDefault(e.getKey(), 0.0));
        }
        assertThat(report.getDouble("clearing.unservedKw"))
                .isCloseTo(unserved, org.assertj.core.data.Offset.offset(0.01));
    }

    private static LocalDate dayOfItsOwn() {
        ZoneId london = ZoneId.of("Europe/London");
        LocalDate d = LocalDate.now(london).plusDays(10 + (System.currentTimeMillis() / 1000) % 200);
        // a clock-change day has 92 or 100 slots; the typical day has 96
        while (java.time.Duration.between(d.atStartOfDay(london), d.plusDays(1).atStartOfDay(london))
                        .toHours()
                != 24) {
            d = d.plusDays(1);
        }
        return d;
    }

    private List<Map<String, Object>> ours(List<Map<String, Object>> records, String idField) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            if (String.valueOf(r.get(idField)).startsWith(runId + "-")) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Map<String, Object>> list(String resource) {
        List<Map<String, Object>> all = new ArrayList<>();
        String bookmark = "";
        for (int page = 0; page < 100; page++) {
            JsonPath p = Api.as("DsoMSP")
                    .queryParam("day", DAY.toString())
                    .queryParam("pageSize", 100)
                    .queryParam("bookmark", bookmark)
                    .get("/api/" + resource)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> records = p.getList("records");
            all.addAll(records);
            String next = p.getString("bookmark");
            if (records.size() < 100 || next == null || next.isEmpty() || next.equals(bookmark)) {
                return all;
            }
            bookmark = next;
        }
        return all;
    }
}
