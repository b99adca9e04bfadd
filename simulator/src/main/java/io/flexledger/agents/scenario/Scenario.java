package io.flexledger.agents.scenario;

import java.util.List;

/**
 * One of the 12 penetration scenarios: the share of the 184 homes that own each smart technology.
 * Adoption is nested: a home that has a technology in scenario {@code s} keeps it in every later
 * scenario. Batteries go to the earliest PV adopters, so every battery home also has PV.
 *
 * @param number 1..12
 * @param pvShare homes with rooftop PV
 * @param batteryShare homes with a home battery (a subset of the PV homes)
 * @param evShare homes with an electric vehicle charged at home
 * @param smartApplianceShare homes whose washing machine, dryer and dishwasher the CEMS may shift
 * @param heaterShare homes with an electric hot-water cylinder the CEMS controls (interruptible)
 */
public record Scenario(
        int number,
        double pvShare,
        double batteryShare,
        double evShare,
        double smartApplianceShare,
        double heaterShare) {

    /** The 12 scenarios, from none (1) to high penetration (12). */
    public static final List<Scenario> ALL = List.of(
            new Scenario(1, 0.00, 0.00, 0.00, 0.00, 0.00),
            new Scenario(2, 0.05, 0.00, 0.02, 0.05, 0.02),
            new Scenario(3, 0.10, 0.02, 0.05, 0.10, 0.05),
            new Scenario(4, 0.15, 0.05, 0.08, 0.20, 0.08),
            new Scenario(5, 0.20, 0.08, 0.12, 0.30, 0.10),
            new Scenario(6, 0.30, 0.12, 0.16, 0.40, 0.15),
            new Scenario(7, 0.40, 0.18, 0.20, 0.50, 0.20),
            new Scenario(8, 0.50, 0.25, 0.25, 0.60, 0.25),
            new Scenario(9, 0.60, 0.30, 0.30, 0.70, 0.30),
            new Scenario(10, 0.70, 0.40, 0.40, 0.80, 0.35),
            new Scenario(11, 0.80, 0.50, 0.50, 0.90, 0.40),
            new Scenario(12, 0.90, 0.60, 0.60, 1.00, 0.50));

    /** Validates the shares. */
    public Scenario {
        // shares are fractions and batteries only go to PV homes
        for (double s : new double[] {pvShare, batteryShare, evShare, smartApplianceShare, heaterShare}) {
            if (s < 0 || s > 1) {
                throw new IllegalArgumentException("scenario " + number + ": shares must be in [0, 1]");
            }
        }
        if (batteryShare > pvShare) {
            throw new IllegalArgumentException("scenario " + number + ": batteryShare must be <= pvShare");
        }
    }

    /** Scenario {@code number} (1..12). */
    public static Scenario of(int number) {
        // scenarios are numbered 1..12
        if (number < 1 || number > ALL.size()) {
            throw new IllegalArgumentException("unknown scenario " + number + " (expected 1.." + ALL.size() + ")");
        }
        return ALL.get(number - 1);
    }

    /** Short code used in ids, e.g. {@code s05}. */
    public String code() {
        return String.format("s%02d", number);
    }

    /** How many of {@code homes} homes own a technology with this share (rounded to nearest). */
    static int count(double share, int homes) {
        return (int) StrictMath.round(share * homes);
    }
}
