package io.flexledger.agents.scenario;

import io.flexledger.agents.cems.model.HomeDay;

/**
 * A witness that a home-day is feasible: deferrables at their earliest start, the EV and the
 * interruptibles spread evenly over their windows, the battery idle and PV unused; returns the
 * peak import of that schedule (feasible if it is within {@code maxImportKw}).
 */
final class FeasibleSchedule {

    private FeasibleSchedule() {}

    static double peakImportKw(HomeDay d) {
        double h = d.hoursPerSlot();
        double[] load = d.baseLoadKw().clone();
        for (HomeDay.Deferrable x : d.deferrable()) {
            if (x.earliestStartSlot() + x.length() > x.latestEndSlot()) {
                return Double.POSITIVE_INFINITY;
            }
            for (int k = 0; k < x.length(); k++) {
                load[x.earliestStartSlot() + k] += x.profileKw()[k];
            }
        }
        if (d.ev() != null) {
            int n = d.ev().departureSlot() - d.ev().arrivalSlot();
            double kw = d.ev().energyKwh() / (h * n);
            if (kw > d.ev().maxChargeKw()) {
                return Double.POSITIVE_INFINITY;
            }
            for (int t = d.ev().arrivalSlot(); t < d.ev().departureSlot(); t++) {
                load[t] += kw;
            }
        }
        for (HomeDay.Interruptible x : d.interruptible()) {
            int n = x.latestSlot() - x.earliestSlot();
            double kw = x.energyKwh() / (h * n);
            if (kw > x.maxKw()) {
                return Double.POSITIVE_INFINITY;
            }
            for (int t = x.earliestSlot(); t < x.latestSlot(); t++) {
                load[t] += kw;
            }
        }
        if (d.battery() != null && d.battery().initialSocKwh() < d.battery().minSocKwh()) {
            return Double.POSITIVE_INFINITY;
        }
        double peak = 0;
        for (double v : load) {
            peak = Math.max(peak, v);
        }
        return peak;
    }
}
