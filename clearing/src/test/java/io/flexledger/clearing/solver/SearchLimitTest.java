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
        assertThat(sized.seconds()).isEqualTo(1.0);
        assertThat(sized.unimprovedSteps()).isEqualTo(100);
        assertThat(sized.steps()).isZero();
        // fitted once: a sized limit is not fitted again, and keeps a target gap given before
        assertThat(sized.bySize()).isFalse();
        assertThat(sized.sizedFor(5000)).isEqualTo(sized);
        assertThat(standard.withTargetGap(1.0).sizedFor(62).targetGapPct()).isEqualTo(1.0);
    }

    @Test
    void theDefaultRuleGivesAnOrderBookUpTo400OffersFourMillisecondsPerOfferAtLeastOneSecondAndLargerOnesFour() {
        SearchLimit standard = SearchLimit.standard();
        assertThat(standard.sizedFor(0).seconds()).isEqualTo(1.0);
        assertThat(standard.sizedFor(62).seconds()).isEqualTo(1.0);
        assertThat(standard.sizedFor(250).seconds()).isEqualTo(1.0);
        assertThat(standard.sizedFor(323).seconds()).isCloseTo(1.292, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(standard.sizedFor(399).seconds()).isCloseTo(1.596, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(standard.sizedFor(400).seconds()).isCloseTo(1.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(standard.sizedFor(401).seconds()).isEqualTo(4.0);
        assertThat(standard.sizedFor(22569).seconds()).isEqualTo(4.0);
        // a target gap given before keeps its meaning; the time still fitted
        assertThat(standard.withTargetGap(0.5).sizedFor(399).seconds())
                .isCloseTo(1.596, org.assertj.core.data.Offset.offset(1e-9));
        // a user's limit is theirs: never shortened by the size
        assertThat(SearchLimit.seconds(2).sizedFor(399).seconds()).isEqualTo(2.0);
        assertThat(SearchLimit.steps(300).sizedFor(399).seconds()).isZero();
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
    void theUnimprovedTimeStopsTheSearchOnlyTogetherWithTheUnimprovedSteps() {
        TerminationConfig c = SearchLimit.standard().sizedFor(1500).after(0.1).toConfig();
        assertThat(c.getSpentLimit()).isEqualTo(Duration.ofMillis(Math.round((4.0 - 0.1) * 0.95 * 1000)));
        assertThat(c.getUnimprovedSpentLimit()).isNull();
        assertThat(c.getTerminationConfigList()).hasSize(1);
        TerminationConfig both = c.getTerminationConfigList().get(0);
        assertThat(both.getTerminationCompositionStyle()).isEqualTo(TerminationCompositionStyle.AND);
        assertThat(both.getTerminationConfigList())
                .extracting(TerminationConfig::getUnimprovedMillisecondsSpentLimit)
                .containsExactly(1000L, null);
        assertThat(both.getTerminationConfigList())
                .extracting(TerminationConfig::getUnimprovedStepCountLimit)
                .containsExactly(null, 100);
        // without the guard, the unimproved time alone
        TerminationConfig plain = SearchLimit.seconds(2).toConfig();
        assertThat(plain.getUnimprovedSpentLimit()).isEqualTo(Duration.ofMillis(500));
        assertThat(plain.getTerminationConfigList()).isNullOrEmpty();
    }

    @Test
    void aNegativeStepGuardIsRefused() {
        assertThatThrownBy(() -> new SearchLimit(1.0, 100, 0, -1.0, -1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
