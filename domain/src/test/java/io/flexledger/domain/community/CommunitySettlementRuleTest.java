package io.flexledger.domain.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.community.CommunityTrade.Side;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommunitySettlementRuleTest {
    static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    static final MarketPeriod PERIOD = MarketPeriod.of(DAY);
    static final CommunitySettlementRule RULE = CommunitySettlementRule.DEFAULT;

    /** Import 0.30, export 0.05 EUR/kWh in every slot. */
    static List<EurosPerKwh> prices(String price) {
        return new ArrayList<>(Collections.nCopies(PERIOD.slotCount(), EurosPerKwh.of(price)));
    }

    static CommunityTrade trade(String id, int slot, Side side, String kw, String price) {
        return new CommunityTrade(id, slot, side, Kilowatts.of(kw), new BigDecimal(price));
    }

    static MeterReading reading(int slot, String netKwh) {
        return new MeterReading("m-1", "home-1", DAY, slot, KilowattHours.of(netKwh), 1 + slot);
    }

    static CommunityStatement settle(List<CommunityTrade> trades, MeterReading... readings) {
        return RULE.settle(
                "Aggregator1MSP", "home-1", PERIOD, trades, prices("0.30"), prices("0.05"), List.of(readings));
    }

    @Test
    void aSellerWhoExportsItsSaleIsPaidTheTradePrice() {
        // 4 kW over 15 minutes = 1 kWh sold at 0.20; the meter exports 1.5 kWh.
        CommunityStatement s = settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.2")), reading(40, "-1.5"));
        assertThat(s.soldKwh()).isEqualTo(KilowattHours.of("1"));
        assertThat(s.deliveredKwh()).isEqualTo(KilowattHours.of("1"));
        assertThat(s.shortfallKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(s.receivedEur()).isEqualTo(Euros.of("0.2"));
        assertThat(s.paidEur()).isEqualTo(Euros.ZERO);
        assertThat(s.netEur()).isEqualTo(Euros.of("0.2"));
    }

    @Test
    void aSellerWhoExportsLessBuysTheShortfallFromTheGridAtTheImportPrice() {
        // 1 kWh sold at 0.20, 0.4 kWh exported: 0.6 kWh short, bought at 0.30.
        CommunityStatement s = settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.2")), reading(40, "-0.4"));
        assertThat(s.deliveredKwh()).isEqualTo(KilowattHours.of("0.4"));
        assertThat(s.shortfallKwh()).isEqualTo(KilowattHours.of("0.6"));
        assertThat(s.paidEur()).isEqualTo(Euros.of("0.18"));
        assertThat(s.netEur()).isEqualTo(Euros.of("0.02"));
    }

    @Test
    void aSellerThatImportsDeliversNothing() {
        CommunityStatement s = settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.2")), reading(40, "0.7"));
        assertThat(s.deliveredKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(s.shortfallKwh()).isEqualTo(KilowattHours.of("1"));
        assertThat(s.netEur()).isEqualTo(Euros.of("-0.1"));
    }

    @Test
    void aBuyerWhoImportsLessSellsTheUnusedEnergyToTheGridAtTheExportPrice() {
        // 2 kWh bought at 0.25, 0.5 kWh imported: 1.5 kWh unused, sold at 0.05.
        CommunityStatement s = settle(List.of(trade("b-1", 10, Side.BUY, "8", "0.25")), reading(10, "0.5"));
        assertThat(s.boughtKwh()).isEqualTo(KilowattHours.of("2"));
        assertThat(s.takenKwh()).isEqualTo(KilowattHours.of("0.5"));
        assertThat(s.unusedKwh()).isEqualTo(KilowattHours.of("1.5"));
        assertThat(s.paidEur()).isEqualTo(Euros.of("0.5"));
        assertThat(s.receivedEur()).isEqualTo(Euros.of("0.075"));
        assertThat(s.netEur()).isEqualTo(Euros.of("-0.425"));
    }

    @Test
    void aBuyerThatExportsTakesNothingAndImportBeyondThePurchaseIsNotTheCommunitys() {
        CommunityStatement exporting = settle(List.of(trade("b-1", 10, Side.BUY, "8", "0.25")), reading(10, "-1"));
        assertThat(exporting.takenKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(exporting.unusedKwh()).isEqualTo(KilowattHours.of("2"));
        CommunityStatement importing = settle(List.of(trade("b-1", 10, Side.BUY, "8", "0.25")), reading(10, "5"));
        assertThat(importing.takenKwh()).isEqualTo(KilowattHours.of("2"));
        assertThat(importing.unusedKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(importing.netEur()).isEqualTo(Euros.of("-0.5"));
    }

    @Test
    void aSlotOfBalancedBuysAndSellsOnlyExchangesTheTradeValues() {
        CommunityStatement s = settle(
                List.of(trade("b-1", 5, Side.BUY, "4", "0.25"), trade("s-1", 5, Side.SELL, "4", "0.2")),
                reading(5, "3"));
        CommunityStatementLine line = s.lines().get(0);
        assertThat(line.deliveredKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(line.takenKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(line.shortfallKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(line.unusedKwh()).isEqualTo(KilowattHours.ZERO);
        assertThat(s.paidEur()).isEqualTo(Euros.of("0.25"));
        assertThat(s.receivedEur()).isEqualTo(Euros.of("0.2"));
    }

    @Test
    void slotsAreSettledInOrderWithOneLineEach() {
        CommunityStatement s = settle(
                List.of(trade("s-2", 41, Side.SELL, "4", "0.2"), trade("s-1", 40, Side.SELL, "4", "0.2")),
                reading(41, "-1"),
                reading(40, "-1"));
        assertThat(s.lines()).extracting(CommunityStatementLine::slot).containsExactly(40, 41);
        assertThat(s.soldKwh()).isEqualTo(KilowattHours.of("2"));
    }

    @Test
    void moneyIsRoundedHalfEvenOnceOnTheTotals() {
        // 0.001 kW over 15 minutes = 0.00025 kWh at 0.1 = 0.000025 EUR per slot: each line rounds to 0,
        // two slots sum to 0.00005, which rounds half-even to 0.0000; three to 0.000075 -> 0.0001.
        List<CommunityTrade> trades = List.of(
                trade("s-1", 1, Side.SELL, "0.001", "0.1"),
                trade("s-2", 2, Side.SELL, "0.001", "0.1"),
                trade("s-3", 3, Side.SELL, "0.001", "0.1"));
        CommunityStatement s = settle(trades, reading(1, "-1"), reading(2, "-1"), reading(3, "-1"));
        assertThat(s.lines()).allSatisfy(l -> assertThat(l.receivedEur()).isEqualTo(Euros.ZERO));
        assertThat(s.receivedEur()).isEqualTo(Euros.of("0.0001"));
    }

    @Test
    void aMissingSlotReadingIsRefused() {
        assertThatThrownBy(() -> settle(
                        List.of(trade("s-1", 40, Side.SELL, "4", "0.2"), trade("s-2", 41, Side.SELL, "4", "0.2")),
                        reading(40, "-1")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e ->
                        assertThat(((ValidationException) e).first().path()).isEqualTo("readings"))
                .hasMessageContaining("no reading for traded slot 41");
    }

    @Test
    void anExtraSlotReadingIsRefused() {
        // The settler may not add a favourable reading of a slot the home did not trade.
        assertThatThrownBy(() ->
                        settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.2")), reading(40, "-1"), reading(41, "-9")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e ->
                        assertThat(((ValidationException) e).first().path()).isEqualTo("readings[1].slot"));
    }

    @Test
    void aSecondReadingOfASlotIsRefused() {
        assertThatThrownBy(() ->
                        settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.2")), reading(40, "0"), reading(40, "-1")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e ->
                        assertThat(((ValidationException) e).first().path()).isEqualTo("readings[1].slot"));
    }

    @Test
    void aReadingOfAnotherHomeOrDayIsRefused() {
        MeterReading other = new MeterReading("m-2", "home-2", DAY, 40, KilowattHours.of("-1"), 1);
        assertThatThrownBy(() -> settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.2")), other))
                .isInstanceOf(ValidationException.class)
                .satisfies(e ->
                        assertThat(((ValidationException) e).first().path()).isEqualTo("readings[0].assetId"));
        MeterReading nextDay = new MeterReading("m-1", "home-1", DAY.plusDays(1), 40, KilowattHours.of("-1"), 1);
        assertThatThrownBy(() -> settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.2")), nextDay))
                .isInstanceOf(ValidationException.class)
                .satisfies(e ->
                        assertThat(((ValidationException) e).first().path()).isEqualTo("readings[0].day"));
    }

    @Test
    void noTradesOrShortPriceListsAreRefused() {
        assertThatThrownBy(() -> settle(List.of()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e ->
                        assertThat(((ValidationException) e).first().path()).isEqualTo("trades"));
        assertThatThrownBy(() -> RULE.settle(
                        "Aggregator1MSP",
                        "home-1",
                        PERIOD,
                        List.of(trade("s-1", 40, Side.SELL, "4", "0.2")),
                        prices("0.3").subList(0, 10),
                        prices("0.05"),
                        List.of(reading(40, "-1"))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e ->
                        assertThat(((ValidationException) e).first().path()).isEqualTo("importPrice"));
    }

    @Test
    void aPayAsClearPriceIsSettledAtItsRecordedDecimals() {
        // 4 kW over 15 minutes = 1 kWh at 0.1750049 EUR/kWh: 0.1750049 rounds half-even once to 0.1750.
        CommunityStatement s = settle(List.of(trade("s-1", 40, Side.SELL, "4", "0.1750049")), reading(40, "-1"));
        assertThat(s.receivedEur()).isEqualTo(Euros.of("0.175"));
        CommunityStatement twice = settle(
                List.of(trade("s-1", 40, Side.SELL, "4", "0.1750049"), trade("s-2", 41, Side.SELL, "4", "0.1750049")),
                reading(40, "-1"),
                reading(41, "-1"));
        assertThat(twice.receivedEur()).isEqualTo(Euros.of("0.3500"));
        assertThatThrownBy(() -> trade("s-1", 40, Side.SELL, "4", "-0.01"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("price");
    }
}
