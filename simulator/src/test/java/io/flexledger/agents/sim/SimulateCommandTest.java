package io.flexledger.agents.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.clearing.testing.Formats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--export DIR").contains("--grid-baseline").contains("--scenario S");
    }

    @Test
    void unknownScenarioIsAUsageErrorNamingIt() {
        Run r = run("--export", "/tmp/never", "--scenario", "13", "--day", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown scenario '13'");
        assertThat(run("--grid-baseline", "--scenario", "x5", "--day", "1").err())
                .contains("unknown scenario 'x5'");
    }

    @Test
    void otherBadUsageIsExitTwoWithAMessage() {
        assertThat(run("--grid-baseline", "--scenario", "3", "--day", "d16").err())
                .contains("unknown day 'd16'");
        assertThat(run("--grid-baseline", "--day", "3").err()).contains("--scenario is required");
        assertThat(run("--day", "3").err()).contains("--scenario is required");
        assertThat(run().err()).contains("say what to do");
        assertThat(run("--export").err()).contains("--export needs a value");
        assertThat(run("--bogus").err()).contains("unknown option '--bogus'");
        Run campaign = run("--campaign", "--scenario", "3");
        assertThat(campaign.exit()).isEqualTo(2);
        assertThat(campaign.err()).contains("--campaign takes --scenarios/--days ranges");
        assertThat(run("--campaign", "--scenarios", "3-13").err())
                .contains("--scenarios expects A-B with 1 <= A <= B <= 12");
        assertThat(run("--campaign", "--days", "5-2").err()).contains("--days expects A-B");
        Run live = run("--live", "--scenario", "3", "--day", "3");
        assertThat(live.exit()).isEqualTo(2);
        assertThat(live.err()).contains("module live-agents");
    }

    @Test
    void exportWritesEveryHomeDayAndAnIndex(@TempDir Path dir) throws IOException {
        Run r = run("--export", dir.toString(), "--scenario", "s05", "--day", "d03");

        assertThat(r.exit()).as(r.err()).isZero();
        List<Path> files = list(dir);
        assertThat(files).hasSize(185);
        JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        assertThat(index.get("scenario").asInt()).isEqualTo(5);
        assertThat(index.get("day").asInt()).isEqualTo(3);
        assertThat(index.get("homes")).hasSize(184);
        Map<String, Integer> perFeeder = new TreeMap<>();
        for (JsonNode h : index.get("homes")) {
            perFeeder.merge(h.get("feeder").asText(), 1, Integer::sum);
            assertThat(h.get("congestionPoints").get(0).asText()).isEqualTo("TX1");
            // every file the index names is a home-day the CEMS codec accepts, with the id of its name
            HomeDay d = HomeDayJson.read(dir.resolve(h.get("file").asText()));
            assertThat(d.id()).isEqualTo(h.get("id").asText());
            assertThat(h.get("ev").asBoolean()).isEqualTo(d.ev() != null);
        }
        assertThat(perFeeder).isEqualTo(Map.of("F1", 52, "F2", 48, "F3", 46, "F4", 38));
        assertThat(index.get("homes").get(16).get("id").asText()).isEqualTo("pontypool-017-s05-d03");
    }

    @Test
    void exportIsByteIdenticalForTheSameSeed(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run("--export", a.toString(), "--scenario", "9", "--day", "14")
                        .exit())
                .isZero();
        assertThat(run("--export", b.toString(), "--scenario", "9", "--day", "14", "--seed", "2017")
                        .exit())
                .isZero();
        for (Path f : list(a)) {
            assertThat(Files.readAllBytes(b.resolve(f.getFileName())))
                    .as(f.getFileName().toString())
                    .isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void everyExportedFilePassesTheFormatsInstanceCheck(@TempDir Path dir) throws Exception {
        Path checker = Formats.assumeChecker();
        assertThat(run("--export", dir.toString(), "--scenario", "12", "--day", "13")
                        .exit())
                .isZero();
        // one Python process validates every file with check.py's own instance rules
        String script = "import sys, json, glob; sys.path.insert(0, sys.argv[1]); import check\n"
                + "n = 0\n"
                + "for f in sorted(glob.glob(sys.argv[2] + '/pontypool-*.json')):\n"
                + "    check.validate_instance(json.load(open(f))); n += 1\n"
                + "print('valid', n)\n";
        String out = Formats.python("-c", script, checker.getParent().toString(), dir.toString());
        assertThat(out).isEqualTo("valid 184");

        // the day's clearing problems (one per congested point and round) with the simulator's results
        List<Path> problems = list(dir.resolve("clearing")).stream()
                .filter(f -> !f.getFileName().toString().endsWith(".result.json"))
                .toList();
        assertThat(problems).extracting(f -> f.getFileName().toString()).contains("pontypool-s12-d13-tx1.json");
        for (Path problem : problems) {
            Path result = Path.of(problem.toString().replace(".json", ".result.json"));
            String verdict = Formats.check(problem, result);
            assertThat(verdict).as(problem.getFileName().toString()).startsWith("OK clearing");
        }
    }

    @Test
    void gridBaselineShowsCongestionAppearingWithPenetration() {
        Run none = run("--grid-baseline", "--scenario", "1", "--day", "13");
        Run high = run("--grid-baseline", "--scenario", "12", "--day", "13");

        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("congested slots: 0 of 96");
        assertThat(high.out()).contains("TX1 overload").doesNotContain("congested slots: 0 of 96");
        // one line per slot after the header
        assertThat(high.out().lines().filter(l -> l.matches("^\\s*\\d+  \\d\\d:\\d\\d .*")))
                .hasSize(96);
        // base load and PV alone do not overload the transformer on the same day
        assertThat(run("--grid-baseline", "--base-only", "--scenario", "12", "--day", "13")
                        .out())
                .doesNotContain("TX1 overload");
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
