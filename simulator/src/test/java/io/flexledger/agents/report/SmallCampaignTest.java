package io.flexledger.agents.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.agents.campaign.Campaign;
import io.flexledger.agents.campaign.CommunityKpis;
import io.flexledger.agents.campaign.DayKpis;
import io.flexledger.agents.campaign.DayRun;
import io.flexledger.agents.grid.PontypoolNetwork;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two scenario-days end to end on two threads: one quiet, one congested; then the report. */
class SmallCampaignTest {

    @Test
    void aQuietAndACongestedDayRunEndToEndAndTheReportIsWritten(@TempDir Path dir) throws Exception {
        ScenarioGenerator gen = new ScenarioGenerator(PontypoolNetwork.create(), ScenarioGenerator.DEFAULT_SEED);
        List<int[]> progress = new ArrayList<>();
        Campaign.Result r = Campaign.run(
                gen,
                List.of(Scenario.of(1), Scenario.of(12)),
                List.of(TypicalDay.of(14)),
                2,
                p -> progress.add(p.clone()));

        assertThat(r.days()).hasSize(2);
        assertThat(progress).hasSize(2);
        assertThat(progress.get(1)).containsExactly(2, 2);
        DayKpis quiet = r.days().get(0).kpis();
        DayKpis busy = r.days().get(1).kpis();
        assertThat(quiet.scenario()).isEqualTo(1);
        // no congestion, no market
        assertThat(quiet.congestedSlotsBefore()).isZero();
        assertThat(quiet.requestedKwh()).isZero();
        assertThat(quiet.orders()).isZero();
        assertThat(quiet.peakAfterKva()).isEqualTo(quiet.peakBeforeKva());
        assertThat(quiet.billAfterEur()).isEqualTo(quiet.billBeforeEur());

        assertThat(busy.scenario()).isEqualTo(12);
        assertThat(busy.congestedSlotsBefore()).isPositive();
        assertThat(busy.requestedKwh()).isPositive();
        assertThat(busy.orders()).isPositive();
        // flexibility ordered where the grid was congested lowers the transformer peak
        assertThat(busy.peakAfterKva()).isLessThanOrEqualTo(busy.peakBeforeKva());
        assertThat(busy.orderedKwh()).isPositive();
        assertThat(busy.unservedKwh()).isGreaterThanOrEqualTo(0);
        // the homes are paid what the DSO pays, less the aggregators' fee
        assertThat(busy.paymentsEur()).isLessThanOrEqualTo(busy.procurementEur() + 1e-9);
        assertThat(busy.billAfterEur()).isGreaterThanOrEqualTo(busy.billBeforeEur() - 1e-6);
        for (DayRun.DayOutcome d : r.days()) {
            assertThat(d.solveMs()).hasSize(184);
            assertThat(java.util.Arrays.stream(d.solveMs()).min().orElseThrow()).isPositive();
            assertThat(d.kvaBefore()).hasSize(96);
        }

        // UC2: the communities trade, every slot balances, no home loses against the grid, and the DSO
        // is offered no more than the leftover of the flexibility the homes put into the books
        for (DayRun.DayOutcome d : r.days()) {
            CommunityKpis c = d.community();
            assertThat(c).isNotNull();
            assertThat(c.homes()).isEqualTo(184);
            assertThat(c.worstImbalanceKw()).isLessThan(1e-9);
            assertThat(c.worstGainEur()).isGreaterThanOrEqualTo(-1e-12);
            assertThat(c.leftoverKwh()).isLessThanOrEqualTo(c.askedKwh() + 1e-9);
            assertThat(c.leftoverOrderedKwh()).isLessThanOrEqualTo(c.leftoverKwh() + 1e-9);
        }
        CommunityKpis uc2 = r.days().get(1).community();
        assertThat(uc2.tradedKwh()).isPositive();
        assertThat(uc2.gainEur()).isPositive();
        assertThat(uc2.priceMinEurPerKwh()).isLessThanOrEqualTo(uc2.priceMaxEurPerKwh());
        assertThat(uc2.leftoverOrderedKwh()).isPositive().isLessThanOrEqualTo(busy.orderedKwh() + 1e-9);

        Path report = CampaignReport.write(dir, r, gen);
        String md = Files.readString(report);
        assertThat(md)
                .contains("## Community markets (UC2) per scenario")
                .contains("| all |")
                .contains("The community clearings took");
        assertThat(md).contains("| s01 |").contains("| s12 |").contains("![Transformer peak per scenario](peaks.png)");
        assertThat(md).contains("CEMS solve times").contains("368 home-day optimisations");
        for (String png : List.of("peaks.png", "congestion.png", "worst-day.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).isEqualTo(1000);
        }
        List<String> csv = Files.readAllLines(dir.resolve("days.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("scenario,day,homes,");
    }

    @Test
    void withoutCommunityMarketsTheDaysCarryNoUc2FiguresAndTheReportNoUc2Table(@TempDir Path dir) throws Exception {
        ScenarioGenerator gen = new ScenarioGenerator(PontypoolNetwork.create(), ScenarioGenerator.DEFAULT_SEED);
        Campaign.Result r = Campaign.run(gen, List.of(Scenario.of(1)), List.of(TypicalDay.of(14)), 1, false, p -> {});
        assertThat(r.days().get(0).community()).isNull();
        String md = Files.readString(CampaignReport.write(dir, r, gen));
        assertThat(md).doesNotContain("Community markets (UC2)").contains("| s01 |");
    }
}
