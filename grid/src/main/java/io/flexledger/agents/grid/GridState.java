package io.flexledger.agents.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of an {@link LvNetwork} in one slot, as filled by {@link PowerFlow#solve}: transformer
 * loading, feeder currents, node voltages and the congestion they reveal. Allocated once per
 * network and overwritten by every solve; copy out what you keep.
 *
 * <p>Congestion: the transformer or a cable over its rating, or a voltage outside [{@link
 * #V_MIN_PU}, {@link #V_MAX_PU}].
 */
public final class GridState {

    /** Lowest acceptable voltage, pu (UK statutory 230 V -6%). */
    public static final double V_MIN_PU = 0.94;
    /** Highest acceptable voltage, pu (UK statutory 230 V +10%). */
    public static final double V_MAX_PU = 1.10;

    private final LvNetwork network;
    boolean converged;
    int iterations;
    double transformerKva;
    double transformerCurrentA;
    final double[] busbarVoltagePu = new double[LvNetwork.PHASES];
    final double[] feederHeadCurrentA;
    final double[] feederHeadRatingA;
    final double[] feederMaxCableLoadingPct;
    final double[] feederMinVoltagePu;
    final double[] feederMaxVoltagePu;
    final double[] homeVoltagePu;
    final double[] homeServiceCurrentA;
    final double[] jointVoltagePu;
    final double[] jointCurrentA;

    GridState(LvNetwork network) {
        this.network = network;
        int f = network.feederIds().size();
        int j = network.joints().size();
        feederHeadCurrentA = new double[f];
        feederHeadRatingA = new double[f];
        feederMaxCableLoadingPct = new double[f];
        feederMinVoltagePu = new double[f];
        feederMaxVoltagePu = new double[f];
        homeVoltagePu = new double[network.homeCount()];
        homeServiceCurrentA = new double[network.homeCount()];
        jointVoltagePu = new double[LvNetwork.PHASES * j];
        jointCurrentA = new double[LvNetwork.PHASES * j];
    }

    /** The network this state belongs to. */
    public LvNetwork network() {
        return network;
    }

    /** Whether the power flow converged (false: voltage collapse, every other value is meaningless). */
    public boolean converged() {
        return converged;
    }

    /** Sweeps used by the slowest phase. */
    public int iterations() {
        return iterations;
    }

    /** Apparent power through the transformer, sum over phases, kVA. */
    public double transformerKva() {
        return transformerKva;
    }

    /** Highest phase current of the transformer secondary, A. */
    public double transformerCurrentA() {
        return transformerCurrentA;
    }

    /** Transformer loading: highest phase current in percent of the rated current. */
    public double transformerLoadingPct() {
        return 100 * transformerCurrentA / network.transformer().ratedCurrentA();
    }

    /** Whether the transformer is over its rating. */
    public boolean transformerOverloaded() {
        return transformerCurrentA > network.transformer().ratedCurrentA();
    }

    /** LV busbar voltage of phase {@code p}, pu. */
    public double busbarVoltagePu(int p) {
        return busbarVoltagePu[p];
    }

    /** Highest phase current at the head of feeder {@code f}, A. */
    public double feederHeadCurrentA(int f) {
        return feederHeadCurrentA[f];
    }

    /** Rating of the cable at the head of feeder {@code f}, A. */
    public double feederHeadRatingA(int f) {
        return feederHeadRatingA[f];
    }

    /** Highest loading of any cable (main or service) of feeder {@code f}, percent of its rating. */
    public double feederMaxCableLoadingPct(int f) {
        return feederMaxCableLoadingPct[f];
    }

    /** Lowest voltage of any node (joint phase or home) of feeder {@code f}, pu. */
    public double feederMinVoltagePu(int f) {
        return feederMinVoltagePu[f];
    }

    /** Highest voltage of any node (joint phase or home) of feeder {@code f}, pu. */
    public double feederMaxVoltagePu(int f) {
        return feederMaxVoltagePu[f];
    }

    /** Whether a cable of feeder {@code f} is over its rating. */
    public boolean feederOverloaded(int f) {
        return feederMaxCableLoadingPct[f] > 100;
    }

    /** Whether a voltage on feeder {@code f} is outside the statutory band. */
    public boolean feederVoltageViolated(int f) {
        return feederMinVoltagePu[f] < V_MIN_PU || feederMaxVoltagePu[f] > V_MAX_PU;
    }

    /** Whether feeder {@code f} is congested (a cable overloaded or a voltage out of band). */
    public boolean feederCongested(int f) {
        return feederOverloaded(f) || feederVoltageViolated(f);
    }

    /** Whether anything is congested (transformer or any feeder), or the flow did not converge. */
    public boolean congested() {
        if (!converged || transformerOverloaded()) {
            return true;
        }
        for (int f = 0; f < feederHeadCurrentA.length; f++) {
            if (feederCongested(f)) {
                return true;
            }
        }
        return false;
    }

    /** Voltage at home {@code h}'s meter, pu. */
    public double homeVoltagePu(int h) {
        return homeVoltagePu[h];
    }

    /** Current in home {@code h}'s service cable, A. */
    public double homeServiceCurrentA(int h) {
        return homeServiceCurrentA[h];
    }

    /** Voltage of phase {@code p} at joint {@code j}, pu. */
    public double jointVoltagePu(int j, int p) {
        return jointVoltagePu[p * network.joints().size() + j];
    }

    /** Current of phase {@code p} in the main cable into joint {@code j}, A. */
    public double jointCurrentA(int j, int p) {
        return jointCurrentA[p * network.joints().size() + j];
    }

    /** Lowest voltage anywhere, pu. */
    public double minVoltagePu() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : feederMinVoltagePu) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Highest voltage anywhere, pu. */
    public double maxVoltagePu() {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : feederMaxVoltagePu) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * The congestion points that are congested, with the reason: e.g. {@code TX1 overload 112.3%},
     * {@code F2 undervoltage 0.921 pu}. Allocates; meant for reports.
     */
    public List<String> violations() {
        List<String> out = new ArrayList<>();
        if (!converged) {
            out.add("power flow did not converge (voltage collapse)");
            return out;
        }
        if (transformerOverloaded()) {
            out.add(String.format("%s overload %.1f%%", network.transformer().id(), transformerLoadingPct()));
        }
        for (int f = 0; f < feederHeadCurrentA.length; f++) {
            String id = network.feederIds().get(f);
            if (feederOverloaded(f)) {
                out.add(String.format("%s cable overload %.1f%%", id, feederMaxCableLoadingPct[f]));
            }
            if (feederMinVoltagePu[f] < V_MIN_PU) {
                out.add(String.format("%s undervoltage %.3f pu", id, feederMinVoltagePu[f]));
            }
            if (feederMaxVoltagePu[f] > V_MAX_PU) {
                out.add(String.format("%s overvoltage %.3f pu", id, feederMaxVoltagePu[f]));
            }
        }
        return out;
    }
}
