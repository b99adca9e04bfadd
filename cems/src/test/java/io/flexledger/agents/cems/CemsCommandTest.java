package io.flexledger.agents.cems;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.cems.io.HomeDayJson;
import io.flexledger.agents.cems.model.HomeDay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's exit codes and output, as formats/README.md fixes them. */
class CemsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheResultAndExitsZero() throws Exception {
        Path file = Path.of(getClass().getResource("/cems/tiny-home-day.json").toURI());
        assertThat(CemsCommand.run(new String[] {"solve", file.toString()})).isZero();
        assertThat(stdout()).startsWith("{\"kind\":\"cems-result\",\"id\":\"tiny\",\"bill\":");
        assertThat(stdout()).contains("\"deferrableStart\":{\"wm\":1}").contains("\"solveMillis\":");
    }

    @Test
    void malformedFileExitsTwoNamingTheField() throws Exception {
        Path file = Path.of(getClass().getResource("/cems/bad-battery.json").toURI());
        assertThat(CemsCommand.run(new String[] {"solve", file.toString()})).isEqualTo(2);
        assertThat(stderr().trim()).isEqualTo("$.battery.capacityKwh: must be > 0");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void missingFileAndBadUsageExitTwo() {
        assertThat(CemsCommand.run(
                        new String[] {"solve", dir.resolve("none.json").toString()}))
                .isEqualTo(2);
        assertThat(CemsCommand.run(new String[] {"optimise"})).isEqualTo(2);
    }

    @Test
    void infeasibleDayExitsThreeNamingTheConstraint() throws Exception {
        HomeDay day = new HomeDay(
                "ev-too-late",
                60,
                2,
                new double[] {0.2, 0.2},
                new double[] {0, 0},
                9,
                5,
                new double[] {0, 0},
                new double[] {0, 0},
                null,
                new HomeDay.Ev(1, 2, 10, 7),
                List.of(),
                List.of());
        Path file = dir.resolve("ev.json");
        Files.writeString(file, HomeDayJson.write(day));
        assertThat(CemsCommand.run(new String[] {"solve", file.toString()})).isEqualTo(3);
        assertThat(stderr()).startsWith("infeasible: $.ev.energyKwh").doesNotContain("\n\n");
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stdout()).isEmpty();
    }
}
