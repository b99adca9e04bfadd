package io.flexledger.domain.market;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Checks and copies a block of slots with a power per slot (keys are slot numbers). */
public final class KwBySlot {
    private KwBySlot() {}

    /**
     * Validates a block: non-empty, slots inside the period, no negative kW, some kW above zero.
     * Returns an unmodifiable sorted copy (or null if absent).
     */
    public static SortedMap<Integer, Kilowatts> check(
            Map<Integer, Kilowatts> kwBySlot, MarketPeriod period, String path, Violations v) {
        if (!v.present(kwBySlot, path)) {
            return null;
        }
        // A block names at least one slot.
        v.check(!kwBySlot.isEmpty(), path, "must list at least one slot");
        boolean someFlex = false;
        for (Map.Entry<Integer, Kilowatts> e : new TreeMap<>(kwBySlot).entrySet()) {
            String at = path + "." + e.getKey();
            // Every slot lies inside the day.
            if (period != null) {
                v.check(period.hasSlot(e.getKey()), at, "slot is outside 0.." + (period.slotCount() - 1));
            }
            if (v.present(e.getValue(), at)) {
                // Flexibility is an amount of power, never negative.
                v.check(!e.getValue().isNegative(), at, "must be >= 0");
                someFlex |= e.getValue().value().signum() > 0;
            }
        }
        // A block that moves nothing is not flexibility.
        v.check(kwBySlot.isEmpty() || someFlex, path, "must have some kW above 0");
        return Collections.unmodifiableSortedMap(new TreeMap<>(kwBySlot));
    }
}
