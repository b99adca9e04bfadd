package io.flexledger.agents.scenario;

/**
 * Wet appliances with their cycle power profiles in 15-minute slots, kW. The profiles follow the
 * usual shape of each cycle: a heating phase at full element power, then motor and pump phases.
 */
public enum Appliance {
    /** 40-60 °C cotton wash, about 1.2 kWh over 2 h. */
    WASHING_MACHINE("washing-machine", new double[] {2.0, 1.0, 0.2, 0.2, 0.2, 0.6, 0.3, 0.2}),
    /** Vented tumble dryer after a wash, about 2.6 kWh over 1.5 h. */
    TUMBLE_DRYER("tumble-dryer", new double[] {2.4, 2.4, 2.4, 2.2, 1.0, 0.2}),
    /** Eco programme dishwasher, about 1.3 kWh over 1.75 h: heat, wash, heat for rinse, dry. */
    DISHWASHER("dishwasher", new double[] {0.1, 1.9, 1.2, 0.15, 0.15, 1.4, 0.2});

    private final String label;
    private final double[] profileKw;

    Appliance(String label, double[] profileKw) {
        this.label = label;
        this.profileKw = profileKw;
    }

    /** Device name in home-day files. */
    public String label() {
        return label;
    }

    /** A copy of the cycle's power per slot, kW. */
    public double[] profileKw() {
        return profileKw.clone();
    }

    /** Number of slots the cycle lasts. */
    public int slots() {
        return profileKw.length;
    }

    /** Energy of one cycle, kWh. */
    public double energyKwh() {
        double e = 0;
        for (double p : profileKw) {
            e += p * 0.25;
        }
        return e;
    }
}
