package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.SettlementScenario.orderedReadings;
import static io.flexledger.chaincode.SettlementScenario.settleJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Properties of settlement: the rule's invariants over generated orders, baselines and readings;
 * and any change to a presented reading's value is refused by its signature.
 */
class SettlementPropertiesTest {
    static final MarketPeriod PERIOD = MarketPeriod.of(SettlementScenario.DAY);

    @Property(tries = 300)
    void creditedNeverExceedsOrderedAndTheTotalsAddUp(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 20_000) Integer> offeredWatts,
            @ForAll @IntRange(min = 0, max = 90) int firstSlot,
            @ForAll @IntRange(min = 1, max = 1_000_000) int activationMillionths,
            @ForAll @IntRange(min = 0, max = 200_000) int priceHundredThousandths,
            @ForAll @IntRange(min = -8_000, max = 15_000) int baselineWatts,
            @ForAll @Size(min = 8, max = 8) List<@LongRange(min = -4_000_000, max = 4_000_000) Long> meteredMicroKwh) {
        SortedMap<Integer, Kilowatts> kw = new TreeMap<>();
        for (int i = 0; i < offeredWatts.size() && firstSlot + i < 96; i++) {
            kw.put(firstSlot + i, new Kilowatts(BigDecimal.valueOf(offeredWatts.get(i), 3)));
        }
        FlexOffer offer = new FlexOffer(
                "o-1",
                "Aggregator1MSP",
                "TX1",
                "home-1",
                PERIOD,
                null,
                kw,
                new EurosPerKwh(BigDecimal.valueOf(priceHundredThousandths, 5)),
                BigDecimal.ZERO,
                FlexOfferState.ORDERED);
        FlexOrder order = new FlexOrder(
                "ord-1", "DsoMSP", "o-1", BigDecimal.valueOf(activationMillionths, 6), FlexOrderState.ACCEPTED);
        Baseline baseline = new Baseline(
                "home-1", PERIOD, Collections.nCopies(96, new Kilowatts(BigDecimal.valueOf(baselineWatts, 3))));
        List<MeterReading> readings = new ArrayList<>();
        int i = 0;
        for (Integer slot : kw.keySet()) {
            readings.add(new MeterReading(
                    "meter-1",
                    "home-1",
                    PERIOD.day(),
                    slot,
                    new KilowattHours(BigDecimal.valueOf(meteredMicroKwh.get(i++), 6)),
                    slot + 1));
        }

        FlexSettlement s = SettlementRule.DEFAULT.settle(offer, order, baseline, readings);

        KilowattHours ordered = KilowattHours.ZERO;
        for (SettlementLine line : s.lines()) {
            assertThat(line.creditedKwh()).isLessThanOrEqualTo(line.orderedKwh());
            assertThat(line.creditedKwh().isNegative()).isFalse();
            ordered = ordered.plus(line.orderedKwh());
        }
        assertThat(s.creditedKwh()).isLessThanOrEqualTo(ordered);
        assertThat(s.creditedKwh().plus(s.shortfallKwh())).isEqualTo(ordered);
        assertThat(s.paymentEur().isNegative()).isFalse();
        assertThat(s.netEur()).isEqualTo(s.paymentEur().minus(s.penaltyEur()));
    }

    /** One scenario for all tries: every try is refused, so the ledger never changes. */
    static final SettlementScenario SCENARIO = new SettlementScenario();

    @Property(tries = 60)
    void anyOtherValueOfAPresentedReadingIsRefusedByItsSignature(
            @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @LongRange(min = -5_000_000, max = 5_000_000) long microKwh) {
        List<Map<String, Object>> readings = orderedReadings();
        String original = (String) readings.get(which).get("netKwh");
        String altered = new KilowattHours(BigDecimal.valueOf(microKwh, 6)).toString();
        if (altered.equals(original)) {
            return;
        }
        readings.get(which).put("netKwh", altered);
        Map<String, String> before = SCENARIO.ledger.snapshot();
        ChaincodeException e = SCENARIO.ledger.refused(
                DSO, () -> SCENARIO.settlements.settleOrder(SCENARIO.ledger.ctx, settleJson("ord-1", readings)));
        assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo("READING_BAD_SIGNATURE");
        assertThat(SCENARIO.ledger.snapshot()).isEqualTo(before);
    }
}
