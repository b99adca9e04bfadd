package io.flexledger.agents.sim;

import io.flexledger.agents.grid.GridState;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PowerFlow;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.ScenarioGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Power flow of a day without any optimisation: each home draws its demand minus its PV (no
 * curtailment, the battery idle), slot by slot.
 */
public final class GridBaseline {

    /** What the homes draw in the baseline. */
    public enum Demand {
        /** Base load plus every device at its habitual time (what the grid sees without CEMS). */
        UNCONTROLLED,
        /** Only the inflexible base load (flexible devices left out entirely). */
        BASE_ONLY
    }

    /**
     * One slot of the baseline.
     *
     * @param slot slot index
     * @param netKw sum of the homes' net demand, kW
     * @param transformerKva apparent power through the transformer, kVA
     * @param transformerPct transformer loading, percent of rating (worst phase)
     * @param feederHeadA highest phase current at each feeder head, A
     * @param feederMaxLoadingPct highest cable loading on each feeder, percent
     * @param minVoltagePu lowest voltage anywhere, pu
     * @param maxVoltagePu highest voltage anywhere, pu
     * @param violations congested points and why (empty: no congestion)
     */
    public record Slot(
            int slot,
            double netKw,
            double transformerKva,
            double transformerPct,
            double[] feederHeadA,
            double[] feederMaxLoadingPct,
            double minVoltagePu,
            double maxVoltagePu,
            List<String> violations) {}

    private GridBaseline() {}

    /** Runs the power flow of every slot for {@code homes} (by home index of {@code network}). */
    public static List<Slot> run(LvNetwork network, List<GeneratedHome> homes, Demand demand) {
        int n = network.homeCount();
        // one home-day per home of the network, in network order
        if (homes.size() != n) {
            throw new IllegalArgumentException("need " + n + " homes, got " + homes.size());
        }
        PowerFlow pf = new PowerFlow(network);
        GridState state = pf.newState();
        double tan = Math.tan(Math.acos(ScenarioGenerator.LOAD_POWER_FACTOR));
        double[] kw = new double[n];
        double[] kvar = new double[n];
        int feeders = network.feederIds().size();
        int slots = homes.get(0).day().slots();
        List<Slot> out = new ArrayList<>(slots);
        for (int t = 0; t < slots; t++) {
            double total = 0;
            for (int h = 0; h < n; h++) {
                GeneratedHome g = homes.get(h);
                double load = demand == Demand.UNCONTROLLED
                        ? g.uncontrolledKw()[t]
                        : g.day().baseLoadKw()[t];
                // demand draws reactive power at the load power factor; PV runs at unity
                kw[h] = load - g.day().pvKw()[t];
                kvar[h] = Math.max(load, 0) * tan;
                total += kw[h];
            }
            pf.solve(kw, kvar, state);
            double[] head = new double[feeders];
            double[] loading = new double[feeders];
            for (int f = 0; f < feeders; f++) {
                head[f] = state.feederHeadCurrentA(f);
                loading[f] = state.feederMaxCableLoadingPct(f);
            }
            out.add(new Slot(
                    t,
                    total,
                    state.transformerKva(),
                    state.transformerLoadingPct(),
                    head,
                    loading,
                    state.minVoltagePu(),
                    state.maxVoltagePu(),
                    state.violations()));
        }
        return out;
    }
}
