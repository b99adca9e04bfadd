package io.flexledger.clearing.core;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cost and feasibility of accepted fractions, computed the way the format's checker computes them:
 * delivered kW summed over offers in input order, cost summed over offers then requests.
 */
public final class Evaluation {

    private Evaluation() {}

    /** The unserved kW of each request, {@code max(0, kw - delivered)}. */
    public static double[] unservedKw(ClearingProblem problem, double[] fraction) {
        Map<String, Double> delivered = new HashMap<>();
        List<Offer> offers = problem.offers();
        for (int o = 0; o < offers.size(); o++) {
            double f = fraction[o];
            if (f == 0.0) {
                continue;
            }
            Offer offer = offers.get(o);
            for (int i = 0; i < offer.slots().length; i++) {
                delivered.merge(offer.congestionPoint() + "\u0000" + offer.slots()[i], f * offer.kw()[i], Double::sum);
            }
        }
        List<Request> requests = problem.requests();
        double[] unserved = new double[requests.size()];
        for (int r = 0; r < unserved.length; r++) {
            Request q = requests.get(r);
            double d = delivered.getOrDefault(q.congestionPoint() + "\u0000" + q.slot(), 0.0);
            unserved[r] = Math.max(0.0, q.kw() - d);
        }
        return unserved;
    }

    /** Procurement cost plus unserved penalty, EUR. */
    public static double costEur(ClearingProblem problem, double[] fraction, double[] unservedKw) {
        double h = problem.slotHours();
        double cost = 0.0;
        List<Offer> offers = problem.offers();
        for (int o = 0; o < offers.size(); o++) {
            Offer offer = offers.get(o);
            cost += fraction[o] * offer.priceEurPerKwh() * h * offer.totalKw();
        }
        List<Request> requests = problem.requests();
        for (int r = 0; r < requests.size(); r++) {
            cost += requests.get(r).unservedPenaltyEurPerKwh() * h * unservedKw[r];
        }
        return cost;
    }

    /**
     * The first broken rule of the fractions, or null when they are feasible: each fraction is 0 or in
     * [minActivation, 1], and no asset is sold twice in one slot.
     */
    public static String violation(ClearingProblem problem, double[] fraction) {
        Set<String> used = new HashSet<>();
        List<Offer> offers = problem.offers();
        for (int o = 0; o < offers.size(); o++) {
            double f = fraction[o];
            Offer offer = offers.get(o);
            if (f == 0.0) {
                continue;
            }
            if (!(f >= offer.minActivation() && f <= 1.0)) {
                return "offer " + offer.id() + " fraction " + f + " is not 0 and not in [minActivation, 1]";
            }
            for (int slot : offer.slots()) {
                if (!used.add(offer.asset() + "\u0000" + slot)) {
                    return "asset " + offer.asset() + " sold twice in slot " + slot;
                }
            }
        }
        return null;
    }
}
