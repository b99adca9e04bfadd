package io.flexledger.clearing.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.timefold.solver.core.config.solver.termination.TerminationCompositionStyle;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SearchLimitTest {

    @Test
    void
            theDefaultRuleWaitsOneMillisecondPerOfferAtLeast300MillisecondsWithoutImprovementUpTo400OffersAndOneSecondBeyond() {
        SearchLimit standard = SearchLimit.standard();
        assertThat(standard.sizedFor(62).unimprovedMillis()).isEqualTo(300);
        assertThat(standard.sizedFor(100).unimprovedMillis()).isEqualTo(300);
        assertThat(standard.sizedFor(155).unimprovedMillis()).isEqualTo(300);
        assertThat(standard.sizedFor(323).unimprovedMillis()).isEqualTo(323);
        assertThat(standard.sizedFor(399).unimprovedMillis()).isEqualTo(399);
        assertThat(standard.sizedFor(400).unimprovedMillis()).isEqualTo(400);
        assertThat(standard.sizedFor(401).unimprovedMillis()).isEqualTo(1000);
        assertThat(standard.sizedFor(501).unimprovedMillis()).isEqualTo(1000);
        assertThat(standard.sizedFor(2283).unimprovedMillis()).isEqualTo(1000);
        assertThat(standard.sizedFor(22569).unimprovedMillis()).isEqualTo(1000);
        SearchLimit sized = standard.sizedFor(62);
        assertThat(sized.seconds()).isEqualTo(4.0);
        assertThat(sized.capSeconds()).isEqualTo(1.0);
        assertThat(sized.steps()).isZero();
        // fitted once: a sized limit is not fitted again, and keeps a target gap given before
        assertThat(sized.bySize()).isFalse();
        assertThat(sized.sizedFor(5000)).isEqualTo(sized);
        assertThat(standard.withTargetGap(1.0).sizedFor(62).targetGapPct()).isEqualTo(1.0);
    }

    @Test
    void theDefaultRuleCapsAnOrderBookUpTo400OffersAtThreeAndAHalfMillisecondsPerOfferAtLeastOneSecondAfterItsMoves() {
        SearchLimit standard = SearchLimit.standard();
        org.assertj.core.data.Offset<Double> ms = org.assertj.core.data.Offset.offset(1e-9);
        assertThat(standard.sizedFor(0).capSeconds()).isEqualTo(1.0);
        assertThat(standard.sizedFor(62).capSeconds()).isEqualTo(1.0);
        assertThat(standard.sizedFor(250).capSeconds()).isEqualTo(1.0);
        assertThat(standard.sizedFor(323).capSeconds()).isCloseTo(1.1305, ms);
        assertThat(standard.sizedFor(399).capSeconds()).isCloseTo(1.3965, ms);
        assertThat(standard.sizedFor(400).capSeconds()).isCloseTo(1.4, ms);
        // larger books: no cap, the 4 s and the unimproved rule
        assertThat(standard.sizedFor(401).capSeconds()).isZero();
        assertThat(standard.sizedFor(22569).capSeconds()).isZero();
        assertThat(standard.sizedFor(399).seconds()).isEqualTo(4.0);
        // a target gap given before keeps its meaning; the cap still fitted
        assertThat(standard.withTargetGap(0.5).sizedFor(399).capSeconds()).isCloseTo(1.3965, ms);
        // a user's limit is theirs: never capped by the size
        assertThat(SearchLimit.seconds(2).sizedFor(399).capSeconds()).isZero();
        assertThat(SearchLimit.steps(300).sizedFor(399).capSeconds()).isZero();
        // time already spent comes off the cap as off the limit (the polish keeping its 5 %)
        assertThat(standard.sizedFor(399).after(0.5).capSeconds()).isCloseTo((1.3965 - 0.5) * 0.95, ms);
        assertThat(standard.sizedFor(399).after(3.0).capSeconds()).isEqualTo(0.05);
    }

    @Test
    void theCapStopsTheSearchOnlyTogetherWithItsMovesAndTheLimitStillApplies() {
        TerminationConfig c = SearchLimit.standard().sizedFor(399).toConfig();
        assertThat(c.getSpentLimit()).isEqualTo(Duration.ofMillis(4000));
        assertThat(c.getTerminationConfigList()).hasSize(1);
        TerminationConfig cap = c.getTerminationConfigList().get(0);
        assertThat(cap.getTerminationCompositionStyle()).isEqualTo(TerminationCompositionStyle.AND);
        assertThat(cap.getTerminationConfigList())
                .extracting(TerminationConfig::getSpentLimit)
                .containsExactly(Duration.ofMillis(Math.round(399 * SearchLimit.SIZED_SECONDS_PER_OFFER * 1000)), null);
        assertThat(cap.getTerminationConfigList())
                .extracting(TerminationConfig::getMoveCountLimit)
                .containsExactly(null, SearchLimit.CAP_MOVES);
        assertThat(c.getUnimprovedSpentLimit()).isEqualTo(Duration.ofMillis(399));
        assertThatThrownBy(() -> new SearchLimit(1.0, 100, 0, -1.0, false, -0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capSeconds");
    }

    @Test
    void explicitLimitsAreNotFittedToTheSize() {
        for (SearchLimit given : new SearchLimit[] {
            SearchLimit.seconds(2), SearchLimit.steps(300), new SearchLimit(4.0, 1000, 0), SearchLimit.seconds(0.5)
        }) {
            assertThat(given.sizedFor(62)).isEqualTo(given);
            assertThat(given.sizedFor(22569)).isEqualTo(given);
        }
    }

    @Test
    void theDefaultRulesUnimprovedTimeIsTheSolversAndALargeBookHasNoCap() {
        TerminationConfig c = SearchLimit.standard().sizedFor(1500).after(0.1).toConfig();
        assertThat(c.getSpentLimit()).isEqualTo(Duration.ofMillis(Math.round((4.0 - 0.1) * 0.95 * 1000)));
        assertThat(c.getUnimprovedSpentLimit()).isEqualTo(Duration.ofMillis(1000));
        assertThat(c.getTerminationConfigList()).isNullOrEmpty();
        TerminationConfig plain = SearchLimit.seconds(2).toConfig();
        assertThat(plain.getUnimprovedSpentLimit()).isEqualTo(Duration.ofMillis(500));
        assertThat(plain.getTerminationConfigList()).isNullOrEmpty();
    }
}
