package io.flexledger.agents.grid;

/**
 * The distribution transformer feeding the LV network, as a per-phase Thevenin source: the
 * open-circuit secondary voltage behind the transformer's short-circuit impedance.
 *
 * @param id congestion point id, e.g. {@code TX1}
 * @param ratedKva three-phase rating
 * @param primaryKv line-to-line primary voltage (for documentation; the 11 kV side is an ideal source)
 * @param secondaryKv nominal line-to-line secondary voltage
 * @param impedancePct short-circuit impedance in percent of the rating's base impedance
 * @param xOverR reactance-to-resistance ratio of that impedance
 * @param sourceVoltagePu open-circuit secondary phase voltage (tap position) in pu of the nominal
 */
public record Transformer(
        String id,
        double ratedKva,
        double primaryKv,
        double secondaryKv,
        double impedancePct,
        double xOverR,
        double sourceVoltagePu) {

    /** Validates the values. */
    public Transformer {
        // rating, voltages and impedance must be physical
        if (ratedKva <= 0 || secondaryKv <= 0 || impedancePct <= 0 || xOverR <= 0 || sourceVoltagePu <= 0) {
            throw new IllegalArgumentException("transformer " + id + ": values must be positive");
        }
    }

    /** Nominal phase-to-neutral voltage of the secondary, V (230.9 V for 0.4 kV). */
    public double phaseVoltageV() {
        return secondaryKv * 1000 / Math.sqrt(3);
    }

    /** Base impedance on the secondary side, ohm ({@code V_LL^2 / S}). */
    public double baseImpedanceOhm() {
        return secondaryKv * secondaryKv * 1000 / ratedKva;
    }

    /** Per-phase resistance referred to the secondary, ohm. */
    public double rOhm() {
        return impedancePct / 100 * baseImpedanceOhm() / Math.sqrt(1 + xOverR * xOverR);
    }

    /** Per-phase reactance referred to the secondary, ohm. */
    public double xOhm() {
        return rOhm() * xOverR;
    }

    /** Rated secondary current per phase, A. */
    public double ratedCurrentA() {
        return ratedKva * 1000 / (Math.sqrt(3) * secondaryKv * 1000);
    }
}
