package io.flexledger.agents.cems;

import io.flexledger.agents.cems.model.HomeDay;
import java.util.List;

/**
 * Necessary conditions for a home-day to have a schedule, checked before solving so that an
 * impossible day is reported with the constraint that cannot be met rather than as a bare
 * "infeasible" from the solver. Passing them does not prove feasibility; the solver decides.
 */
final class FeasibilityCheck {

    /** Slack against rounding when comparing energies, kWh. */
    private static final double EPS = 1e-9;

    private FeasibilityCheck() {}

    /** Throws {@link InfeasibleProblemException} naming the first constraint that cannot be met. */
    static void require(HomeDay day) {
        double h = day.hoursPerSlot();
        HomeDay.Battery b = day.battery();
        if (b != null) {
            // soc[0] = initialSocKwh must lie in [minSocKwh, capacityKwh]
            if (b.initialSocKwh() < b.minSocKwh()) {
                fail("$.battery.initialSocKwh: " + b.initialSocKwh() + " < minSocKwh " + b.minSocKwh());
            }
            if (b.initialSocKwh() > b.capacityKwh()) {
                fail("$.battery.initialSocKwh: " + b.initialSocKwh() + " > capacityKwh " + b.capacityKwh());
            }
            // the final SoC target cannot exceed the capacity
            if (b.finalSocKwh() > b.capacityKwh()) {
                fail("$.battery.finalSocKwh: " + b.finalSocKwh() + " > capacityKwh " + b.capacityKwh());
            }
            // the final SoC target must be reachable by charging at full power all day
            double reachable = b.initialSocKwh() + day.slots() * h * b.chargeEfficiency() * b.maxChargeKw();
            if (b.finalSocKwh() > reachable + EPS) {
                fail("$.battery.finalSocKwh: " + b.finalSocKwh() + " kWh is unreachable from initialSocKwh "
                        + b.initialSocKwh() + " (at most " + reachable + " kWh)");
            }
        }
        HomeDay.Ev ev = day.ev();
        if (ev != null) {
            // the EV's energy must fit in its window at its maximum power
            double most = (ev.departureSlot() - ev.arrivalSlot()) * h * ev.maxChargeKw();
            if (ev.energyKwh() > most + EPS) {
                fail("$.ev.energyKwh: " + ev.energyKwh() + " kWh cannot be charged in [" + ev.arrivalSlot() + ", "
                        + ev.departureSlot() + ") at " + ev.maxChargeKw() + " kW (at most " + most + " kWh)");
            }
        }
        List<HomeDay.Deferrable> defs = day.deferrable();
        for (int i = 0; i < defs.size(); i++) {
            HomeDay.Deferrable d = defs.get(i);
            // the run must fit between earliestStartSlot and latestEndSlot
            if (d.latestEndSlot() - d.earliestStartSlot() < d.length()) {
                fail("$.deferrable[" + i + "]: window [" + d.earliestStartSlot() + ", " + d.latestEndSlot() + ") of '"
                        + d.name() + "' is shorter than its " + d.length() + "-slot profile");
            }
        }
        List<HomeDay.Interruptible> ints = day.interruptible();
        for (int i = 0; i < ints.size(); i++) {
            HomeDay.Interruptible in = ints.get(i);
            // the energy must fit in the window at maxKw
            double most = (in.latestSlot() - in.earliestSlot()) * h * in.maxKw();
            if (in.energyKwh() > most + EPS) {
                fail("$.interruptible[" + i + "].energyKwh: " + in.energyKwh() + " kWh of '" + in.name()
                        + "' cannot be delivered in [" + in.earliestSlot() + ", " + in.latestSlot() + ") at "
                        + in.maxKw() + " kW (at most " + most + " kWh)");
            }
        }
        double maxDischarge = b == null ? 0 : b.maxDischargeKw();
        for (int t = 0; t < day.slots(); t++) {
            // the base load, less all PV and full battery discharge, must fit under the import limit
            double least = day.baseLoadKw()[t] - day.pvKw()[t] - maxDischarge;
            if (least > day.maxImportKw() + EPS) {
                fail("$.maxImportKw: " + day.maxImportKw() + " kW is too small for slot " + t + " (base load "
                        + day.baseLoadKw()[t] + " kW, at least " + least + " kW must be imported)");
            }
        }
    }

    private static void fail(String message) {
        throw new InfeasibleProblemException(message);
    }
}
