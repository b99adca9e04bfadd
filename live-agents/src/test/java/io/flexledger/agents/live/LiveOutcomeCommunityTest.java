package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.TypicalDay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The live report's UC2 section, as text and as JSON. */
class LiveOutcomeCommunityTest {

    private static final MarketDay DAY = new MarketDay(LocalDate.parse("2026-12-14"));

    private static LiveOutcome outcome(boolean community, List<LiveOutcome.CommunityLine> lines) {
        LiveDay.Options o = new LiveDay.Options(
                Scenario.of(12), TypicalDay.of(1), 12, DAY, 5.0, "lv-t", 1, 1, community, Duration.ofSeconds(30));
        return new LiveOutcome(o, Map.of(), Map.of(), List.of(), Map.of(), List.of(), null, lines);
    }

    private static String print(LiveOutcome o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        o.print(new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachCommunityGetsItsMembersOrdersTradesPricesAndLeftover() {
        LiveCommunity.Result traded = new LiveCommunity.Result(
                "Aggregator1MSP",
                6,
                new LiveCommunity.Enrolment(Set.of("a", "b", "c", "d", "e"), 5, 5, List.of("f")),
                new LiveCommunity.Posted(Instant.parse("2026-12-04T10:00:00Z"), true, 92, 20, 305, 0),
                new LiveCommunity.Cleared(
                        true,
                        112,
                        77,
                        12.5,
                        0.1,
                        0.15,
                        0.2,
                        List.of("cm-1", "cm-2"),
                        3.25,
                        Set.of("a|90", "a|91"),
                        Map.of()),
                null);
        LiveCommunity.Result none = LiveCommunity.Result.none(
                "Aggregator2MSP",
                6,
                new LiveCommunity.Enrolment(Set.of(), 0, 0, List.of()),
                "no home is the community agent's member");
        LiveOutcome o =
                outcome(true, List.of(LiveOutcome.CommunityLine.of(traded), LiveOutcome.CommunityLine.of(none)));

        String text = print(o);
        assertThat(text)
                .contains("community markets (UC2), on the ledger:")
                .contains("community Aggregator1MSP: 5 members of 6 homes (1 with another member); day opened now, gate"
                        + " 2026-12-04T10:00:00Z; orders posted 92 firm + 20 flexible (305 firm left out")
                .contains("clearing recorded now: 77 trades, 12.500 kWh traded, price min/mean/max"
                        + " 0.10000/0.15000/0.20000 EUR/kWh; 2 home slots sold as flexibility; leftover offered to"
                        + " the DSO: 2 offers, 3.250 kWh")
                .contains("community Aggregator2MSP: 0 members of 6 homes; day not opened")
                .contains("no home is the community agent's member");

        ObjectNode json = o.toJson();
        assertThat(json.path("community").asBoolean()).isTrue();
        assertThat(json.path("communities")).hasSize(2);
        assertThat(json.path("communities").path(0).path("trades").asInt()).isEqualTo(77);
        assertThat(json.path("communities")
                        .path(0)
                        .path("leftoverOffers")
                        .path(1)
                        .asText())
                .isEqualTo("cm-2");
        assertThat(json.path("communities").path(0).path("meanPrice").asDouble())
                .isEqualTo(0.15);
        assertThat(json.path("communities").path(1).path("minPrice").isNull()).isTrue();
        assertThat(json.path("communities").path(1).path("note").asText()).contains("no home");
    }

    @Test
    void withoutCommunityTheReportSaysSo() {
        String text = print(outcome(false, List.of()));
        assertThat(text).contains("community markets (UC2): not run (--no-community)");
        assertThat(outcome(false, List.of()).toJson().path("communities")).isEmpty();
    }
}
