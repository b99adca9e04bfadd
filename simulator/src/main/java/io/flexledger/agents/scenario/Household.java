package io.flexledger.agents.scenario;

import io.flexledger.agents.grid.LvNetwork;
import java.util.SplittableRandom;

/**
 * A home's fixed attributes, drawn once from the seed: behaviour type, consumption level, the
 * sizes of the devices it would own, habits, and its place in each technology's adoption order.
 * Which devices it actually has depends on the scenario ({@link #has}).
 *
 * @param index 0-based home index in the network
 * @param home the home's place in the network (feeder, phase)
 * @param category behaviour type
 * @param consumptionScale multiplier of the category's base load (smaller and larger homes)
 * @param pvKwp rooftop PV size, kWp
 * @param pvShiftH orientation: solar-noon shift of the array, hours (negative: east)
 * @param pvOrientationFactor output relative to a south-facing array
 * @param batteryKwh battery capacity, kWh
 * @param batteryKw battery charge and discharge limit, kW
 * @param evChargerKw home charger power, kW
 * @param evKwhPerKm vehicle consumption, kWh/km
 * @param hotWaterScale multiplier of the category's hot-water energy
 * @param heaterEveningBoost whether the cylinder's habitual timer runs at 16:30 (else 05:30)
 * @param ownsWasher owns a washing machine
 * @param ownsDryer owns a tumble dryer
 * @param ownsDishwasher owns a dishwasher
 * @param adoptionRank per {@link Technology}, the home's position in the adoption order (0 first)
 */
public record Household(
        int index,
        LvNetwork.Home home,
        ProsumerCategory category,
        double consumptionScale,
        double pvKwp,
        double pvShiftH,
        double pvOrientationFactor,
        double batteryKwh,
        double batteryKw,
        double evChargerKw,
        double evKwhPerKm,
        double hotWaterScale,
        boolean heaterEveningBoost,
        boolean ownsWasher,
        boolean ownsDryer,
        boolean ownsDishwasher,
        int[] adoptionRank) {

    /** The technologies whose penetration the scenarios raise. */
    public enum Technology {
        PV,
        EV,
        SMART_APPLIANCES,
        HEATER
    }

    private static final double[] BATTERY_KWH = {5.0, 6.5, 9.5, 13.5};
    private static final double[] BATTERY_KW = {2.5, 3.0, 3.3, 5.0};
    private static final double[] PV_KWP = {2.5, 3.0, 3.5, 4.0, 4.5};

    /** Draws the fixed attributes of home {@code index} (its adoption ranks are given). */
    static Household draw(long seed, int index, LvNetwork.Home home, int[] adoptionRank) {
        SplittableRandom r = Seeds.stream(seed, Seeds.HOUSEHOLD, index);
        ProsumerCategory category = ProsumerCategory.pick(r.nextDouble());
        // consumption level: product of two uniforms gives a skewed spread around 0.92
        double scale = Seeds.uniform(r, 0.75, 1.05) * Seeds.uniform(r, 0.85, 1.2);
        double kwp = PV_KWP[r.nextInt(PV_KWP.length)];
        int orientation = r.nextInt(4); // 0, 1: south; 2: east; 3: west
        double shift = orientation == 2 ? -1.0 : orientation == 3 ? 1.0 : 0.0;
        double orientationFactor = orientation >= 2 ? 0.85 : 1.0;
        int battery = r.nextInt(BATTERY_KWH.length);
        double charger = r.nextDouble() < 0.8 ? 7.0 : 3.6;
        double kwhPerKm = Seeds.uniform(r, 0.15, 0.20);
        double hotWater = Seeds.uniform(r, 0.8, 1.2);
        boolean eveningBoost = r.nextDouble() < 0.5;
        boolean washer = r.nextDouble() < 0.95;
        boolean dryer = r.nextDouble() < category.dryerOwnership();
        boolean dishwasher = r.nextDouble() < category.dishwasherOwnership();
        return new Household(
                index,
                home,
                category,
                scale,
                kwp,
                shift,
                orientationFactor,
                BATTERY_KWH[battery],
                BATTERY_KW[battery],
                charger,
                kwhPerKm,
                hotWater,
                eveningBoost,
                washer,
                dryer,
                dishwasher,
                adoptionRank.clone());
    }

    /** Whether the home owns {@code t} in scenario {@code s} (the first {@code share x homes} adopters do). */
    public boolean has(Technology t, Scenario s, int homes) {
        double share = switch (t) {
            case PV -> s.pvShare();
            case EV -> s.evShare();
            case SMART_APPLIANCES -> s.smartApplianceShare();
            case HEATER -> s.heaterShare();
        };
        return adoptionRank[t.ordinal()] < Scenario.count(share, homes);
    }

    /** Whether the home has a battery in scenario {@code s}: the earliest PV adopters do. */
    public boolean hasBattery(Scenario s, int homes) {
        return adoptionRank[Technology.PV.ordinal()] < Scenario.count(s.batteryShare(), homes);
    }
}
