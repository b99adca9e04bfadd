package io.flexledger.clearing.community;

/**
 * One prosumer's order for one slot: a bid to buy or an ask to sell up to {@code kw}.
 *
 * <p>A <em>firm</em> order is energy that flows anyway (a CEMS schedule's import demand or export
 * surplus): matched locally it is settled inside the community, unmatched it goes to or comes from the grid
 * at the outside prices. A <em>flexible</em> order is energy that flows only when matched (extra battery
 * discharge, a shiftable load); unmatched it does not happen, and a flexible ask's unmatched kW is
 * flexibility the aggregator can offer to the DSO.
 *
 * @param id unique order id
 * @param home the prosumer's home (the asset id towards the DSO)
 * @param feeder the id of the home's feeder
 * @param slot the slot index
 * @param side buy or sell
 * @param flexible true for flexible, false for firm
 * @param kw the most that can be matched, kW (average over the slot)
 * @param limitPriceEurPerKwh a bid's highest price, an ask's lowest price, EUR/kWh, >= 0
 */
public record CommunityOrder(
        String id,
        String home,
        String feeder,
        int slot,
        Side side,
        boolean flexible,
        double kw,
        double limitPriceEurPerKwh) {

    /** True for a bid to buy. */
    public boolean buys() {
        return side == Side.BUY;
    }
}
