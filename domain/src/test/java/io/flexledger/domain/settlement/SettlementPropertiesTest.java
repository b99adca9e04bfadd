package io.flexledger.domain.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the rule over random orders, baselines and readings (seeded, so a failure names a
 * reproducible case): nothing is credited beyond the order, credited + shortfall = ordered, the
 * payment and penalty are never negative and the net is payment - penalty. The domain module has no
 * jqwik, so the cases come from a seeded {@link Random}; the chaincode module checks the same
 * properties with jqwik.
 */
class SettlementPropertiesTest {
    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 400; s++) {
            seeds.add(s);
        }
        return seeds;
    }

    static BigDecimal decimal(Random r, long minUnits, long maxUnits, int scale) {
        return BigDecimal.valueOf(minUnits + (long) (r.nextDouble() * (maxUnits - minUnits + 1)), scale);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theRulesInvariantsHold(long seed) {
        Random r = new Random(seed);
        SortedMap<Integer, Kilowatts> kw = new TreeMap<>();
        int first = r.nextInt(90);
        int count = 1 + r.nextInt(6);
        for (int i = 0; i < count; i++) {
            kw.put(first + i, new Kilowatts(decimal(r, 1, 10_000, 3)));
        }
        FlexOffer offer = new FlexOffer(
                "o-1",
                "Aggregator2MSP",
                "TX1",
                "home-1",
                SettlementFixture.PERIOD,
                null,
                kw,
                new EurosPerKwh(decimal(r, 0, 100_000, 5)),
                BigDecimal.ZERO,
                FlexOfferState.ORDERED);
        FlexOrder order = new FlexOrder("ord-1", "DsoMSP", "o-1", decimal(r, 1, 1_000_000, 6), FlexOrderState.ACCEPTED);
        List<Kilowatts> base = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            base.add(new Kilowatts(decimal(r, -5_000, 12_000, 3)));
        }
        List<MeterReading> readings = new ArrayList<>();
        for (Integer slot : kw.keySet()) {
            readings.add(new MeterReading(
                    "meter-1",
                    "home-1",
                    SettlementFixture.DAY,
                    slot,
                    new KilowattHours(decimal(r, -3_000_000, 3_000_000, 6)),
                    slot + 1));
        }
        java.util.Collections.shuffle(readings, r);

        FlexSettlement s = SettlementRule.DEFAULT.settle(
                offer, order, new Baseline("home-1", SettlementFixture.PERIOD, base), readings);

        KilowattHours ordered = KilowattHours.ZERO;
        for (SettlementLine line : s.lines()) {
            // credited <= ordered and credited <= delivered, per slot
            assertThat(line.creditedKwh()).isLessThanOrEqualTo(line.orderedKwh());
            assertThat(line.creditedKwh()).isLessThanOrEqualTo(line.deliveredKwh());
            assertThat(line.creditedKwh().isNegative()).isFalse();
            assertThat(line.creditedKwh().plus(line.shortfallKwh())).isEqualTo(line.orderedKwh());
            ordered = ordered.plus(line.orderedKwh());
        }
        assertThat(s.lines()).extracting(SettlementLine::slot).containsExactlyElementsOf(kw.keySet());
        assertThat(s.creditedKwh()).isLessThanOrEqualTo(ordered);
        assertThat(s.creditedKwh().plus(s.shortfallKwh())).isEqualTo(ordered);
        assertThat(s.paymentEur().isNegative()).isFalse();
        assertThat(s.penaltyEur().isNegative()).isFalse();
        assertThat(s.netEur()).isEqualTo(s.paymentEur().minus(s.penaltyEur()));
    }
}
