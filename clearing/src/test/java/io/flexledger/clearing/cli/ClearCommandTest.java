package io.flexledger.clearing.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.clearing.bench.InstanceGenerator;
import io.flexledger.clearing.testing.Formats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClearCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ClearCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"tiny,4,1", "small,12,2", "medium,40,3"})
    void generatedInstancesPassTheIndependentChecker(String name, int homes, long seed) throws Exception {
        Formats.assumeChecker();
        Path problem = dir.resolve(name + ".json");
        Files.writeString(problem, InstanceGenerator.generate(name, homes, seed));
        Run run = run(problem.toString(), "--steps", "300", "--quiet");
        assertThat(run.exit()).as(run.err()).isZero();
        Path result = dir.resolve(name + ".result.json");
        Files.writeString(result, run.out());
        assertThat(Formats.check(problem, result)).startsWith("OK clearing " + name);
    }

    @Test
    void theExampleIsClearedAndPrintedAtFullPrecision() throws Exception {
        Path example = Formats.example("clearing-small.json");
        Run run = run(example.toString(), "--steps", "100", "--quiet");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("{\"kind\":\"clearing-result\",\"id\":\"clearing-small\",\"cost\":0.5522");
        assertThat(run.out()).contains("\"solveMillis\":");
        assertThat(run.out()).containsPattern("\"o-1\":0\\.671428571428571\\d");
    }

    private Run malformed(String json) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        return run(file.toString(), "--steps", "10", "--quiet");
    }

    private static final String REQUEST =
            "{\"id\":\"r-1\",\"congestionPoint\":\"TX1\",\"slot\":70,\"kw\":5.0,\"unservedPenalty\":2.0}";
    private static final String OFFER = "{\"id\":\"o-1\",\"aggregator\":\"a\",\"congestionPoint\":\"TX1\","
            + "\"asset\":\"h1\",\"kwBySlot\":{\"70\":2.0},\"price\":0.1,\"minActivation\":0.5}";

    private static String problem(String requests, String offers) {
        return "{\"kind\":\"clearing\",\"id\":\"x\",\"slotMinutes\":15,\"slots\":96,\"requests\":[" + requests
                + "],\"offers\":[" + offers + "]}";
    }

    @Test
    void aWellFormedHandWrittenProblemClears() throws Exception {
        Run run = malformed(problem(REQUEST, OFFER));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"accepted\":{\"o-1\":1.0}").contains("\"r-1\":3.0");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|$",
                "{\"kind\":\"clearing\"}|$.id",
                "KIND|$.kind",
                "EXTRA|$.extra",
                "SLOTS_TEXT|$.slots",
                "SLOTS_ZERO|$.slots",
                "REQ_SLOT_RANGE|$.requests[0].slot",
                "REQ_SLOT_FRACTION|$.requests[0].slot",
                "REQ_KW_NEGATIVE|$.requests[0].kw",
                "REQ_MISSING|$.requests[0].unservedPenalty",
                "REQ_DUP_ID|$.requests[1].id",
                "REQ_DUP_POINT_SLOT|$.requests[1]",
                "OFFER_UNKNOWN|$.offers[0].colour",
                "OFFER_KEY_PADDED|$.offers[0].kwBySlot[\"070\"]",
                "OFFER_KEY_RANGE|$.offers[0].kwBySlot[\"96\"]",
                "OFFER_KEY_TEXT|$.offers[0].kwBySlot[\"x\"]",
                "OFFER_KW_NEGATIVE|$.offers[0].kwBySlot[\"70\"]",
                "OFFER_MIN_ACTIVATION|$.offers[0].minActivation",
                "OFFER_PRICE_TYPE|$.offers[0].price",
                "OFFER_DUP_ID|$.offers[1].id",
                "OFFER_ASSET_TYPE|$.offers[0].asset",
                "DUP_FIELD|$",
            })
    void malformedInputExitsTwoNamingTheField(String variant, String path) throws Exception {
        String json = switch (variant) {
            case "KIND" -> problem(REQUEST, OFFER).replace("\"clearing\"", "\"home-day\"");
            case "EXTRA" -> problem(REQUEST, OFFER).replace("\"id\":\"x\"", "\"id\":\"x\",\"extra\":1");
            case "SLOTS_TEXT" -> problem(REQUEST, OFFER).replace("\"slots\":96", "\"slots\":\"96\"");
            case "SLOTS_ZERO" -> problem(REQUEST, OFFER).replace("\"slots\":96", "\"slots\":0");
            case "REQ_SLOT_RANGE" -> problem(REQUEST.replace("70", "96"), OFFER);
            case "REQ_SLOT_FRACTION" -> problem(REQUEST.replace("70", "70.5"), OFFER);
            case "REQ_KW_NEGATIVE" -> problem(REQUEST.replace("5.0", "-5.0"), OFFER);
            case "REQ_MISSING" -> problem(REQUEST.replace(",\"unservedPenalty\":2.0", ""), OFFER);
            case "REQ_DUP_ID" -> problem(REQUEST + "," + REQUEST.replace("70", "71"), OFFER);
            case "REQ_DUP_POINT_SLOT" -> problem(REQUEST + "," + REQUEST.replace("r-1", "r-2"), OFFER);
            case "OFFER_UNKNOWN" -> problem(REQUEST, OFFER.replace("\"id\":\"o-1\"", "\"id\":\"o-1\",\"colour\":1"));
            case "OFFER_KEY_PADDED" -> problem(REQUEST, OFFER.replace("\"70\":", "\"070\":"));
            case "OFFER_KEY_RANGE" -> problem(REQUEST, OFFER.replace("\"70\":", "\"96\":"));
            case "OFFER_KEY_TEXT" -> problem(REQUEST, OFFER.replace("\"70\":", "\"x\":"));
            case "OFFER_KW_NEGATIVE" -> problem(REQUEST, OFFER.replace("2.0}", "-2.0}"));
            case "OFFER_MIN_ACTIVATION" -> problem(REQUEST, OFFER.replace("0.5}", "1.5}"));
            case "OFFER_PRICE_TYPE" -> problem(REQUEST, OFFER.replace("0.1", "\"0.1\""));
            case "OFFER_DUP_ID" -> problem(REQUEST, OFFER + "," + OFFER.replace("h1", "h2"));
            case "OFFER_ASSET_TYPE" -> problem(REQUEST, OFFER.replace("\"h1\"", "7"));
            case "DUP_FIELD" -> problem(REQUEST, OFFER).replace("\"id\":\"x\"", "\"id\":\"x\",\"id\":\"y\"");
            default -> variant;
        };
        Run run = malformed(json);
        assertThat(run.exit()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).startsWith(path + ":");
    }

    @Test
    void overflowingPenaltiesHaveNoFiniteAnswer() throws Exception {
        Run run = malformed(problem(REQUEST.replace("5.0", "1e300").replace("2.0}", "1e300}"), OFFER));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("a.json", "--seconds", "-1").exit()).isEqualTo(2);
        assertThat(run("a.json", "--frobnicate").exit()).isEqualTo(2);
        assertThat(run(dir.resolve("missing.json").toString()).exit()).isEqualTo(2);
    }

    private static final double EXAMPLE_OPTIMUM = 0.55225;

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static double recomputedGap(JsonNode result) {
        double lb = result.get("lowerBound").doubleValue();
        return 100.0 * (result.get("cost").doubleValue() - lb) / Math.max(Math.abs(lb), 1.0);
    }

    @Test
    void theResultCarriesALowerBoundBelowTheKnownOptimumAndItsProvenGap() throws Exception {
        Run run = run(Formats.example("clearing-small.json").toString(), "--steps", "100", "--quiet");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = json(run.out());
        double lb = result.get("lowerBound").doubleValue();
        assertThat(lb)
                .isLessThanOrEqualTo(EXAMPLE_OPTIMUM)
                .isLessThanOrEqualTo(result.get("cost").doubleValue());
        assertThat(result.get("provenGapPct").doubleValue())
                .isGreaterThanOrEqualTo(0.0)
                .isCloseTo(recomputedGap(result), within(1e-9));
    }

    @Test
    void aTargetGapTheStartAlreadyMeetsEndsTheSolveWithoutSearch() throws Exception {
        Run run = run(Formats.example("clearing-small.json").toString(), "--seconds", "30", "--target-gap", "10");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = json(run.out());
        assertThat(result.get("provenGapPct").doubleValue()).isLessThanOrEqualTo(10.0);
        assertThat(run.err()).contains("target 10.0000 % reached").doesNotContain("clear: search");
    }

    @Test
    void aTargetGapStopsTheSearchOnceTheProvenGapIsReached() throws Exception {
        Path problem = dir.resolve("easy.json");
        Files.writeString(problem, InstanceGenerator.generate("easy", 30, 4));
        // a step-limited search is reproducible: the same trajectory with and without a target
        Run full = run(problem.toString(), "--steps", "3000");
        double endGap = json(full.out()).get("provenGapPct").doubleValue();
        // the search's start: the priced start's, or (up to 400 offers) as branch and bound left it
        Matcher start = Pattern.compile("(priced start|after branch and bound) .*gap ([0-9.]+) %")
                .matcher(full.err());
        assertThat(start.find()).as(full.err()).isTrue();
        double startGap = Double.parseDouble(start.group(2));
        while (start.find()) {
            startGap = Double.parseDouble(start.group(2));
        }
        assertThat(startGap).isGreaterThan(endGap + 0.2);
        double target = (startGap + endGap) / 2.0;

        Run run = run(problem.toString(), "--steps", "3000", "--target-gap", Double.toString(target));
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = json(run.out());
        double gap = result.get("provenGapPct").doubleValue();
        assertThat(gap).isLessThanOrEqualTo(target).isCloseTo(recomputedGap(result), within(1e-9));
        // the search ran and stopped before the end of its steps: its answer is not yet the full run's
        assertThat(run.err()).contains("clear: search").contains("reached").doesNotContain("not reached");
        assertThat(gap).isGreaterThan(endGap);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.5", "abc", "NaN", "Infinity", "", "1%"})
    void badTargetGapValuesExitTwoNamingTheOption(String value) throws Exception {
        Run run = run(Formats.example("clearing-small.json").toString(), "--target-gap", value);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("--target-gap");
    }

    @Test
    void aMissingTargetGapValueExitsTwo() throws Exception {
        Run run = run(Formats.example("clearing-small.json").toString(), "--target-gap");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("--target-gap");
    }
}
