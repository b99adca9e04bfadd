package io.flexledger.agents.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * A radial low-voltage network: one transformer, feeders of three-phase main cable running
 * through joints, and homes each connected to one phase of a joint by a single-phase service
 * cable. Immutable; build it with {@link #builder}.
 *
 * <p>Electrical model (see docs/decisions/0004-grid-and-scenarios.md): each phase is solved as
 * its own single-phase radial network (phase conductor impedance on the main cable, the neutral
 * assumed to carry no current there); a service cable carries a home's current out on the phase
 * and back on the neutral, so its loop impedance is twice the conductor's.
 */
public final class LvNetwork {

    /** Number of phases of the main cables. */
    public static final int PHASES = 3;

    /**
     * A joint (pole, link box or service joint) on a feeder's main cable.
     *
     * @param parent index of the upstream joint, or {@code -1} for the substation busbar
     * @param feeder index of the feeder the joint is on
     * @param cable main cable from the parent to this joint
     * @param lengthM length of that cable, m
     */
    public record Joint(int parent, int feeder, CableType cable, double lengthM) {}

    /**
     * A home connected to one phase of a joint.
     *
     * @param id home id, e.g. {@code pontypool-017}
     * @param feeder index of its feeder
     * @param joint index of the joint its service cable starts from
     * @param phase 0, 1 or 2 (L1, L2, L3)
     * @param service service cable type
     * @param serviceLengthM service cable length, m
     */
    public record Home(String id, int feeder, int joint, int phase, CableType service, double serviceLengthM) {}

    private final Transformer transformer;
    private final double nominalPhaseVoltageV;
    private final List<String> feederIds;
    private final List<Joint> joints;
    private final List<Home> homes;

    private LvNetwork(Builder b) {
        this.transformer = b.transformer;
        this.nominalPhaseVoltageV = b.nominalPhaseVoltageV;
        this.feederIds = List.copyOf(b.feederIds);
        this.joints = List.copyOf(b.joints);
        this.homes = List.copyOf(b.homes);
    }

    /** A builder for a network fed by {@code transformer} at {@code nominalPhaseVoltageV} (the 1 pu base). */
    public static Builder builder(Transformer transformer, double nominalPhaseVoltageV) {
        return new Builder(transformer, nominalPhaseVoltageV);
    }

    /** The transformer. */
    public Transformer transformer() {
        return transformer;
    }

    /** The phase-to-neutral voltage that is 1 pu, V. */
    public double nominalPhaseVoltageV() {
        return nominalPhaseVoltageV;
    }

    /** Feeder ids (congestion point ids), by feeder index. */
    public List<String> feederIds() {
        return feederIds;
    }

    /** Joints in topological order (a joint's parent comes before it). */
    public List<Joint> joints() {
        return joints;
    }

    /** Homes, by home index. */
    public List<Home> homes() {
        return homes;
    }

    /** Number of homes. */
    public int homeCount() {
        return homes.size();
    }

    /** Builds a network, checking its topology as it grows. */
    public static final class Builder {
        private final Transformer transformer;
        private final double nominalPhaseVoltageV;
        private final List<String> feederIds = new ArrayList<>();
        private final List<Joint> joints = new ArrayList<>();
        private final List<Home> homes = new ArrayList<>();

        private Builder(Transformer transformer, double nominalPhaseVoltageV) {
            // the network needs a source and a positive voltage base
            if (transformer == null || nominalPhaseVoltageV <= 0) {
                throw new IllegalArgumentException("need a transformer and a positive nominal voltage");
            }
            this.transformer = transformer;
            this.nominalPhaseVoltageV = nominalPhaseVoltageV;
        }

        /** Adds a feeder and returns its index. */
        public int feeder(String id) {
            // feeder ids are congestion point ids: unique
            if (feederIds.contains(id)) {
                throw new IllegalArgumentException("duplicate feeder " + id);
            }
            feederIds.add(id);
            return feederIds.size() - 1;
        }

        /** Adds a joint below {@code parent} ({@code -1}: the busbar) and returns its index. */
        public int joint(int parent, int feeder, CableType cable, double lengthM) {
            // the parent exists already, so joints stay in topological order
            if (parent < -1 || parent >= joints.size()) {
                throw new IllegalArgumentException("joint parent " + parent + " does not exist");
            }
            if (feeder < 0 || feeder >= feederIds.size()) {
                throw new IllegalArgumentException("feeder " + feeder + " does not exist");
            }
            // a joint stays on its parent's feeder
            if (parent >= 0 && joints.get(parent).feeder() != feeder) {
                throw new IllegalArgumentException("joint on feeder " + feeder + " below a joint of another feeder");
            }
            // cables have a positive length
            if (!(lengthM > 0)) {
                throw new IllegalArgumentException("cable length must be > 0");
            }
            joints.add(new Joint(parent, feeder, cable, lengthM));
            return joints.size() - 1;
        }

        /** Adds a home on one phase of {@code joint} and returns its index. */
        public int home(String id, int joint, int phase, CableType service, double serviceLengthM) {
            if (joint < 0 || joint >= joints.size()) {
                throw new IllegalArgumentException("joint " + joint + " does not exist");
            }
            // a home takes one of the three phases
            if (phase < 0 || phase >= PHASES) {
                throw new IllegalArgumentException("phase must be 0, 1 or 2");
            }
            if (!(serviceLengthM > 0)) {
                throw new IllegalArgumentException("service cable length must be > 0");
            }
            homes.add(new Home(id, joints.get(joint).feeder(), joint, phase, service, serviceLengthM));
            return homes.size() - 1;
        }

        /** The network. */
        public LvNetwork build() {
            return new LvNetwork(this);
        }
    }
}
