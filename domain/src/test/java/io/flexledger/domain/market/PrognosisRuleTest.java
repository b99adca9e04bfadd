package io.flexledger.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.units.Kilowatts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A D-Prognosis of several homes is the sum of their revealed baselines, to the watt. */
class PrognosisRuleTest {
    private static final List<Kilowatts> HOME_A = List.of(Kilowatts.of("1.250"), Kilowatts.of("-0.400"));
    private static final List<Kilowatts> HOME_B = List.of(Kilowatts.of("0.001"), Kilowatts.of("2.000"));

    @Test
    void theSumOfTheHomesToTheWattAgrees() {
        assertThat(PrognosisRule.firstMismatch(new long[] {1251, 1600}, List.of(HOME_A, HOME_B)))
                .isEmpty();
    }

    @Test
    void oneWattOffIsTheFirstMismatchWithBothFigures() {
        assertThat(PrognosisRule.firstMismatch(new long[] {1251, 1601}, List.of(HOME_A, HOME_B)))
                .contains(new PrognosisRule.Mismatch(1, 1601, 1600));
    }

    @Test
    void aHomeLeftOutIsAMismatch() {
        // An aggregator stating one home's figures for the congestion point it shares with another.
        assertThat(PrognosisRule.firstMismatch(new long[] {1250, -400}, List.of(HOME_A, HOME_B)))
                .contains(new PrognosisRule.Mismatch(0, 1250, 1251));
    }

    @Test
    void aBaselineOfAnotherLengthIsRefused() {
        assertThatThrownBy(() -> PrognosisRule.firstMismatch(new long[] {1}, List.of(HOME_A)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
