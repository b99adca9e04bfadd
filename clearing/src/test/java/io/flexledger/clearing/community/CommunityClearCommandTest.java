package io.flexledger.clearing.community;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.clearing.testing.Formats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommunityClearCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CommunityClearCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theExamplePrintsTheKeptResultByteForByte() throws Exception {
        Run run = run(Formats.example("community-small.json").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(Formats.example("community-small.result.json")));
    }

    @Test
    void theExampleResultBalancesEverySlotAndChargesNobodyBeyondTheirLimit() throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode in = m.readTree(Formats.example("community-small.json").toFile());
        JsonNode out = m.readTree(
                run(Formats.example("community-small.json").toString()).out());
        double[] net = new double[in.get("importPrice").size()];
        java.util.Map<String, JsonNode> orders = new java.util.HashMap<>();
        in.get("orders").forEach(o -> orders.put(o.get("id").asText(), o));
        for (JsonNode t : out.get("trades")) {
            JsonNode o = orders.get(t.get("orderId").asText());
            int slot = o.get("slot").asInt();
            boolean buys = o.get("side").asText().equals("BUY");
            net[slot] += buys ? t.get("kw").asDouble() : -t.get("kw").asDouble();
            assertThat(t.get("kw").asDouble()).isLessThanOrEqualTo(o.get("kw").asDouble());
            double importPrice = in.get("importPrice").get(slot).asDouble();
            double exportPrice = in.get("exportPrice").get(slot).asDouble();
            if (buys) {
                assertThat(t.get("price").asDouble())
                        .isLessThanOrEqualTo(Math.min(o.get("price").asDouble(), importPrice) + 1e-9);
            } else {
                assertThat(t.get("price").asDouble())
                        .isGreaterThanOrEqualTo(Math.max(o.get("price").asDouble(), exportPrice) - 1e-9);
            }
        }
        for (double n : net) {
            assertThat(n).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-6));
        }
        // the flexible battery ask of home-1 is matched only as far as feeder F1's neighbours buy: the rest
        // is the leftover the aggregator offers to the DSO
        assertThat(out.get("leftover").get(0).get("kwBySlot").get("3").asDouble())
                .isEqualTo(3.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a member slipping a field the market does not know (e.g. a claimed match) into its order
                "unknown order field|\"price\": 0.08}|\"price\": 0.08, \"matched\": true}|$.orders[0].matched: unknown field",
                "negative kw (a buyer posing as a seller)|\"kw\": 3.0|\"kw\": -3.0|$.orders[0].kw: must be > 0",
                "zero kw|\"kw\": 3.0|\"kw\": 0|$.orders[0].kw: must be > 0",
                "kw as text|\"kw\": 3.0|\"kw\": \"3\"|$.orders[0].kw: not a number",
                "side unknown|\"side\": \"SELL\", \"flexible\": false, \"kw\": 3.0|\"side\": \"GIFT\", \"flexible\": false, \"kw\": 3.0|$.orders[0].side: expected",
                "flexible as text|\"flexible\": false, \"kw\": 3.0|\"flexible\": \"no\", \"kw\": 3.0|$.orders[0].flexible: not true or false",
                "slot past the day|\"slot\": 0, \"side\": \"SELL\", \"flexible\": false, \"kw\": 3.0|\"slot\": 9, \"side\": \"SELL\", \"flexible\": false, \"kw\": 3.0|$.orders[0].slot: must be in [0, 4)",
                "negative price|\"kw\": 3.0, \"price\": 0.08|\"kw\": 3.0, \"price\": -0.08|$.orders[0].price: must be >= 0",
                // a home behind an export-limited feeder claiming the unlimited one for one order
                "home on two feeders|\"id\": \"pv-1-1\", \"homeId\": \"home-1\", \"feeder\": \"F1\"|\"id\": \"pv-1-1\", \"homeId\": \"home-1\", \"feeder\": \"F2\"|$.orders[1].feeder: home \"home-1\" is behind feeder \"F1\"",
                "unknown feeder|\"id\": \"pv-1-0\", \"homeId\": \"home-1\", \"feeder\": \"F1\"|\"id\": \"pv-1-0\", \"homeId\": \"home-1\", \"feeder\": \"F9\"|$.orders[0].feeder: unknown feeder",
                "duplicate order id|\"id\": \"pv-1-1\"|\"id\": \"pv-1-0\"|$.orders[1].id: duplicate order id",
                "export above import (a feed-in price that makes every seller's ask too dear)|\"exportPrice\": [0.06|\"exportPrice\": [0.30|$.exportPrice[0]: must be <= 0.25",
                "prices of unequal length|\"exportPrice\": [0.06, 0.06, 0.06, 0.06]|\"exportPrice\": [0.06, 0.06, 0.06]|$.exportPrice: needs 4 entries",
                "pricing unknown|\"PAY_AS_CLEAR\"|\"PAY_AS_I_LIKE\"|$.pricing: expected",
                "kind|\"kind\": \"community\"|\"kind\": \"clearing\"|$.kind: expected \"community\"",
                "slot length|\"slotMinutes\": 15|\"slotMinutes\": 7|$.slotMinutes: must divide 1440",
                "missing day|\"day\": \"2026-12-05\",||$.day: missing",
            })
    void aBadFieldIsNamedByItsJsonPathAndExitsTwo(String name, String from, String to, String message)
            throws Exception {
        String example = Files.readString(Formats.example("community-small.json"));
        assertThat(example).contains(from);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, example.replaceFirst(java.util.regex.Pattern.quote(from), to == null ? "" : to));
        Run run = run(bad.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(message);
    }

    @Test
    void withoutFeedersEveryOrderIsBehindOneUnlimitedFeederAndAFeederFieldIsRefused() throws Exception {
        String noFeeders = """
                {"kind": "community", "day": "d", "community": "Aggregator2MSP", "slotMinutes": 60,
                 "pricing": "PAY_AS_BID", "importPrice": [0.30], "exportPrice": [0.05],
                 "orders": [
                   {"id": "s", "homeId": "a", "slot": 0, "side": "SELL", "flexible": true, "kw": 100.0, "price": 0.10},
                   {"id": "b", "homeId": "b", "slot": 0, "side": "BUY", "flexible": false, "kw": 60.0, "price": 0.30}]}
                """;
        Path file = dir.resolve("no-feeders.json");
        Files.writeString(file, noFeeders);
        JsonNode out = new ObjectMapper().readTree(run(file.toString()).out());
        assertThat(out.get("pricing").asText()).isEqualTo("PAY_AS_BID");
        assertThat(out.get("slots").get(0).get("volumeKw").asDouble()).isEqualTo(60.0);
        assertThat(out.get("leftover").get(0).get("feeder").asText()).isEqualTo(CommunityFile.NO_FEEDER);
        assertThat(out.get("leftover").get(0).get("kwBySlot").get("0").asDouble())
                .isEqualTo(40.0);
        Files.writeString(file, noFeeders.replace("\"homeId\": \"a\",", "\"homeId\": \"a\", \"feeder\": \"F1\","));
        Run run = run(file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("$.orders[0].feeder: the input lists no feeders");
    }

    @Test
    void argumentsAndUnreadableFilesExitTwo() {
        assertThat(run().err()).contains("no input file");
        assertThat(run("a.json", "--seconds", "0").err()).contains("--seconds must be a positive number");
        assertThat(run("a.json", "--fast").exit()).isEqualTo(2);
        Run missing = run(dir.resolve("absent.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("$: cannot read");
        Path garbage = dir.resolve("garbage.json");
        assertThat(run(writeQuietly(garbage, "{\"kind\":")).err()).startsWith("$: not valid JSON");
        assertThat(run(writeQuietly(garbage, "{\"kind\":1,\"kind\":2}")).err()).startsWith("$: not valid JSON");
    }

    private static String writeQuietly(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.toString();
    }
}
