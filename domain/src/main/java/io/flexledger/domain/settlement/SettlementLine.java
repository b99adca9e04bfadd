package io.flexledger.domain.settlement;

import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violations;

/**
 * The settlement of one ordered slot: what was ordered, the baseline and the metered energy, what
 * that delivered, and how much of the order it covers.
 *
 * @param slot the slot of the market day, from 0
 * @param orderedKwh the energy reduction ordered (activation times offered kW times slot length)
 * @param baselineKwh the baseline's energy in the slot
 * @param meteredKwh the metered net energy in the slot (import positive, export negative)
 * @param deliveredKwh the reduction achieved: {@code max(0, baseline - metered)}
 * @param creditedKwh the part of the order delivered: {@code min(delivered, ordered)}
 * @param shortfallKwh the part of the order not delivered: {@code ordered - credited}
 */
public record SettlementLine(
        int slot,
        KilowattHours orderedKwh,
        KilowattHours baselineKwh,
        KilowattHours meteredKwh,
        KilowattHours deliveredKwh,
        KilowattHours creditedKwh,
        KilowattHours shortfallKwh) {
    public SettlementLine {
        Violations v = new Violations();
        v.check(slot >= 0, "slot", "must be >= 0");
        boolean all = v.present(orderedKwh, "orderedKwh")
                & v.present(baselineKwh, "baselineKwh")
                & v.present(meteredKwh, "meteredKwh")
                & v.present(deliveredKwh, "deliveredKwh")
                & v.present(creditedKwh, "creditedKwh")
                & v.present(shortfallKwh, "shortfallKwh");
        if (all) {
            // An order is for a reduction, never negative.
            v.check(!orderedKwh.isNegative(), "orderedKwh", "must be >= 0");
            // Delivery is the reduction below the baseline, never negative.
            v.check(
                    deliveredKwh.equals(max0(baselineKwh.minus(meteredKwh))),
                    "deliveredKwh",
                    "must be max(0, baselineKwh - meteredKwh)");
            // Only the ordered energy is credited; over-delivery earns nothing more.
            v.check(
                    creditedKwh.equals(deliveredKwh.compareTo(orderedKwh) <= 0 ? deliveredKwh : orderedKwh),
                    "creditedKwh",
                    "must be min(deliveredKwh, orderedKwh)");
            // What was ordered and not credited is the shortfall.
            v.check(
                    shortfallKwh.equals(orderedKwh.minus(creditedKwh)),
                    "shortfallKwh",
                    "must be orderedKwh - creditedKwh");
        }
        v.throwIfAny();
    }

    /** The line of a slot computed from its ordered, baseline and metered energy. */
    public static SettlementLine of(
            int slot, KilowattHours orderedKwh, KilowattHours baselineKwh, KilowattHours meteredKwh) {
        KilowattHours delivered = max0(baselineKwh.minus(meteredKwh));
        KilowattHours credited = delivered.compareTo(orderedKwh) <= 0 ? delivered : orderedKwh;
        return new SettlementLine(
                slot, orderedKwh, baselineKwh, meteredKwh, delivered, credited, orderedKwh.minus(credited));
    }

    private static KilowattHours max0(KilowattHours kwh) {
        return kwh.isNegative() ? KilowattHours.ZERO : kwh;
    }
}
