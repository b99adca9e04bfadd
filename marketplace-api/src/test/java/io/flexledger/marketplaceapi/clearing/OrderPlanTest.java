package io.flexledger.marketplaceapi.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderPlanTest {
    @Test
    void writesTheFractionWithSixDecimals() {
        assertThat(OrderPlan.activation(0.123456789, 0.0)).isEqualByComparingTo("0.123457");
    }

    @Test
    void neverOrdersBelowTheMinimumActivation() {
        // A solver fraction a hair under the minimum (floating point) is ordered at the minimum.
        assertThat(OrderPlan.activation(0.49999999, 0.5)).isEqualByComparingTo("0.5");
    }

    @Test
    void neverOrdersMoreThanTheOffer() {
        assertThat(OrderPlan.activation(1.0000004, 0.2)).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void aTinyPositiveFractionStaysPositive() {
        assertThat(OrderPlan.activation(1e-9, 0.0)).isPositive();
    }
}
