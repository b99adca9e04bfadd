package io.flexledger.domain.community;

import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one home's community trades of a day are settled from its meter, slot by slot (decision 0021):
 *
 * <ul>
 *   <li>each trade's energy E = kW x slot length (kWh, rounded half-even once per trade to 6 decimals, as
 *       {@link SettlementRule#energy}); S = sold kWh, B = bought kWh, X = S - B;
 *   <li>the trades at their own prices: paid += price x E of every buy, received += price x E of every sell;
 *   <li>X &gt; 0 (net seller): delivered = clamp(measured export, 0, X); shortfall = X - delivered is
 *       bought from the grid on the home's account: paid += shortfall x importPrice[slot];
 *   <li>X &lt; 0 (net buyer): taken = clamp(measured import, 0, -X); unused = -X - taken is sold to the
 *       grid for the home: received += unused x exportPrice[slot];
 *   <li>paid and received are summed exactly and rounded half-even once to 4 decimals (EUR), as
 *       {@link SettlementRule}'s payment and penalty; net = received - paid.
 * </ul>
 */
public final class CommunitySettlementRule {
    /** The rule. */
    public static final CommunitySettlementRule DEFAULT = new CommunitySettlementRule();

    private CommunitySettlementRule() {}

    /**
     * Settles {@code trades} (the home's trades of the day) on exactly one reading of the home per traded
     * slot; throws a {@link io.flexledger.domain.validation.ValidationException} naming the input at fault
     * ({@code readings[i].slot}, {@code readings}, {@code importPrice}, ...) otherwise.
     */
    public CommunityStatement settle(
            String community,
            String homeId,
            MarketPeriod period,
            List<CommunityTrade> trades,
            List<EurosPerKwh> importPrice,
            List<EurosPerKwh> exportPrice,
            List<MeterReading> readings) {
        Violations v = new Violations();
        v.id(community, "community");
        v.id(homeId, "homeId");
        boolean complete = v.present(period, "period")
                & v.present(trades, "trades")
                & v.present(importPrice, "importPrice")
                & v.present(exportPrice, "exportPrice")
                & v.present(readings, "readings");
        v.throwIfAny();
        if (complete) {
            // There is something to settle.
            v.check(!trades.isEmpty(), "trades", "the home has no trade of the day");
            v.check(
                    importPrice.size() == period.slotCount(),
                    "importPrice",
                    "must hold one price per slot (" + period.slotCount() + ")");
            v.check(
                    exportPrice.size() == period.slotCount(),
                    "exportPrice",
                    "must hold one price per slot (" + period.slotCount() + ")");
        }
        SortedMap<Integer, List<CommunityTrade>> tradesBySlot = new TreeMap<>();
        for (int i = 0; i < trades.size(); i++) {
            CommunityTrade t = trades.get(i);
            if (v.present(t, "trades[" + i + "]")
                    && v.check(period.hasSlot(t.slot()), "trades[" + i + "].slot", "not a slot of " + period.day())) {
                tradesBySlot.computeIfAbsent(t.slot(), s -> new ArrayList<>()).add(t);
            }
        }
        Map<Integer, MeterReading> bySlot = readingsBySlot(homeId, period, tradesBySlot, readings, v);
        v.throwIfAny();

        List<CommunityStatementLine> lines = new ArrayList<>();
        KilowattHours bought = KilowattHours.ZERO;
        KilowattHours sold = KilowattHours.ZERO;
        KilowattHours delivered = KilowattHours.ZERO;
        KilowattHours taken = KilowattHours.ZERO;
        KilowattHours shortfall = KilowattHours.ZERO;
        KilowattHours unused = KilowattHours.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal received = BigDecimal.ZERO;
        for (Map.Entry<Integer, List<CommunityTrade>> e : tradesBySlot.entrySet()) {
            int slot = e.getKey();
            KilowattHours b = KilowattHours.ZERO;
            KilowattHours s = KilowattHours.ZERO;
            BigDecimal slotPaid = BigDecimal.ZERO;
            BigDecimal slotReceived = BigDecimal.ZERO;
            for (CommunityTrade t : e.getValue()) {
                KilowattHours energy = SettlementRule.energy(t.kw().value(), period.slotLength());
                BigDecimal value = energy.value().multiply(t.price());
                if (t.side() == CommunityTrade.Side.BUY) {
                    b = b.plus(energy);
                    slotPaid = slotPaid.add(value);
                } else {
                    s = s.plus(energy);
                    slotReceived = slotReceived.add(value);
                }
            }
            KilowattHours metered = bySlot.get(slot).netKwh();
            KilowattHours x = s.minus(b);
            KilowattHours slotDelivered = KilowattHours.ZERO;
            KilowattHours slotTaken = KilowattHours.ZERO;
            KilowattHours slotShortfall = KilowattHours.ZERO;
            KilowattHours slotUnused = KilowattHours.ZERO;
            if (x.value().signum() > 0) {
                // A net seller delivers by exporting (negative net energy), at most its net sale.
                slotDelivered = clamp(negate(metered), x);
                slotShortfall = x.minus(slotDelivered);
                slotPaid = slotPaid.add(
                        slotShortfall.value().multiply(importPrice.get(slot).value()));
            } else if (x.value().signum() < 0) {
                // A net buyer takes by importing, at most its net purchase.
                KilowattHours need = negate(x);
                slotTaken = clamp(metered, need);
                slotUnused = need.minus(slotTaken);
                slotReceived = slotReceived.add(
                        slotUnused.value().multiply(exportPrice.get(slot).value()));
            }
            lines.add(new CommunityStatementLine(
                    slot,
                    b,
                    s,
                    metered,
                    slotDelivered,
                    slotTaken,
                    slotShortfall,
                    slotUnused,
                    euros(slotPaid),
                    euros(slotReceived)));
            bought = bought.plus(b);
            sold = sold.plus(s);
            delivered = delivered.plus(slotDelivered);
            taken = taken.plus(slotTaken);
            shortfall = shortfall.plus(slotShortfall);
            unused = unused.plus(slotUnused);
            paid = paid.add(slotPaid);
            received = received.add(slotReceived);
        }
        Euros paidEur = euros(paid);
        Euros receivedEur = euros(received);
        return new CommunityStatement(
                community,
                homeId,
                period.day(),
                lines,
                bought,
                sold,
                delivered,
                taken,
                shortfall,
                unused,
                paidEur,
                receivedEur,
                receivedEur.minus(paidEur));
    }

    /** The slots {@code trades} settle on, in order: the slots with at least one trade. */
    public static List<Integer> tradedSlots(List<CommunityTrade> trades) {
        return trades.stream().map(CommunityTrade::slot).distinct().sorted().toList();
    }

    private static Map<Integer, MeterReading> readingsBySlot(
            String homeId,
            MarketPeriod period,
            SortedMap<Integer, List<CommunityTrade>> tradesBySlot,
            List<MeterReading> readings,
            Violations v) {
        Map<Integer, MeterReading> bySlot = new TreeMap<>();
        for (int i = 0; i < readings.size(); i++) {
            String at = "readings[" + i + "]";
            MeterReading r = readings.get(i);
            if (!v.present(r, at)) {
                continue;
            }
            // Readings are the home's, on the trading day.
            v.check(r.assetId().equals(homeId), at + ".assetId", "must be " + homeId);
            v.check(r.day().equals(period.day()), at + ".day", "must be " + period.day());
            // Only traded slots are settled: an extra reading is refused, not ignored.
            if (!v.check(
                    tradesBySlot.containsKey(r.slot()),
                    at + ".slot",
                    "slot " + r.slot() + " has no trade of the home")) {
                continue;
            }
            // One reading per slot: a second would let the settler pick the better one.
            v.check(
                    bySlot.putIfAbsent(r.slot(), r) == null,
                    at + ".slot",
                    "slot " + r.slot() + " has a reading already");
        }
        for (Integer slot : tradesBySlot.keySet()) {
            // Every traded slot is metered.
            v.check(bySlot.containsKey(slot), "readings", "no reading for traded slot " + slot);
        }
        return bySlot;
    }

    /** {@code value} clamped to {@code [0, max]}. */
    private static KilowattHours clamp(KilowattHours value, KilowattHours max) {
        if (value.isNegative()) {
            return KilowattHours.ZERO;
        }
        return value.compareTo(max) > 0 ? max : value;
    }

    private static KilowattHours negate(KilowattHours kwh) {
        return KilowattHours.ZERO.minus(kwh);
    }

    private static Euros euros(BigDecimal exact) {
        return new Euros(Decimals.rounded(exact, Euros.SCALE));
    }
}
