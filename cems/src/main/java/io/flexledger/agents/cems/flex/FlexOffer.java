package io.flexledger.agents.cems.flex;

import java.util.SortedMap;

/**
 * A block offer in the clearing format's terms (formats/README.md section 2, {@code offers[]}):
 * every listed slot moves together by {@code kwBySlot} times the accepted fraction.
 *
 * @param id unique offer id
 * @param asset the home that delivers it (its home-day id)
 * @param congestionPoint where the flexibility counts (transformer or feeder id)
 * @param direction whether the home's net load goes down or up
 * @param kwBySlot kW of movement per slot (all positive)
 * @param price EUR per kWh of flexibility delivered
 * @param minActivation smallest accepted fraction other than 0, in [0, 1]
 */
public record FlexOffer(
        String id,
        String asset,
        String congestionPoint,
        Direction direction,
        SortedMap<Integer, Double> kwBySlot,
        double price,
        double minActivation) {

    /** Which way the home's net load (import minus export) moves when the offer is activated. */
    public enum Direction {
        /** Less import or more export: relieves a load peak. */
        DOWN,
        /** More import or less export: relieves a PV export peak. */
        UP
    }

    /** Energy of the whole block at full activation, kWh, for slots of {@code hoursPerSlot} hours. */
    public double energyKwh(double hoursPerSlot) {
        double kw = 0;
        for (double v : kwBySlot.values()) {
            kw += v;
        }
        return kw * hoursPerSlot;
    }
}
