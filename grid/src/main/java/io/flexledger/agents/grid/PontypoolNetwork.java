package io.flexledger.agents.grid;

/**
 * The Pontypool-like LV network: one 11/0.4 kV 500 kVA transformer (TX1) and 184 homes on four
 * radial feeders F1..F4. Layout, cables and their values are described in
 * docs/decisions/0004-grid-and-scenarios.md; the network is fixed (no randomness).
 */
public final class PontypoolNetwork {

    /** Number of homes. */
    public static final int HOMES = 184;
    /** Transformer id (congestion point). */
    public static final String TRANSFORMER_ID = "TX1";
    /** UK nominal phase-to-neutral voltage, the 1 pu base. */
    public static final double NOMINAL_PHASE_V = 230.0;
    /** Open-circuit secondary voltage (off-load tap position), pu of 230 V. */
    public static final double SOURCE_VOLTAGE_PU = 1.04;

    /**
     * One feeder's layout.
     *
     * @param id congestion point id
     * @param trunkJoints joints along the main run
     * @param spacingM cable length between consecutive joints, m
     * @param headLengthM cable from the substation to the first joint, m
     * @param lateralJoints joints on a branch (0: none)
     * @param lateralFrom trunk joint (0-based) the branch leaves from
     * @param serviceExtraM added to every service cable (sparser streets)
     */
    record FeederLayout(
            String id,
            int trunkJoints,
            double spacingM,
            double headLengthM,
            int lateralJoints,
            int lateralFrom,
            double serviceExtraM) {}

    /** Two homes per joint (one each side of the street). */
    static final int HOMES_PER_JOINT = 2;

    static final FeederLayout[] LAYOUT = {
        new FeederLayout("F1", 18, 16, 60, 8, 8, 0),
        new FeederLayout("F2", 16, 15, 45, 8, 6, 0),
        new FeederLayout("F3", 23, 14, 80, 0, 0, 0),
        new FeederLayout("F4", 19, 24, 120, 0, 0, 8),
    };

    private PontypoolNetwork() {}

    /** The transformer: 500 kVA, 11/0.4 kV, 4.75% impedance with X/R 4, tapped to 1.04 pu. */
    public static Transformer transformer() {
        return new Transformer(TRANSFORMER_ID, 500, 11, 0.4, 4.75, 4.0, SOURCE_VOLTAGE_PU);
    }

    /** The network. */
    public static LvNetwork create() {
        LvNetwork.Builder b = LvNetwork.builder(transformer(), NOMINAL_PHASE_V);
        int homeNumber = 1;
        for (int fi = 0; fi < LAYOUT.length; fi++) {
            FeederLayout lay = LAYOUT[fi];
            int f = b.feeder(lay.id());
            int[] trunk = new int[lay.trunkJoints()];
            int onFeeder = 0;
            for (int k = 0; k < lay.trunkJoints(); k++) {
                int parent = k == 0 ? -1 : trunk[k - 1];
                double length = k == 0 ? lay.headLengthM() : lay.spacingM();
                trunk[k] = b.joint(parent, f, trunkCable(k, lay.trunkJoints()), length);
                onFeeder = addHomes(b, trunk[k], fi, onFeeder, lay, homeNumber + onFeeder);
            }
            int parent = lay.lateralJoints() > 0 ? trunk[lay.lateralFrom()] : -1;
            for (int k = 0; k < lay.lateralJoints(); k++) {
                // laterals are the smallest main cable
                parent = b.joint(parent, f, CableType.AL_95, lay.spacingM());
                onFeeder = addHomes(b, parent, fi, onFeeder, lay, homeNumber + onFeeder);
            }
            homeNumber += onFeeder;
        }
        LvNetwork net = b.build();
        // the layout table must add up to the 184 homes of the community
        if (net.homeCount() != HOMES) {
            throw new IllegalStateException("layout gives " + net.homeCount() + " homes, expected " + HOMES);
        }
        return net;
    }

    /** Home id for a 1-based home number, e.g. {@code pontypool-017}. */
    public static String homeId(int number) {
        return String.format("pontypool-%03d", number);
    }

    // the cable tapers along the trunk: 300 mm² out of the substation, 185 mm² to mid-feeder, 95 mm² after
    private static CableType trunkCable(int k, int trunkJoints) {
        if (k == 0) {
            return CableType.AL_300;
        }
        return k <= trunkJoints / 2 ? CableType.AL_185 : CableType.AL_95;
    }

    private static int addHomes(LvNetwork.Builder b, int joint, int feeder, int onFeeder, FeederLayout lay, int first) {
        for (int i = 0; i < HOMES_PER_JOINT; i++) {
            int k = onFeeder + i;
            // phases rotate home by home (and feeder by feeder) to balance the transformer
            int phase = (k + feeder) % LvNetwork.PHASES;
            // service lengths 6..18 m, plus the feeder's extra for sparser streets
            double serviceM = 6 + (7 * k) % 13 + lay.serviceExtraM();
            b.home(homeId(first + i), joint, phase, CableType.CU_35_SERVICE, serviceM);
        }
        return onFeeder + HOMES_PER_JOINT;
    }
}
