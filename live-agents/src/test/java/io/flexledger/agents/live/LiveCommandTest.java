package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage of {@code flex simulate --live}: every mistake is exit 2 naming the option, before any call. */
class LiveCommandTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // nothing listens on port 9: a call that slipped through would fail with exit 1, not 2
        Map<String, String> env = Map.of(
                "FLEX_KEYCLOAK_URL", "http://127.0.0.1:9",
                "FLEX_API_DSO", "http://127.0.0.1:9",
                "FLEX_API_AGGREGATOR1", "http://127.0.0.1:9",
                "FLEX_API_AGGREGATOR2", "http://127.0.0.1:9",
                "FLEX_API_COMMUNITY", "http://127.0.0.1:9");
        int exit = LiveCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                NOW);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheLiveUsage() {
        Run r = run("--live", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--force-request KW").contains("--homes N");
    }

    @Test
    void theCommunityMarketRunsUnlessSwitchedOffAndItsGateIsBounded() {
        LiveCommand.Parsed on = LiveCommand.Parsed.parse(new String[] {"--scenario", "1", "--day", "1"}, NOW);
        assertThat(on.options.community()).isTrue();
        assertThat(on.options.communityGate()).hasSeconds(30);
        LiveCommand.Parsed off = LiveCommand.Parsed.parse(
                new String[] {"--scenario", "1", "--day", "1", "--no-community", "--community-gate", "90"}, NOW);
        assertThat(off.options.community()).isFalse();
        assertThat(off.options.communityGate()).hasSeconds(90);
        assertThat(run("--live", "--scenario", "1", "--day", "1", "--community-gate", "2")
                        .err())
                .contains("--community-gate expects a whole number in 5..3600, got '2'");
        assertThat(run("--live", "--help").out()).contains("--no-community").contains("--community-gate SECONDS");
    }

    @Test
    void mistakesNameTheOption() {
        assertThat(run("--live", "--day", "1").err()).contains("--scenario is required with --live");
        assertThat(run("--live", "--scenario", "1").err()).contains("--day is required with --live");
        assertThat(run("--live", "--scenario", "1", "--day", "1", "--homes", "0")
                        .err())
                .contains("--homes expects a whole number in 1..184, got '0'");
        assertThat(run("--live", "--scenario", "3", "--day", "3", "--homes", "185")
                        .err())
                .contains("--homes expects a whole number in 1..184");
        assertThat(run("--live", "--scenario", "1", "--day", "1", "--force-request", "-3")
                        .err())
                .contains("--force-request expects kW in (0, 500]");
        assertThat(run("--live", "--scenario", "1", "--day", "1", "--run-id", "mine")
                        .err())
                .contains("--run-id must start with lv-");
        assertThat(run("--live", "--scenario", "1", "--day", "1", "--date", "2026-13-01")
                        .err())
                .contains("--date expects YYYY-MM-DD");
        assertThat(run("--live", "--scenario", "1", "--day", "1", "--export", "x")
                        .err())
                .contains("unknown option '--export' with --live");
        Run r = run("--live", "--scenario", "1", "--day", "1", "--homes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--homes needs a value");
    }

    @Test
    void aDayWhoseGateHasClosedIsRefusedBeforeAnyCall() {
        Run r = run("--live", "--scenario", "1", "--day", "1", "--date", "2026-05-01");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--date 2026-05-01: its gate closes at");
    }

    @Test
    void aStackThatIsNotThereIsExitOneWithTheReason() {
        Run r = run("--live", "--scenario", "1", "--day", "1", "--homes", "2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("simulate: the stack refused").contains("./flex up");
    }
}
