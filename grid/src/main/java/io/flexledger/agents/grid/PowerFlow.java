package io.flexledger.agents.grid;

import java.util.List;

/**
 * Per-slot power flow of an {@link LvNetwork}: one {@link RadialSweep} per phase, each holding the
 * source, the busbar, every joint and the homes on that phase. Preallocates everything, so a solve
 * allocates nothing. Not thread-safe: one instance per thread.
 */
public final class PowerFlow {

    /** Stop when no node voltage moves more than this between sweeps, V. */
    public static final double TOLERANCE_V = 1e-6;
    /** Sweeps before declaring voltage collapse. */
    public static final int MAX_ITERATIONS = 100;

    private static final int SOURCE = 0;
    private static final int BUSBAR = 1;
    private static final int FIRST_JOINT = 2;

    private final LvNetwork network;
    private final int joints;
    private final RadialSweep[] sweeps = new RadialSweep[LvNetwork.PHASES];
    private final double[][] loadW = new double[LvNetwork.PHASES][];
    private final double[][] loadVar = new double[LvNetwork.PHASES][];
    private final int[] homeNode;
    private final int[] homePhase;
    private final int[] homeFeeder;
    private final double[] homeServiceRatingA;
    private final int[] jointFeeder;
    private final double[] jointRatingA;
    private final boolean[] jointIsHead;

    /** A power flow for {@code network}. */
    public PowerFlow(LvNetwork network) {
        this.network = network;
        List<LvNetwork.Joint> js = network.joints();
        List<LvNetwork.Home> hs = network.homes();
        joints = js.size();
        homeNode = new int[hs.size()];
        homePhase = new int[hs.size()];
        homeFeeder = new int[hs.size()];
        homeServiceRatingA = new double[hs.size()];
        jointFeeder = new int[joints];
        jointRatingA = new double[joints];
        jointIsHead = new boolean[joints];
        for (int j = 0; j < joints; j++) {
            jointFeeder[j] = js.get(j).feeder();
            jointRatingA[j] = js.get(j).cable().ratingA();
            jointIsHead[j] = js.get(j).parent() < 0;
        }
        Transformer tx = network.transformer();
        for (int p = 0; p < LvNetwork.PHASES; p++) {
            int onPhase = 0;
            for (LvNetwork.Home h : hs) {
                if (h.phase() == p) {
                    onPhase++;
                }
            }
            int n = FIRST_JOINT + joints + onPhase;
            int[] parent = new int[n];
            double[] r = new double[n];
            double[] x = new double[n];
            parent[SOURCE] = -1;
            // the transformer's short-circuit impedance sits between the source and the busbar
            parent[BUSBAR] = SOURCE;
            r[BUSBAR] = tx.rOhm();
            x[BUSBAR] = tx.xOhm();
            for (int j = 0; j < joints; j++) {
                LvNetwork.Joint joint = js.get(j);
                int node = FIRST_JOINT + j;
                parent[node] = joint.parent() < 0 ? BUSBAR : FIRST_JOINT + joint.parent();
                // main cable: the phase conductor only (neutral current neglected)
                r[node] = joint.cable().rOhmPerKm() * joint.lengthM() / 1000;
                x[node] = joint.cable().xOhmPerKm() * joint.lengthM() / 1000;
            }
            int node = FIRST_JOINT + joints;
            for (int h = 0; h < hs.size(); h++) {
                LvNetwork.Home home = hs.get(h);
                if (home.phase() != p) {
                    continue;
                }
                homeNode[h] = node;
                parent[node] = FIRST_JOINT + home.joint();
                // service cable: out on the phase, back on the neutral, so twice the conductor
                r[node] = 2 * home.service().rOhmPerKm() * home.serviceLengthM() / 1000;
                x[node] = 2 * home.service().xOhmPerKm() * home.serviceLengthM() / 1000;
                node++;
            }
            sweeps[p] = new RadialSweep(parent, r, x);
            loadW[p] = new double[n];
            loadVar[p] = new double[n];
        }
        for (int h = 0; h < hs.size(); h++) {
            homePhase[h] = hs.get(h).phase();
            homeFeeder[h] = hs.get(h).feeder();
            homeServiceRatingA[h] = hs.get(h).service().ratingA();
        }
    }

    /** The network. */
    public LvNetwork network() {
        return network;
    }

    /** A state to pass to {@link #solve} (allocate once, reuse every slot). */
    public GridState newState() {
        return new GridState(network);
    }

    /**
     * Solves one slot.
     *
     * @param homeKw each home's net active power drawn from the grid, kW (negative: export)
     * @param homeKvar each home's reactive power drawn, kvar
     * @param out filled with the result
     */
    public void solve(double[] homeKw, double[] homeKvar, GridState out) {
        int homes = homeNode.length;
        // one value per home
        if (homeKw.length != homes || homeKvar.length != homes) {
            throw new IllegalArgumentException(
                    "need " + homes + " home powers, got " + homeKw.length + " and " + homeKvar.length);
        }
        for (int h = 0; h < homes; h++) {
            int p = homePhase[h];
            loadW[p][homeNode[h]] = 1000 * homeKw[h];
            loadVar[p][homeNode[h]] = 1000 * homeKvar[h];
        }
        Transformer tx = network.transformer();
        double vBase = network.nominalPhaseVoltageV();
        double sourceV = tx.sourceVoltagePu() * vBase;
        out.converged = true;
        out.iterations = 0;
        out.transformerKva = 0;
        out.transformerCurrentA = 0;
        int feeders = out.feederHeadCurrentA.length;
        for (int f = 0; f < feeders; f++) {
            out.feederHeadCurrentA[f] = 0;
            out.feederHeadRatingA[f] = 0;
            out.feederMaxCableLoadingPct[f] = 0;
            out.feederMinVoltagePu[f] = Double.POSITIVE_INFINITY;
            out.feederMaxVoltagePu[f] = Double.NEGATIVE_INFINITY;
        }
        for (int p = 0; p < LvNetwork.PHASES; p++) {
            RadialSweep s = sweeps[p];
            int it = s.solve(sourceV, loadW[p], loadVar[p], TOLERANCE_V, MAX_ITERATIONS);
            if (it < 0) {
                out.converged = false;
                continue;
            }
            out.iterations = Math.max(out.iterations, it);
            double busV = s.voltageV(BUSBAR);
            double txI = s.branchCurrentA(BUSBAR);
            out.busbarVoltagePu[p] = busV / vBase;
            out.transformerKva += busV * txI / 1000;
            out.transformerCurrentA = Math.max(out.transformerCurrentA, txI);
            for (int j = 0; j < joints; j++) {
                int node = FIRST_JOINT + j;
                int f = jointFeeder[j];
                double v = s.voltageV(node) / vBase;
                double i = s.branchCurrentA(node);
                out.jointVoltagePu[p * joints + j] = v;
                out.jointCurrentA[p * joints + j] = i;
                track(out, f, v, 100 * i / jointRatingA[j]);
                if (jointIsHead[j]) {
                    out.feederHeadCurrentA[f] = Math.max(out.feederHeadCurrentA[f], i);
                    out.feederHeadRatingA[f] = jointRatingA[j];
                }
            }
        }
        for (int h = 0; h < homes; h++) {
            RadialSweep s = sweeps[homePhase[h]];
            if (!out.converged) {
                break;
            }
            double v = s.voltageV(homeNode[h]) / vBase;
            double i = s.branchCurrentA(homeNode[h]);
            out.homeVoltagePu[h] = v;
            out.homeServiceCurrentA[h] = i;
            track(out, homeFeeder[h], v, 100 * i / homeServiceRatingA[h]);
        }
    }

    private static void track(GridState out, int f, double vPu, double loadingPct) {
        if (vPu < out.feederMinVoltagePu[f]) {
            out.feederMinVoltagePu[f] = vPu;
        }
        if (vPu > out.feederMaxVoltagePu[f]) {
            out.feederMaxVoltagePu[f] = vPu;
        }
        if (loadingPct > out.feederMaxCableLoadingPct[f]) {
            out.feederMaxCableLoadingPct[f] = loadingPct;
        }
    }
}
