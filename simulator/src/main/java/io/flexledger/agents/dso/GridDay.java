package io.flexledger.agents.dso;

import io.flexledger.agents.grid.GridState;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PowerFlow;
import io.flexledger.agents.scenario.ScenarioGenerator;

/**
 * The power flow of one day, slot by slot, for given home powers: what the DSO forecasts (on the
 * baseline) or observes (after flexibility). Holds copies of the values it reports.
 */
public final class GridDay {

    private final LvNetwork network;
    private final int slots;
    private final double[] transformerKva;
    private final double[] transformerLoadingPct;
    private final double[] netKw;
    private final boolean[] converged;
    private final boolean[] transformerOverloaded;
    private final boolean[][] feederOverloaded;
    private final boolean[][] feederUndervoltage;
    private final boolean[][] feederOvervoltage;
    private final double[] minVoltagePu;
    private final double[] maxVoltagePu;

    private GridDay(LvNetwork network, int slots) {
        this.network = network;
        this.slots = slots;
        int f = network.feederIds().size();
        transformerKva = new double[slots];
        transformerLoadingPct = new double[slots];
        netKw = new double[slots];
        converged = new boolean[slots];
        transformerOverloaded = new boolean[slots];
        feederOverloaded = new boolean[f][slots];
        feederUndervoltage = new boolean[f][slots];
        feederOvervoltage = new boolean[f][slots];
        minVoltagePu = new double[slots];
        maxVoltagePu = new double[slots];
    }

    /**
     * Runs the power flow of every slot.
     *
     * @param pf the network's power flow
     * @param homeKw net active power per home and slot, kW ({@code [home][slot]})
     * @param homeLoadKw consumption per home and slot, kW; it draws reactive power at the load power
     *     factor, PV and the battery run at unity
     */
    public static GridDay run(PowerFlow pf, double[][] homeKw, double[][] homeLoadKw) {
        LvNetwork net = pf.network();
        int n = net.homeCount();
        int slots = homeKw[0].length;
        GridDay day = new GridDay(net, slots);
        GridState s = pf.newState();
        double[] kw = new double[n];
        double[] kvar = new double[n];
        for (int t = 0; t < slots; t++) {
            double total = 0;
            for (int h = 0; h < n; h++) {
                kw[h] = homeKw[h][t];
                kvar[h] = reactiveKvar(homeLoadKw[h][t]);
                total += kw[h];
            }
            pf.solve(kw, kvar, s);
            day.record(t, s, total);
        }
        return day;
    }

    /** Reactive power of a consumption at the load power factor, kvar. */
    public static double reactiveKvar(double loadKw) {
        return Math.max(loadKw, 0) * Math.tan(Math.acos(ScenarioGenerator.LOAD_POWER_FACTOR));
    }

    private void record(int t, GridState s, double total) {
        netKw[t] = total;
        converged[t] = s.converged();
        transformerKva[t] = s.transformerKva();
        transformerLoadingPct[t] = s.transformerLoadingPct();
        // a flow that did not converge is a voltage collapse: congested everywhere
        transformerOverloaded[t] = !s.converged() || s.transformerOverloaded();
        for (int f = 0; f < feederOverloaded.length; f++) {
            feederOverloaded[f][t] = !s.converged() || s.feederOverloaded(f);
            feederUndervoltage[f][t] = !s.converged() || s.feederMinVoltagePu(f) < GridState.V_MIN_PU;
            feederOvervoltage[f][t] = s.converged() && s.feederMaxVoltagePu(f) > GridState.V_MAX_PU;
        }
        minVoltagePu[t] = s.minVoltagePu();
        maxVoltagePu[t] = s.maxVoltagePu();
    }

    /** The network. */
    public LvNetwork network() {
        return network;
    }

    /** Number of slots. */
    public int slots() {
        return slots;
    }

    /** Apparent power through the transformer in slot {@code t}, kVA. */
    public double transformerKva(int t) {
        return transformerKva[t];
    }

    /** Transformer loading (worst phase current over rating) in slot {@code t}, percent. */
    public double transformerLoadingPct(int t) {
        return transformerLoadingPct[t];
    }

    /** Sum of the homes' net power in slot {@code t}, kW. */
    public double netKw(int t) {
        return netKw[t];
    }

    /** Whether the transformer is over its rating in slot {@code t}. */
    public boolean transformerOverloaded(int t) {
        return transformerOverloaded[t];
    }

    /** Whether a cable of feeder {@code f} is over its rating in slot {@code t}. */
    public boolean feederOverloaded(int f, int t) {
        return feederOverloaded[f][t];
    }

    /** Whether a voltage on feeder {@code f} is below the band in slot {@code t}. */
    public boolean feederUndervoltage(int f, int t) {
        return feederUndervoltage[f][t];
    }

    /** Whether a voltage on feeder {@code f} is above the band in slot {@code t}. */
    public boolean feederOvervoltage(int f, int t) {
        return feederOvervoltage[f][t];
    }

    /** Whether feeder {@code f} is congested (cable or voltage) in slot {@code t}. */
    public boolean feederCongested(int f, int t) {
        return feederOverloaded[f][t] || feederUndervoltage[f][t] || feederOvervoltage[f][t];
    }

    /** Whether any voltage is out of band in slot {@code t}. */
    public boolean voltageViolated(int t) {
        for (int f = 0; f < feederOverloaded.length; f++) {
            if (feederUndervoltage[f][t] || feederOvervoltage[f][t]) {
                return true;
            }
        }
        return false;
    }

    /** Whether anything is congested in slot {@code t}. */
    public boolean congested(int t) {
        if (transformerOverloaded[t]) {
            return true;
        }
        for (int f = 0; f < feederOverloaded.length; f++) {
            if (feederCongested(f, t)) {
                return true;
            }
        }
        return false;
    }

    /** Lowest voltage anywhere in slot {@code t}, pu. */
    public double minVoltagePu(int t) {
        return minVoltagePu[t];
    }

    /** Highest voltage anywhere in slot {@code t}, pu. */
    public double maxVoltagePu(int t) {
        return maxVoltagePu[t];
    }

    /** The highest transformer kVA of the day. */
    public double peakKva() {
        double m = 0;
        for (double v : transformerKva) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Apparent energy through the transformer over the day, kVAh. */
    public double energyKvah(double hoursPerSlot) {
        double e = 0;
        for (double v : transformerKva) {
            e += v * hoursPerSlot;
        }
        return e;
    }

    /** Net active energy through the transformer over the day in each direction: {import, export}, kWh. */
    public double[] activeEnergyKwh(double hoursPerSlot) {
        double in = 0;
        double out = 0;
        for (double v : netKw) {
            if (v > 0) {
                in += v * hoursPerSlot;
            } else {
                out -= v * hoursPerSlot;
            }
        }
        return new double[] {in, out};
    }

    /** The transformer kVA of every slot (a copy). */
    public double[] transformerKvaProfile() {
        return transformerKva.clone();
    }
}
