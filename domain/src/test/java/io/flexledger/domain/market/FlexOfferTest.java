package io.flexledger.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FlexOfferTest {
    static final MarketPeriod DAY = MarketPeriod.of(LocalDate.of(2026, 11, 27));

    static FlexOffer offer(Map<Integer, Kilowatts> kw, String minActivation) {
        return new FlexOffer(
                "o-17",
                "Aggregator1MSP",
                "TX1",
                "home-017",
                DAY,
                null,
                new TreeMap<>(kw),
                EurosPerKwh.of("0.21"),
                new BigDecimal(minActivation),
                FlexOfferState.OFFERED);
    }

    @Test
    void aValidUnsolicitedOffer() {
        FlexOffer o = offer(Map.of(68, Kilowatts.of("2"), 69, Kilowatts.of("2"), 70, Kilowatts.of("2.5")), "0.5");
        assertThat(o.isSolicited()).isFalse();
        assertThat(o.kwBySlot().firstKey()).isEqualTo(68);
        assertThat(o.kwAt(new BigDecimal("0.5")).get(70)).isEqualTo(Kilowatts.of("1.25"));
    }

    @Test
    void fractionsHaveOneCanonicalForm() {
        assertThat(offer(Map.of(1, Kilowatts.of("1")), "0.50").minActivation().toPlainString())
                .isEqualTo("0.5");
        assertThat(offer(Map.of(1, Kilowatts.of("1")), "1.000").minActivation().toPlainString())
                .isEqualTo("1");
        assertThat(offer(Map.of(1, Kilowatts.of("1")), "0.50")).isEqualTo(offer(Map.of(1, Kilowatts.of("1")), "0.5"));
    }

    @Test
    void everyBadFieldIsNamed() {
        ValidationException e = catchThrowableOfType(
                ValidationException.class,
                () -> new FlexOffer(
                        "bad id!",
                        "DsoMSP",
                        "TX1",
                        "home-017",
                        DAY,
                        null,
                        new TreeMap<>(Map.of(96, Kilowatts.of("1"), 5, Kilowatts.of("-1"))),
                        EurosPerKwh.of("-0.1"),
                        new BigDecimal("1.5"),
                        FlexOfferState.OFFERED));
        assertThat(e.violations())
                .extracting(Violation::path)
                .containsExactly("id", "aggregatorMsp", "kwBySlot.5", "kwBySlot.96", "price", "minActivation");
        assertThat(e.prefixed("$").first().path()).isEqualTo("$.id");
    }

    @Test
    void aBlockOfZerosIsNoFlexibility() {
        ValidationException e =
                catchThrowableOfType(ValidationException.class, () -> offer(Map.of(1, Kilowatts.ZERO), "0"));
        assertThat(e.first()).isEqualTo(new Violation("kwBySlot", "must have some kW above 0"));
    }

    @Test
    void anOrderIsCheckedAgainstTheMinimumActivationAndCosted() {
        FlexOffer o = offer(Map.of(68, Kilowatts.of("2"), 69, Kilowatts.of("2")), "0.5");
        FlexOrder low = new FlexOrder("ord-1", "DsoMSP", "o-17", new BigDecimal("0.4"), FlexOrderState.ACCEPTED);
        FlexOrder ok = new FlexOrder("ord-2", "DsoMSP", "o-17", new BigDecimal("0.5"), FlexOrderState.ACCEPTED);
        assertThat(low.checkAgainst(o)).extracting(Violation::path).containsExactly("activation");
        assertThat(ok.checkAgainst(o)).isEmpty();
        // 0.5 * (2 + 2) kW * 0.25 h = 0.5 kWh at 0.21 EUR/kWh
        assertThat(ok.cost(o)).isEqualTo(Euros.of("0.105"));
    }

    @Test
    void anOrderCannotExceedTheOffer() {
        ValidationException e = catchThrowableOfType(
                ValidationException.class,
                () -> new FlexOrder("ord-1", "DsoMSP", "o-17", new BigDecimal("1.01"), FlexOrderState.ACCEPTED));
        assertThat(e.first()).isEqualTo(new Violation("activation", "must be in (0, 1]"));
    }
}
