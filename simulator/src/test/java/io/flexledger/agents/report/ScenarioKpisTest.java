package io.flexledger.agents.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.flexledger.agents.campaign.DayKpis;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioKpisTest {

    // a day with the given peaks, congestion slots, bills and flexibility
    private static DayKpis day(
            int scenario, int day, double peakBefore, double peakAfter, int congBefore, int congAfter) {
        return new DayKpis(
                scenario,
                day,
                10,
                300,
                peakBefore,
                peakAfter,
                peakBefore / 5,
                peakAfter / 5,
                1000 + day,
                990 + day,
                congBefore,
                congAfter,
                congBefore,
                congAfter,
                1,
                0,
                20.0,
                21.0,
                1.5,
                40,
                30,
                40,
                32,
                12.5,
                7,
                20,
                10,
                2.5,
                3.0,
                4);
    }

    @Test
    void peaksAreTheWorstDayAndEverythingElseSums() {
        ScenarioKpis s = ScenarioKpis.of(List.of(day(7, 1, 450, 400, 4, 0), day(7, 2, 520, 480, 6, 2)), 0.25);
        assertThat(s.scenario()).isEqualTo(7);
        assertThat(s.days()).isEqualTo(2);
        assertThat(s.peakBeforeKva()).isEqualTo(520);
        assertThat(s.peakAfterKva()).isEqualTo(480);
        assertThat(s.loadingBeforePct()).isEqualTo(104);
        assertThat(s.worstDay()).isEqualTo(2);
        assertThat(s.energyBeforeKvah()).isEqualTo(2003);
        assertThat(s.congestedHoursBefore()).isEqualTo(2.5);
        assertThat(s.congestedHoursAfter()).isEqualTo(0.5);
        assertThat(s.voltageHoursBefore()).isEqualTo(0.5);
        assertThat(s.billBeforeEur()).isEqualTo(40);
        assertThat(s.paymentsEur()).isEqualTo(3);
        assertThat(s.orderedKwh()).isEqualTo(20);
        // 40 EUR over 10 homes x 2 days; net after: (42 - 3) / 20
        assertThat(s.billPerHomeDayBeforeEur()).isEqualTo(2.0);
        assertThat(s.netBillPerHomeDayAfterEur()).isCloseTo(1.95, offset(1e-12));
        assertThat(s.selfConsumptionBefore()).isEqualTo(0.75);
        assertThat(s.selfConsumptionAfter()).isEqualTo(0.8);
    }

    @Test
    void daysOfAnotherScenarioAreRefused() {
        assertThatThrownBy(() -> ScenarioKpis.of(List.of(day(7, 1, 1, 1, 0, 0), day(8, 1, 1, 1, 0, 0)), 0.25))
                .hasMessageContaining("scenario 8");
    }

    @Test
    void headroomIsTheYearsOfGrowthUntilFullLoading() {
        double loading = 100 / Math.pow(1 + ScenarioKpis.PEAK_GROWTH_PER_YEAR, 10);
        assertThat(ScenarioKpis.headroomYears(loading)).isCloseTo(10, offset(1e-9));
        assertThat(ScenarioKpis.headroomYears(100)).isZero();
        assertThat(ScenarioKpis.headroomYears(130)).isZero();
        ScenarioKpis s = ScenarioKpis.of(List.of(day(9, 1, 104 * 5, loading * 5, 4, 0)), 0.25);
        // over the rating before, 10 years of headroom after
        assertThat(s.reinforcementDeferredYears()).isCloseTo(10, offset(1e-9));
        assertThat(CampaignReport.reinforcement(s)).startsWith("yes");
    }

    @Test
    void solveTimeQuantilesUseNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(CampaignReport.quantile(sorted, 0.5)).isEqualTo(5);
        assertThat(CampaignReport.quantile(sorted, 0.95)).isEqualTo(10);
        assertThat(CampaignReport.quantile(sorted, 0.9)).isEqualTo(9);
    }
}
