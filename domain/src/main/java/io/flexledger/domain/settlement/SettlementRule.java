package io.flexledger.domain.settlement;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Decimals;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How an order of down-flexibility (load reduction) is settled, slot by slot:
 *
 * <ul>
 *   <li>ordered = activation x offered kW x slot length (kWh, rounded half-even once to 6 decimals);
 *   <li>baseline = baseline kW x slot length; metered = the slot's one meter reading;
 *   <li>delivered = max(0, baseline - metered); credited = min(delivered, ordered);
 *       shortfall = ordered - credited;
 *   <li>payment = price x sum(credited); penalty = factor x price x sum(shortfall) (EUR, rounded
 *       half-even once each); net = payment - penalty.
 * </ul>
 */
public final class SettlementRule {
    /** The market's rule: the penalty factor of {@link MarketRules#NON_DELIVERY_PENALTY_FACTOR}. */
    public static final SettlementRule DEFAULT = new SettlementRule(MarketRules.NON_DELIVERY_PENALTY_FACTOR);

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private final BigDecimal penaltyFactor;

    /** A rule with its own penalty factor (at least 0). */
    public SettlementRule(BigDecimal penaltyFactor) {
        Violations v = new Violations();
        if (v.present(penaltyFactor, "penaltyFactor")) {
            // A penalty never rewards non-delivery.
            v.check(penaltyFactor.signum() >= 0, "penaltyFactor", "must be >= 0");
        }
        v.throwIfAny();
        this.penaltyFactor = Decimals.normalised(penaltyFactor);
    }

    /** The penalty factor. */
    public BigDecimal penaltyFactor() {
        return penaltyFactor;
    }

    /**
     * Settles {@code order} of {@code offer} against the home's {@code baseline} and exactly one
     * reading per ordered slot; throws a {@link io.flexledger.domain.validation.ValidationException}
     * naming the input at fault ({@code order.offerId}, {@code baseline.assetId},
     * {@code readings[i].slot}, …) if they do not belong together.
     */
    public FlexSettlement settle(FlexOffer offer, FlexOrder order, Baseline baseline, List<MeterReading> readings) {
        Violations v = new Violations();
        v.present(offer, "offer");
        v.present(order, "order");
        v.present(baseline, "baseline");
        v.present(readings, "readings");
        v.throwIfAny();
        // The order buys this offer.
        v.check(order.offerId().equals(offer.id()), "order.offerId", "does not name offer " + offer.id());
        // The baseline is the delivering home's, for the delivery day.
        v.check(baseline.assetId().equals(offer.assetId()), "baseline.assetId", "must be " + offer.assetId());
        v.check(
                baseline.period().equals(offer.period()),
                "baseline.period",
                "must be the offer's day " + offer.period().day());
        Map<Integer, MeterReading> bySlot = readingsBySlot(offer, readings, v);
        v.throwIfAny();

        Duration slotLength = offer.period().slotLength();
        List<SettlementLine> lines = new ArrayList<>();
        SortedMap<Integer, KilowattHours> ordered = orderedKwhBySlot(offer, order);
        for (Map.Entry<Integer, KilowattHours> e : ordered.entrySet()) {
            int slot = e.getKey();
            lines.add(SettlementLine.of(
                    slot,
                    e.getValue(),
                    energy(baseline.kwBySlot().get(slot).value(), slotLength),
                    bySlot.get(slot).netKwh()));
        }
        KilowattHours credited = KilowattHours.ZERO;
        KilowattHours shortfall = KilowattHours.ZERO;
        for (SettlementLine line : lines) {
            credited = credited.plus(line.creditedKwh());
            shortfall = shortfall.plus(line.shortfallKwh());
        }
        Euros payment = payment(credited, offer.price());
        Euros penalty = penalty(shortfall, offer.price());
        return new FlexSettlement(
                FlexSettlement.idFor(order.id()),
                order.id(),
                offer.id(),
                offer.aggregatorMsp(),
                order.dsoMsp(),
                offer.assetId(),
                offer.period().day(),
                offer.price(),
                penaltyFactor,
                lines,
                credited,
                shortfall,
                payment,
                penalty,
                payment.minus(penalty),
                FlexSettlementState.SETTLED);
    }

    /**
     * The energy {@code order} buys in each slot of its offer: activation x offered kW x slot length,
     * rounded half-even once per slot (the lines' {@code orderedKwh}).
     */
    public SortedMap<Integer, KilowattHours> orderedKwhBySlot(FlexOffer offer, FlexOrder order) {
        Duration slotLength = offer.period().slotLength();
        SortedMap<Integer, KilowattHours> out = new TreeMap<>();
        offer.kwBySlot()
                .forEach((slot, kw) -> out.put(slot, energy(kw.value().multiply(order.activation()), slotLength)));
        return out;
    }

    /** The full volume of {@code order}: the sum of its slots' ordered energy, what a settlement's lines add up to. */
    public KilowattHours orderedKwh(FlexOffer offer, FlexOrder order) {
        KilowattHours total = KilowattHours.ZERO;
        for (KilowattHours kwh : orderedKwhBySlot(offer, order).values()) {
            total = total.plus(kwh);
        }
        return total;
    }

    /** What the DSO pays for {@code credited} energy: price x credited, rounded half-even once. */
    public Euros payment(KilowattHours credited, EurosPerKwh price) {
        return credited.at(price);
    }

    /** What {@code shortfall} costs the aggregator: penalty factor x price x shortfall, rounded half-even once. */
    public Euros penalty(KilowattHours shortfall, EurosPerKwh price) {
        return FlexSettlement.penalty(shortfall, price, penaltyFactor);
    }

    /** The net of a settlement with these totals: payment minus penalty (negative: the aggregator owes it). */
    public Euros net(KilowattHours credited, KilowattHours shortfall, EurosPerKwh price) {
        return payment(credited, price).minus(penalty(shortfall, price));
    }

    /**
     * The highest net an order of {@code ordered} kWh at {@code price} can ever settle at: every
     * ordered kWh credited, no penalty.
     */
    public Euros maxNet(KilowattHours ordered, EurosPerKwh price) {
        return payment(ordered, price);
    }

    /**
     * The lowest net an order of {@code ordered} kWh at {@code price} can ever settle at: nothing
     * credited, the whole volume penalised.
     */
    public Euros minNet(KilowattHours ordered, EurosPerKwh price) {
        return Euros.ZERO.minus(penalty(ordered, price));
    }

    /** The energy of an average power {@code kw} over {@code slotLength}, rounded half-even once to 6 decimals. */
    public static KilowattHours energy(BigDecimal kw, Duration slotLength) {
        return new KilowattHours(kw.multiply(BigDecimal.valueOf(slotLength.toSeconds()))
                .divide(SECONDS_PER_HOUR, KilowattHours.SCALE, RoundingMode.HALF_EVEN));
    }

    private static Map<Integer, MeterReading> readingsBySlot(
            FlexOffer offer, List<MeterReading> readings, Violations v) {
        Map<Integer, MeterReading> bySlot = new TreeMap<>();
        for (int i = 0; i < readings.size(); i++) {
            String at = "readings[" + i + "]";
            MeterReading r = readings.get(i);
            if (!v.present(r, at)) {
                continue;
            }
            // Readings are the delivering home's, on the delivery day.
            v.check(r.assetId().equals(offer.assetId()), at + ".assetId", "must be " + offer.assetId());
            v.check(
                    r.day().equals(offer.period().day()),
                    at + ".day",
                    "must be " + offer.period().day());
            // Only ordered slots are settled.
            if (!v.check(
                    offer.kwBySlot().containsKey(r.slot()), at + ".slot", "slot " + r.slot() + " is not ordered")) {
                continue;
            }
            // One reading per slot: a second would let the settler pick the better one.
            v.check(
                    bySlot.putIfAbsent(r.slot(), r) == null,
                    at + ".slot",
                    "slot " + r.slot() + " has a reading already");
        }
        for (Integer slot : offer.kwBySlot().keySet()) {
            // Every ordered slot is metered.
            v.check(bySlot.containsKey(slot), "readings", "no reading for ordered slot " + slot);
        }
        return bySlot;
    }
}
