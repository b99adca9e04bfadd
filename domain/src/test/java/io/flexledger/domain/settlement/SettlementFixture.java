package io.flexledger.domain.settlement;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builders for settlement inputs: home-1 of Aggregator1, 2026-11-28 (96 slots). */
final class SettlementFixture {
    static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    static final MarketPeriod PERIOD = MarketPeriod.of(DAY);

    private SettlementFixture() {}

    /** An ordered offer of home-1: kW per slot given as "slot=kW" pairs, at {@code price} EUR/kWh. */
    static FlexOffer offer(String price, String... slotKw) {
        SortedMap<Integer, Kilowatts> kw = new TreeMap<>();
        for (String pair : slotKw) {
            String[] p = pair.split("=");
            kw.put(Integer.parseInt(p[0]), Kilowatts.of(p[1]));
        }
        return new FlexOffer(
                "o-1",
                "Aggregator1MSP",
                "TX1",
                "home-1",
                PERIOD,
                null,
                kw,
                EurosPerKwh.of(price),
                new BigDecimal("0.1"),
                FlexOfferState.ORDERED);
    }

    static FlexOrder order(String activation) {
        return new FlexOrder("ord-1", "DsoMSP", "o-1", new BigDecimal(activation), FlexOrderState.ACCEPTED);
    }

    /** A baseline of home-1 at {@code kw} in every slot. */
    static Baseline baseline(String kw) {
        return new Baseline("home-1", PERIOD, new ArrayList<>(Collections.nCopies(96, Kilowatts.of(kw))));
    }

    static MeterReading reading(int slot, String kwh) {
        return new MeterReading("meter-1", "home-1", DAY, slot, KilowattHours.of(kwh), 100 + slot);
    }

    /** Readings of slots 68, 69, 70 with these kWh. */
    static List<MeterReading> readings(String k68, String k69, String k70) {
        return List.of(reading(68, k68), reading(69, k69), reading(70, k70));
    }
}
