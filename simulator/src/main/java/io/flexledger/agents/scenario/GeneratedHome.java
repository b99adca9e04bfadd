package io.flexledger.agents.scenario;

import io.flexledger.agents.cems.model.HomeDay;

/**
 * One generated home-day: the CEMS problem and what the simulator knows beside it.
 *
 * @param household the home's fixed attributes and its place in the network
 * @param tariff the tariff whose prices the home-day carries
 * @param day the home-day problem (formats section 1)
 * @param uncontrolledKw the home's demand without a CEMS, kW per slot: base load plus every
 *     device at its habitual time (appliances at their earliest start, EV charging at full power on
 *     arrival, the water heater on its timer); PV and battery excluded
 */
public record GeneratedHome(Household household, Tariff tariff, HomeDay day, double[] uncontrolledKw) {

    /** The home-day id, e.g. {@code pontypool-017-s05-d03}. */
    public String id() {
        return day.id();
    }
}
