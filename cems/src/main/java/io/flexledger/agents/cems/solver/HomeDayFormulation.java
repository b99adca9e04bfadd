package io.flexledger.agents.cems.solver;

import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The home-day as a mixed-integer linear program (formats/README.md section 1), and the way back from
 * a solution vector to a {@link CemsResult}.
 *
 * <p>Columns per slot: import, export, PV used (only where PV is available), battery charge, discharge
 * and end-of-slot SoC (only with a battery), EV power (only inside its window), interruptible power
 * (only inside each window); one binary per feasible start slot of each deferrable. Rows: the power
 * balance per slot, the SoC recursion per slot, the EV and interruptible energies, one start per
 * deferrable.
 */
public final class HomeDayFormulation {

    private static final int NONE = -1;

    private final HomeDay day;
    private final LinearModel model = new LinearModel();
    private final int[] importCol;
    private final int[] exportCol;
    private final int[] pvCol;
    private final int[] chargeCol;
    private final int[] dischargeCol;
    private final int[] evCol;
    private final int[][] interruptibleCol;
    /** startCol[d][k]: binary "deferrable d starts at earliestStartSlot + k". */
    private final int[][] startCol;

    /** Builds the program; the day must be well formed (see {@code HomeDayJson}). */
    public HomeDayFormulation(HomeDay day) {
        this.day = day;
        int n = day.slots();
        double h = day.hoursPerSlot();
        importCol = new int[n];
        exportCol = new int[n];
        pvCol = filled(n);
        chargeCol = filled(n);
        dischargeCol = filled(n);
        evCol = filled(n);
        List<HomeDay.Interruptible> ints = day.interruptible();
        interruptibleCol = new int[ints.size()][];
        List<HomeDay.Deferrable> defs = day.deferrable();
        startCol = new int[defs.size()][];
        HomeDay.Battery bat = day.battery();
        HomeDay.Ev ev = day.ev();
        int[] socCol = filled(n);

        for (int t = 0; t < n; t++) {
            // the bill: pay the import price for imports, earn the export price for exports
            importCol[t] = model.addColumn(0, day.maxImportKw(), h * day.importPrice()[t], false);
            exportCol[t] = model.addColumn(0, day.maxExportKw(), -h * day.exportPrice()[t], false);
            // PV may be curtailed: 0 <= pvUsed <= pvKw
            if (day.pvKw()[t] > 0) {
                pvCol[t] = model.addColumn(0, day.pvKw()[t], 0, false);
            }
            if (bat != null) {
                chargeCol[t] = model.addColumn(0, bat.maxChargeKw(), 0, false);
                dischargeCol[t] = model.addColumn(0, bat.maxDischargeKw(), 0, false);
                // minSoc <= soc[t+1] <= capacity, and soc[slots] >= finalSoc
                double socLb = t == n - 1 ? Math.max(bat.minSocKwh(), bat.finalSocKwh()) : bat.minSocKwh();
                socCol[t] = model.addColumn(socLb, bat.capacityKwh(), 0, false);
            }
            // the EV charges only inside [arrivalSlot, departureSlot)
            if (ev != null && t >= ev.arrivalSlot() && t < ev.departureSlot()) {
                evCol[t] = model.addColumn(0, ev.maxChargeKw(), 0, false);
            }
        }
        for (int k = 0; k < ints.size(); k++) {
            HomeDay.Interruptible in = ints.get(k);
            interruptibleCol[k] = filled(n);
            // an interruptible runs at any power in [0, maxKw] inside [earliestSlot, latestSlot)
            for (int t = in.earliestSlot(); t < in.latestSlot(); t++) {
                interruptibleCol[k][t] = model.addColumn(0, in.maxKw(), 0, false);
            }
        }
        for (int d = 0; d < defs.size(); d++) {
            HomeDay.Deferrable df = defs.get(d);
            int starts = Math.max(0, df.latestEndSlot() - df.length() - df.earliestStartSlot() + 1);
            startCol[d] = new int[starts];
            // start s with earliestStartSlot <= s and s + length <= latestEndSlot
            for (int k = 0; k < starts; k++) {
                startCol[d][k] = model.addColumn(0, 1, 0, true);
            }
        }

        for (int t = 0; t < n; t++) {
            // power balance: import - export + pvUsed + discharge - charge - ev - loads = baseLoad
            model.addRow(day.baseLoadKw()[t], day.baseLoadKw()[t]);
            model.term(importCol[t], 1);
            model.term(exportCol[t], -1);
            if (pvCol[t] != NONE) {
                model.term(pvCol[t], 1);
            }
            if (bat != null) {
                model.term(dischargeCol[t], 1);
                model.term(chargeCol[t], -1);
            }
            if (evCol[t] != NONE) {
                model.term(evCol[t], -1);
            }
            for (int[] cols : interruptibleCol) {
                if (cols[t] != NONE) {
                    model.term(cols[t], -1);
                }
            }
            for (int d = 0; d < defs.size(); d++) {
                HomeDay.Deferrable df = defs.get(d);
                // a run started at s draws profileKw[t - s] in slot t
                for (int k = 0; k < startCol[d].length; k++) {
                    int offset = t - (df.earliestStartSlot() + k);
                    if (offset >= 0 && offset < df.length() && df.profileKw()[offset] != 0) {
                        model.term(startCol[d][k], -df.profileKw()[offset]);
                    }
                }
            }
        }
        if (bat != null) {
            for (int t = 0; t < n; t++) {
                // soc[t+1] = soc[t] + h * (chargeEfficiency * charge - discharge / dischargeEfficiency)
                double rhs = t == 0 ? bat.initialSocKwh() : 0;
                model.addRow(rhs, rhs);
                model.term(socCol[t], 1);
                if (t > 0) {
                    model.term(socCol[t - 1], -1);
                }
                model.term(chargeCol[t], -h * bat.chargeEfficiency());
                model.term(dischargeCol[t], h / bat.dischargeEfficiency());
            }
        }
        if (ev != null) {
            // the EV receives exactly energyKwh: h * sum evKw = energyKwh
            model.addRow(ev.energyKwh(), ev.energyKwh());
            for (int t = ev.arrivalSlot(); t < ev.departureSlot(); t++) {
                model.term(evCol[t], h);
            }
        }
        for (int k = 0; k < ints.size(); k++) {
            HomeDay.Interruptible in = ints.get(k);
            // an interruptible receives exactly energyKwh inside its window
            model.addRow(in.energyKwh(), in.energyKwh());
            for (int t = in.earliestSlot(); t < in.latestSlot(); t++) {
                model.term(interruptibleCol[k][t], h);
            }
        }
        for (int d = 0; d < defs.size(); d++) {
            // each deferrable starts exactly once
            model.addRow(1, 1);
            double energy = 0;
            for (double kw : defs.get(d).profileKw()) {
                energy += Math.abs(kw);
            }
            model.addChoiceGroup(startCol[d], energy);
            for (int col : startCol[d]) {
                model.term(col, 1);
            }
        }
    }

    /**
     * Adds a shift column {@code delta >= 0} and, for each given slot, the row
     * {@code import - export <= baselineNetKw - delta} (down) or {@code import - export >= baselineNetKw +
     * delta} (up): the home's net load moves by at least {@code delta} in every slot of the block.
     *
     * @return the index of the delta column
     */
    public int addNetLoadShift(int[] slots, double[] baselineNetKw, boolean down) {
        double big = day.maxImportKw() + day.maxExportKw();
        int delta = model.addColumn(0, big, 0, false);
        for (int t : slots) {
            // down: net load at most baseline - delta; up: at least baseline + delta
            if (down) {
                model.addRow(Double.NEGATIVE_INFINITY, baselineNetKw[t]);
                model.term(delta, 1);
            } else {
                model.addRow(baselineNetKw[t], Double.POSITIVE_INFINITY);
                model.term(delta, -1);
            }
            model.term(importCol[t], 1);
            model.term(exportCol[t], -1);
        }
        return delta;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, NONE);
        return a;
    }

    /** The program; minimise. */
    public LinearModel model() {
        return model;
    }

    /** Number of binary start columns. */
    public int binaries() {
        int b = 0;
        for (int[] s : startCol) {
            b += s.length;
        }
        return b;
    }

    /**
     * Turns a solution vector into a schedule: clamps solver noise into the variable bounds, takes each
     * deferrable's start from its largest binary, recomputes import and export from the power balance,
     * and the bill from the schedule.
     */
    public CemsResult decode(double[] x, long solveMillis) {
        int n = day.slots();
        double[] pv = column(x, pvCol);
        double[] ch = column(x, chargeCol);
        double[] dis = column(x, dischargeCol);
        double[] ev = column(x, evCol);
        double[] load = day.baseLoadKw().clone();
        Map<String, Integer> starts = new LinkedHashMap<>();
        List<HomeDay.Deferrable> defs = day.deferrable();
        for (int d = 0; d < defs.size(); d++) {
            HomeDay.Deferrable df = defs.get(d);
            int best = 0;
            for (int k = 1; k < startCol[d].length; k++) {
                if (x[startCol[d][k]] > x[startCol[d][best]]) {
                    best = k;
                }
            }
            int s = df.earliestStartSlot() + best;
            starts.put(df.name(), s);
            for (int j = 0; j < df.length(); j++) {
                load[s + j] += df.profileKw()[j];
            }
        }
        Map<String, double[]> interruptible = new LinkedHashMap<>();
        List<HomeDay.Interruptible> ints = day.interruptible();
        for (int k = 0; k < ints.size(); k++) {
            double[] p = column(x, interruptibleCol[k]);
            interruptible.put(ints.get(k).name(), p);
            for (int t = 0; t < n; t++) {
                load[t] += p[t];
            }
        }
        double[] imp = new double[n];
        double[] exp = new double[n];
        double h = day.hoursPerSlot();
        double bill = 0;
        for (int t = 0; t < n; t++) {
            // net grid power from the balance, split so that at most one of import and export is positive
            double net = load[t] + ev[t] + ch[t] - dis[t] - pv[t];
            if (net >= 0) {
                imp[t] = net;
            } else {
                exp[t] = -net;
            }
            bill += h * (day.importPrice()[t] * imp[t] - day.exportPrice()[t] * exp[t]);
        }
        return new CemsResult(day.id(), bill, imp, exp, pv, ch, dis, ev, starts, interruptible, solveMillis);
    }

    private double[] column(double[] x, int[] cols) {
        double[] out = new double[cols.length];
        for (int t = 0; t < cols.length; t++) {
            int c = cols[t];
            if (c != NONE) {
                out[t] = Math.min(model.upper(c), Math.max(model.lower(c), x[c]));
            }
        }
        return out;
    }
}
