package io.flexledger.domain.settlement;

import static io.flexledger.domain.settlement.SettlementFixture.baseline;
import static io.flexledger.domain.settlement.SettlementFixture.offer;
import static io.flexledger.domain.settlement.SettlementFixture.order;
import static io.flexledger.domain.settlement.SettlementFixture.reading;
import static io.flexledger.domain.settlement.SettlementFixture.readings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Worked examples, computed by hand. The offer: home-1 reduces 2, 2 and 2.5 kW in slots 68..70 at
 * 0.21 EUR/kWh; ordered at activation 1 that is 0.5, 0.5 and 0.625 kWh (x 0.25 h). The baseline is
 * 4 kW, i.e. 1 kWh per slot.
 */
class SettlementRuleTest {
    static final FlexOffer OFFER = offer("0.21", "68=2", "69=2", "70=2.5");
    static final Baseline BASELINE = baseline("4");

    static FlexSettlement settle(List<MeterReading> readings) {
        return SettlementRule.DEFAULT.settle(OFFER, order("1"), BASELINE, readings);
    }

    static KilowattHours kwh(String s) {
        return KilowattHours.of(s);
    }

    @Nested
    class WorkedExamples {
        @Test
        void fullDeliveryIsPaidInFull() {
            // metered 0.5, 0.5, 0.375 -> delivered 0.5, 0.5, 0.625 = ordered
            FlexSettlement s = settle(readings("0.5", "0.5", "0.375"));
            assertThat(s.id()).isEqualTo("stl-ord-1");
            assertThat(s.lines())
                    .extracting(SettlementLine::orderedKwh)
                    .containsExactly(kwh("0.5"), kwh("0.5"), kwh("0.625"));
            assertThat(s.lines()).extracting(SettlementLine::baselineKwh).containsOnly(kwh("1"));
            assertThat(s.creditedKwh()).isEqualTo(kwh("1.625"));
            assertThat(s.shortfallKwh()).isEqualTo(KilowattHours.ZERO);
            // 1.625 kWh x 0.21 = 0.34125 EUR -> half-even at 4 decimals: 0.3412
            assertThat(s.paymentEur()).isEqualTo(Euros.of("0.3412"));
            assertThat(s.penaltyEur()).isEqualTo(Euros.ZERO);
            assertThat(s.netEur()).isEqualTo(Euros.of("0.3412"));
            assertThat(s.state()).isEqualTo(FlexSettlementState.SETTLED);
            assertThat(s.aggregatorMsp()).isEqualTo("Aggregator1MSP");
            assertThat(s.dsoMsp()).isEqualTo("DsoMSP");
            assertThat(s.penaltyFactor()).isEqualByComparingTo("0.5");
        }

        @Test
        void partialDeliveryIsPaidForWhatWasDeliveredAndPenalisedForTheRest() {
            // metered 0.8, 0.5, 1.0 -> delivered 0.2, 0.5, 0 -> credited 0.2, 0.5, 0; shortfall 0.3, 0, 0.625
            FlexSettlement s = settle(readings("0.8", "0.5", "1"));
            assertThat(s.lines())
                    .extracting(SettlementLine::deliveredKwh)
                    .containsExactly(kwh("0.2"), kwh("0.5"), kwh("0"));
            assertThat(s.lines())
                    .extracting(SettlementLine::shortfallKwh)
                    .containsExactly(kwh("0.3"), kwh("0"), kwh("0.625"));
            assertThat(s.creditedKwh()).isEqualTo(kwh("0.7"));
            assertThat(s.shortfallKwh()).isEqualTo(kwh("0.925"));
            // 0.7 x 0.21 = 0.147
            assertThat(s.paymentEur()).isEqualTo(Euros.of("0.147"));
            // 0.5 x 0.21 x 0.925 = 0.097125 -> 0.0971
            assertThat(s.penaltyEur()).isEqualTo(Euros.of("0.0971"));
            assertThat(s.netEur()).isEqualTo(Euros.of("0.0499"));
        }

        @Test
        void overDeliveryIsCappedAtTheOrder() {
            // exporting 0.5 kWh in every slot: delivered 1.5 kWh each, far above the order
            FlexSettlement s = settle(readings("-0.5", "-0.5", "-0.5"));
            assertThat(s.lines()).extracting(SettlementLine::deliveredKwh).containsOnly(kwh("1.5"));
            assertThat(s.lines())
                    .extracting(SettlementLine::creditedKwh)
                    .containsExactly(kwh("0.5"), kwh("0.5"), kwh("0.625"));
            assertThat(s.creditedKwh()).isEqualTo(kwh("1.625"));
            assertThat(s.paymentEur()).isEqualTo(Euros.of("0.3412"));
            assertThat(s.penaltyEur()).isEqualTo(Euros.ZERO);
        }

        @Test
        void meteredAboveTheBaselineIsNoDeliveryAndTheNetIsNegative() {
            // 1.2 kWh metered against a 1 kWh baseline: the home used more, delivered nothing
            FlexSettlement s = settle(readings("1.2", "1.2", "1.2"));
            assertThat(s.lines()).extracting(SettlementLine::deliveredKwh).containsOnly(KilowattHours.ZERO);
            assertThat(s.creditedKwh()).isEqualTo(KilowattHours.ZERO);
            assertThat(s.shortfallKwh()).isEqualTo(kwh("1.625"));
            assertThat(s.paymentEur()).isEqualTo(Euros.ZERO);
            // 0.5 x 0.21 x 1.625 = 0.170625 -> 0.1706
            assertThat(s.penaltyEur()).isEqualTo(Euros.of("0.1706"));
            assertThat(s.netEur()).isEqualTo(Euros.of("-0.1706"));
        }

        @Test
        void theOrderedEnergyIsRoundedOnceFromTheActivation() {
            // 2.5 kW x 0.333333 x 0.25 h = 0.208333125 -> 0.208333 kWh (not 0.833 kW x 0.25 = 0.20825)
            FlexOffer offer = offer("0.21", "70=2.5");
            FlexSettlement s =
                    SettlementRule.DEFAULT.settle(offer, order("0.333333"), BASELINE, List.of(reading(70, "0.9")));
            assertThat(s.lines().get(0).orderedKwh()).isEqualTo(kwh("0.208333"));
            // delivered 1 - 0.9 = 0.1 -> credited 0.1, shortfall 0.108333
            assertThat(s.shortfallKwh()).isEqualTo(kwh("0.108333"));
            // 0.1 x 0.21 = 0.021; 0.5 x 0.21 x 0.108333 = 0.01137496... -> 0.0114
            assertThat(s.paymentEur()).isEqualTo(Euros.of("0.021"));
            assertThat(s.penaltyEur()).isEqualTo(Euros.of("0.0114"));
            assertThat(s.netEur()).isEqualTo(Euros.of("0.0096"));
        }

        @Test
        void anotherPenaltyFactorScalesOnlyThePenalty() {
            FlexSettlement s = new SettlementRule(BigDecimal.ONE)
                    .settle(OFFER, order("1"), BASELINE, readings("1.2", "1.2", "1.2"));
            assertThat(s.penaltyEur()).isEqualTo(Euros.of("0.3412"));
            assertThat(s.paymentEur()).isEqualTo(Euros.ZERO);
        }
    }

    @Nested
    class Inputs {
        @Test
        void everyOrderedSlotNeedsExactlyOneReading() {
            assertThatThrownBy(() -> settle(List.of(reading(68, "0.5"), reading(69, "0.5"))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("readings: no reading for ordered slot 70");
            assertThatThrownBy(() -> settle(
                            List.of(reading(68, "0.5"), reading(69, "0.5"), reading(70, "0.5"), reading(69, "0.1"))))
                    .hasMessage("readings[3].slot: slot 69 has a reading already");
            assertThatThrownBy(() -> settle(
                            List.of(reading(68, "0.5"), reading(69, "0.5"), reading(70, "0.5"), reading(71, "0.1"))))
                    .hasMessage("readings[3].slot: slot 71 is not ordered");
        }

        @Test
        void readingsAndBaselineAreTheDeliveringHomes() {
            MeterReading other =
                    new MeterReading("meter-2", "home-2", SettlementFixture.DAY, 70, KilowattHours.of("0.5"), 1);
            assertThatThrownBy(() -> settle(List.of(reading(68, "0.5"), reading(69, "0.5"), other)))
                    .hasMessage("readings[2].assetId: must be home-1");
            Baseline home2 = new Baseline("home-2", SettlementFixture.PERIOD, BASELINE.kwBySlot());
            assertThatThrownBy(() ->
                            SettlementRule.DEFAULT.settle(OFFER, order("1"), home2, readings("0.5", "0.5", "0.5")))
                    .hasMessage("baseline.assetId: must be home-1");
        }

        @Test
        void theOrderBuysTheOffer() {
            var other = new io.flexledger.domain.market.FlexOrder(
                    "ord-2", "DsoMSP", "o-9", BigDecimal.ONE, io.flexledger.domain.market.FlexOrderState.ACCEPTED);
            assertThatThrownBy(
                            () -> SettlementRule.DEFAULT.settle(OFFER, other, BASELINE, readings("0.5", "0.5", "0.5")))
                    .hasMessage("order.offerId: does not name offer o-1");
        }

        @Test
        void aNegativePenaltyFactorIsRefused() {
            assertThatThrownBy(() -> new SettlementRule(new BigDecimal("-0.1")))
                    .hasMessage("penaltyFactor: must be >= 0");
        }
    }

    @Nested
    class Records {
        @Test
        void totalsThatDoNotMatchTheLinesAreRefused() {
            FlexSettlement s = settle(readings("0.8", "0.5", "1"));
            assertThatThrownBy(() -> new FlexSettlement(
                            s.id(),
                            s.orderId(),
                            s.offerId(),
                            s.aggregatorMsp(),
                            s.dsoMsp(),
                            s.assetId(),
                            s.day(),
                            s.price(),
                            s.penaltyFactor(),
                            s.lines(),
                            kwh("1.625"),
                            s.shortfallKwh(),
                            s.paymentEur(),
                            s.penaltyEur(),
                            s.netEur(),
                            s.state()))
                    .hasMessage(
                            "creditedKwh: must be the sum of the lines' creditedKwh; paymentEur: must be price x creditedKwh");
            assertThatThrownBy(() -> new FlexSettlement(
                            s.id(),
                            s.orderId(),
                            s.offerId(),
                            s.aggregatorMsp(),
                            s.dsoMsp(),
                            s.assetId(),
                            s.day(),
                            s.price(),
                            s.penaltyFactor(),
                            s.lines(),
                            s.creditedKwh(),
                            s.shortfallKwh(),
                            s.paymentEur(),
                            s.penaltyEur(),
                            s.paymentEur(),
                            s.state()))
                    .hasMessage("netEur: must be paymentEur - penaltyEur");
            assertThatThrownBy(() -> new FlexSettlement(
                            "stl-ord-2",
                            s.orderId(),
                            s.offerId(),
                            "DsoMSP",
                            s.dsoMsp(),
                            s.assetId(),
                            s.day(),
                            s.price(),
                            s.penaltyFactor(),
                            s.lines(),
                            s.creditedKwh(),
                            s.shortfallKwh(),
                            s.paymentEur(),
                            s.penaltyEur(),
                            s.netEur(),
                            s.state()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("id: must be stl-ord-1; aggregatorMsp: must be an aggregator organisation");
        }

        @Test
        void aLineCannotCreditMoreThanWasOrdered() {
            assertThatThrownBy(() ->
                            new SettlementLine(68, kwh("0.5"), kwh("1"), kwh("0"), kwh("1"), kwh("1"), kwh("-0.5")))
                    .hasMessage("creditedKwh: must be min(deliveredKwh, orderedKwh)");
        }

        @Test
        void aSettlementIsDisputedOnceAndThenResolved() {
            FlexSettlement s = settle(readings("0.5", "0.5", "0.375"));
            FlexSettlement disputed = s.withState(FlexSettlementState.DISPUTED);
            assertThat(disputed.withState(FlexSettlementState.RESOLVED).state().isFinal())
                    .isTrue();
            assertThatThrownBy(() -> s.withState(FlexSettlementState.RESOLVED))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> disputed.withState(FlexSettlementState.DISPUTED))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
