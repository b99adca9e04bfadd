package io.flexledger.domain.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.community.CommunityTrade.Side;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the community rule over random trades, prices and readings (seeded, so a failure names a
 * reproducible case; the domain module has no jqwik): per slot delivered + shortfall = max(0, S - B) and
 * taken + unused = max(0, B - S), all parts within their bounds; a home never gains from metering less
 * (the net is monotone in the export of a seller); the money adds up to the trades' values plus the
 * grid's, rounded once.
 */
class CommunitySettlementPropertiesTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 29); // 92 slots: a clock-change day
    static final MarketPeriod PERIOD = MarketPeriod.of(DAY);

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    static BigDecimal decimal(Random r, long minUnits, long maxUnits, int scale) {
        return BigDecimal.valueOf(minUnits + (long) (r.nextDouble() * (maxUnits - minUnits + 1)), scale);
    }

    record Case(
            List<CommunityTrade> trades, List<EurosPerKwh> imp, List<EurosPerKwh> exp, List<MeterReading> readings) {}

    static Case randomCase(Random r) {
        List<CommunityTrade> trades = new ArrayList<>();
        int first = r.nextInt(PERIOD.slotCount() - 8);
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            int slot = first + r.nextInt(4);
            trades.add(new CommunityTrade(
                    "t-" + i,
                    slot,
                    r.nextBoolean() ? Side.BUY : Side.SELL,
                    new Kilowatts(decimal(r, 1, 20_000, 3)),
                    decimal(r, 0, 6_000_000, 7)));
        }
        List<EurosPerKwh> imp = new ArrayList<>();
        List<EurosPerKwh> exp = new ArrayList<>();
        for (int s = 0; s < PERIOD.slotCount(); s++) {
            BigDecimal i = decimal(r, 0, 60_000, 5);
            imp.add(new EurosPerKwh(i));
            exp.add(new EurosPerKwh(i.multiply(decimal(r, 0, 100, 2)).setScale(5, RoundingMode.DOWN)));
        }
        List<MeterReading> readings = new ArrayList<>();
        for (int slot : CommunitySettlementRule.tradedSlots(trades)) {
            readings.add(new MeterReading(
                    "m-1", "home-1", DAY, slot, new KilowattHours(decimal(r, -6_000_000, 6_000_000, 6)), 1 + slot));
        }
        return new Case(trades, imp, exp, readings);
    }

    static CommunityStatement settle(Case c) {
        return CommunitySettlementRule.DEFAULT.settle(
                "Aggregator1MSP", "home-1", PERIOD, c.trades(), c.imp(), c.exp(), c.readings());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theRulesInvariantsHold(long seed) {
        Case c = randomCase(new Random(seed));
        CommunityStatement s = settle(c);
        assertThat(s.lines()).hasSize(c.readings().size());
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal received = BigDecimal.ZERO;
        KilowattHours bought = KilowattHours.ZERO;
        KilowattHours sold = KilowattHours.ZERO;
        for (CommunityStatementLine l : s.lines()) {
            KilowattHours x = l.soldKwh().minus(l.boughtKwh());
            KilowattHours sale = x.isNegative() ? KilowattHours.ZERO : x;
            KilowattHours purchase = x.isNegative() ? KilowattHours.ZERO.minus(x) : KilowattHours.ZERO;
            assertThat(l.deliveredKwh().plus(l.shortfallKwh())).isEqualTo(sale);
            assertThat(l.takenKwh().plus(l.unusedKwh())).isEqualTo(purchase);
            for (KilowattHours part : List.of(l.deliveredKwh(), l.shortfallKwh(), l.takenKwh(), l.unusedKwh())) {
                assertThat(part.isNegative()).isFalse();
            }
            // Delivery is measured export, never more; taking is measured import, never more.
            assertThat(l.deliveredKwh().compareTo(max0(KilowattHours.ZERO.minus(l.meteredKwh()))))
                    .isLessThanOrEqualTo(0);
            assertThat(l.takenKwh().compareTo(max0(l.meteredKwh()))).isLessThanOrEqualTo(0);
            paid = paid.add(
                    l.shortfallKwh().value().multiply(c.imp().get(l.slot()).value()));
            received = received.add(
                    l.unusedKwh().value().multiply(c.exp().get(l.slot()).value()));
            bought = bought.plus(l.boughtKwh());
            sold = sold.plus(l.soldKwh());
        }
        for (CommunityTrade t : c.trades()) {
            BigDecimal value = SettlementRule.energy(t.kw().value(), PERIOD.slotLength())
                    .value()
                    .multiply(t.price());
            if (t.side() == Side.BUY) {
                paid = paid.add(value);
            } else {
                received = received.add(value);
            }
        }
        assertThat(s.boughtKwh()).isEqualTo(bought);
        assertThat(s.soldKwh()).isEqualTo(sold);
        assertThat(s.paidEur()).isEqualTo(new Euros(paid.setScale(Euros.SCALE, RoundingMode.HALF_EVEN)));
        assertThat(s.receivedEur()).isEqualTo(new Euros(received.setScale(Euros.SCALE, RoundingMode.HALF_EVEN)));
        assertThat(s.netEur()).isEqualTo(s.receivedEur().minus(s.paidEur()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exportingMoreNeverLowersTheNet(long seed) {
        // The grid prices satisfy export <= import, so more export (or less import) never costs the home.
        Case c = randomCase(new Random(seed));
        CommunityStatement before = settle(c);
        List<MeterReading> more = c.readings().stream()
                .map(r -> new MeterReading(
                        r.deviceId(),
                        r.assetId(),
                        r.day(),
                        r.slot(),
                        r.netKwh().minus(KilowattHours.of("0.5")),
                        r.sequence()))
                .toList();
        CommunityStatement after = settle(new Case(c.trades(), c.imp(), c.exp(), more));
        assertThat(after.netEur().compareTo(before.netEur())).isGreaterThanOrEqualTo(0);
    }

    private static KilowattHours max0(KilowattHours kwh) {
        return kwh.isNegative() ? KilowattHours.ZERO : kwh;
    }
}
