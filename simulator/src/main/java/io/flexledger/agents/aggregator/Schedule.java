package io.flexledger.agents.aggregator;

import io.flexledger.agents.cems.model.CemsResult;

/**
 * What a home runs over a day, as the grid and the bill see it: import, export, PV used and the
 * home's consumption (loads and battery charging net of discharging), kW per slot. Arrays are not
 * copied: treat them as read-only.
 *
 * @param importKw power drawn from the grid
 * @param exportKw power fed into the grid
 * @param pvUsedKw PV power produced (after curtailment)
 * @param loadKw power consumed by the home's loads (base load and devices), excluding the battery
 * @param billEur the energy bill of this schedule, EUR
 */
public record Schedule(double[] importKw, double[] exportKw, double[] pvUsedKw, double[] loadKw, double billEur) {

    /** The schedule of a CEMS result. */
    public static Schedule of(CemsResult r) {
        int n = r.importKw().length;
        double[] load = new double[n];
        for (int t = 0; t < n; t++) {
            // power balance: loads = import - export + PV used + discharge - charge
            load[t] = r.importKw()[t] - r.exportKw()[t] + r.pvUsedKw()[t] + r.dischargeKw()[t] - r.chargeKw()[t];
        }
        return new Schedule(r.importKw(), r.exportKw(), r.pvUsedKw(), load, r.bill());
    }

    /** Net power drawn from the grid in slot {@code t}, kW (negative: export). */
    public double netKw(int t) {
        return importKw[t] - exportKw[t];
    }

    /** Number of slots. */
    public int slots() {
        return importKw.length;
    }

    /**
     * The mix {@code (1 - f) * this + f * other}: every constraint of a home-day is linear once the
     * deferrable starts agree, so the mix of two such schedules is feasible, and its bill is the mix
     * of the two bills.
     */
    public Schedule mix(Schedule other, double f) {
        int n = slots();
        double[] imp = new double[n];
        double[] exp = new double[n];
        double[] pv = new double[n];
        double[] load = new double[n];
        for (int t = 0; t < n; t++) {
            imp[t] = (1 - f) * importKw[t] + f * other.importKw[t];
            exp[t] = (1 - f) * exportKw[t] + f * other.exportKw[t];
            pv[t] = (1 - f) * pvUsedKw[t] + f * other.pvUsedKw[t];
            load[t] = (1 - f) * loadKw[t] + f * other.loadKw[t];
        }
        return new Schedule(imp, exp, pv, load, (1 - f) * billEur + f * other.billEur);
    }
}
