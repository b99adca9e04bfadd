package io.flexledger.domain.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void kilowattsAreKeptAtThreeDecimalsWithACanonicalText() {
        assertThat(Kilowatts.of("2.5").toString()).isEqualTo("2.500");
        assertThat(Kilowatts.of("2.5")).isEqualTo(new Kilowatts(new BigDecimal("2.50000")));
    }

    @Test
    void finerInputThanTheUnitKeepsIsRejectedNotRounded() {
        assertThatThrownBy(() -> new Kilowatts(new BigDecimal("1.0005")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("more than 3 decimals");
    }

    @Test
    void parseRejectsExponentsAndGarbage() {
        assertThatThrownBy(() -> Kilowatts.parse("1e3")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Kilowatts.parse("NaN")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Kilowatts.parse("01.5")).isInstanceOf(ValidationException.class);
        assertThat(Kilowatts.parse("-0.25").isNegative()).isTrue();
    }

    @Test
    void energyOfAQuarterHourAndItsCost() {
        KilowattHours e = Kilowatts.of("2.5").over(Duration.ofMinutes(15));
        assertThat(e).isEqualTo(KilowattHours.of("0.625"));
        assertThat(e.at(EurosPerKwh.of("0.21"))).isEqualTo(Euros.of("0.1312")); // 0.13125 half-even;
    }

    @Test
    void derivedMoneyIsRoundedHalfEven() {
        // 0.000125 kWh * 1 EUR/kWh = 0.000125 EUR -> 0.0001 (half-even), 0.000375 -> 0.0004
        assertThat(KilowattHours.of("0.000125").at(EurosPerKwh.of("1"))).isEqualTo(Euros.of("0.0001"));
        assertThat(KilowattHours.of("0.000375").at(EurosPerKwh.of("1"))).isEqualTo(Euros.of("0.0004"));
    }

    @Test
    void arithmeticAndOrdering() {
        assertThat(Kilowatts.of("1.2").plus(Kilowatts.of("0.3"))).isEqualTo(Kilowatts.of("1.5"));
        assertThat(Kilowatts.of("1.2").minus(Kilowatts.of("1.2")).isZero()).isTrue();
        assertThat(Kilowatts.of("3").times(new BigDecimal("0.3333"))).isEqualTo(Kilowatts.of("1.000"));
        assertThat(Kilowatts.of("1")).isLessThan(Kilowatts.of("1.001"));
    }
}
