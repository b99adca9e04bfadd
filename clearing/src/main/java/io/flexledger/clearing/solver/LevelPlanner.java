package io.flexledger.clearing.solver;

import io.flexledger.clearing.core.IndexedProblem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans new levels for some offers on top of the working solution without touching it: tracks the kW
 * delivered at the requests involved, tells whether an offer is blocked by an accepted offer of its
 * asset, and finds an offer's exact best level with all others fixed.
 */
final class LevelPlanner {

    private final IndexedProblem p;
    private final List<OfferChoice> offers;
    private final Map<Integer, Integer> planned = new LinkedHashMap<>();
    private final Map<Integer, Double> delivered = new HashMap<>();

    LevelPlanner(IndexedProblem p, List<OfferChoice> offers) {
        this.p = p;
        this.offers = offers;
    }

    int level(int o) {
        Integer l = planned.get(o);
        if (l != null) {
            return l;
        }
        Integer current = offers.get(o).getLevel();
        return current == null ? 0 : current;
    }

    private double fraction(int o) {
        return level(o) / (double) OfferChoice.FULL;
    }

    private double delivered(int r) {
        Double d = delivered.get(r);
        if (d == null) {
            double sum = 0.0;
            for (int o : p.requestOffers(r)) {
                int l = level(o);
                if (l > 0) {
                    sum += l / (double) OfferChoice.FULL * p.offerKwAt(o, r);
                }
            }
            delivered.put(r, sum);
            return sum;
        }
        return d;
    }

    boolean fixed(int o) {
        return offers.get(o).isRevoked();
    }

    boolean blocked(int o) {
        for (int c : p.conflicts(o)) {
            if (level(c) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Plans a level for one offer and updates the deliveries known so far. */
    void set(int o, int level) {
        int old = level(o);
        if (old == level) {
            return;
        }
        int[] req = p.offerRequests(o);
        double[] kw = p.offer(o).kw();
        for (int i = 0; i < req.length; i++) {
            Double d = req[i] >= 0 ? delivered.get(req[i]) : null;
            if (d != null) {
                delivered.put(req[i], d + (level - old) / (double) OfferChoice.FULL * kw[i]);
            }
        }
        planned.put(o, level);
    }

    // The offer's cost at fraction f plus the penalty at its requests, others fixed.
    private double localCost(int o, double f) {
        double cost = p.offerCostEur(o) * f;
        int[] req = p.offerRequests(o);
        double[] kw = p.offer(o).kw();
        double own = fraction(o);
        for (int i = 0; i < req.length; i++) {
            int r = req[i];
            if (r >= 0) {
                double residual = p.requestKw(r) - (delivered(r) - own * kw[i]);
                cost += p.requestWeightEurPerKw(r) * Math.max(0.0, residual - f * kw[i]);
            }
        }
        return cost;
    }

    /** The best level of an offer with all others fixed: 0 when blocked or revoked. */
    int bestLevel(int o) {
        if (fixed(o) || blocked(o)) {
            return 0;
        }
        int minLevel = SolverModel.minLevel(p.offer(o).minActivation());
        double bestCost = localCost(o, 0.0);
        int best = 0;
        int[] req = p.offerRequests(o);
        double[] kw = p.offer(o).kw();
        double own = fraction(o);
        for (int i = -2; i < req.length; i++) {
            int l;
            if (i == -2) {
                l = minLevel;
            } else if (i == -1) {
                l = OfferChoice.FULL;
            } else {
                int r = req[i];
                if (r < 0 || kw[i] <= 0.0) {
                    continue;
                }
                double f = (p.requestKw(r) - (delivered(r) - own * kw[i])) / kw[i];
                l = (int) Math.ceil(f * OfferChoice.FULL - 1e-9);
                if (l <= minLevel || l >= OfferChoice.FULL) {
                    continue;
                }
            }
            double c = localCost(o, l / (double) OfferChoice.FULL);
            if (c < bestCost - 1e-12) {
                bestCost = c;
                best = l;
            }
        }
        return best;
    }

    /** The planned changes: offer index to new level, only where it differs from the working solution. */
    Map<Integer, Integer> changes() {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : planned.entrySet()) {
            Integer current = offers.get(e.getKey()).getLevel();
            if (current == null || current.intValue() != e.getValue()) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
