package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import io.flexledger.clearing.core.IndexedProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates {@link RepairMove}s: pick an offer that serves a request, ruin it out of its way (drop the
 * accepted offers of its asset that block it and, at random, some accepted offers at its requests),
 * then recreate: the picked offer first, then every offer serving the touched requests in noisy order of
 * cost per kW, each at its exact best level, and a last pass that trims over-coverage.
 */
public class RepairMoveFactory extends RandomOnlyMoveFactory {

    private static final double RUIN_PROBABILITY = 0.35;
    private static final int MAX_RUINED = 8;

    @Override
    public Iterator<RepairMove> createRandomMoveIterator(ScoreDirector<ClearingSolution> scoreDirector, Random random) {
        ClearingSolution solution = scoreDirector.getWorkingSolution();
        IndexedProblem p = solution.getIndexed();
        int[] useful = solution.getFocus() != null ? solution.getFocus() : usefulOffers(p);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return useful.length > 0;
            }

            @Override
            public RepairMove next() {
                return plan(p, solution.getOffers(), useful[random.nextInt(useful.length)], random);
            }
        };
    }

    private static int[] usefulOffers(IndexedProblem p) {
        List<Integer> out = new ArrayList<>();
        for (int o = 0; o < p.offerCount(); o++) {
            for (int r : p.offerRequests(o)) {
                if (r >= 0) {
                    out.add(o);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static RepairMove plan(IndexedProblem p, List<OfferChoice> offers, int seed, Random random) {
        LevelPlanner plan = new LevelPlanner(p, offers);
        Set<Integer> touched = new LinkedHashSet<>();
        Set<Integer> ruined = new LinkedHashSet<>();
        if (!plan.fixed(seed)) {
            for (int c : p.conflicts(seed)) {
                if (plan.level(c) > 0 && !plan.fixed(c)) {
                    ruined.add(c);
                }
            }
        }
        for (int r : p.offerRequests(seed)) {
            if (r >= 0) {
                touched.add(r);
            }
        }
        if (random.nextDouble() < 0.7) {
            for (int r : new ArrayList<>(touched)) {
                for (int o : p.requestOffers(r)) {
                    if (ruined.size() < MAX_RUINED
                            && plan.level(o) > 0
                            && !plan.fixed(o)
                            && random.nextDouble() < RUIN_PROBABILITY) {
                        ruined.add(o);
                    }
                }
            }
        }
        for (int o : ruined) {
            plan.set(o, 0);
            for (int r : p.offerRequests(o)) {
                if (r >= 0) {
                    touched.add(r);
                }
            }
        }
        plan.set(seed, plan.bestLevel(seed));
        Set<Integer> candidates = new LinkedHashSet<>();
        for (int r : touched) {
            for (int o : p.requestOffers(r)) {
                if (o != seed) {
                    candidates.add(o);
                }
            }
        }
        // keyed by the candidates alone: a move's work follows the requests it touches, not the book's size
        List<Integer> order = new ArrayList<>(candidates);
        Map<Integer, Double> key = new HashMap<>(order.size() * 2);
        for (int o : order) {
            key.put(o, costPerKw(p, o) * (1.0 + 0.5 * random.nextDouble()));
        }
        order.sort(Comparator.comparingDouble(key::get));
        for (int o : order) {
            plan.set(o, plan.bestLevel(o));
        }
        for (int o : order) {
            if (plan.level(o) > 0) {
                plan.set(o, plan.bestLevel(o));
            }
        }
        Map<Integer, Integer> changes = plan.changes();
        List<OfferChoice> entities = new ArrayList<>(changes.size());
        int[] levels = new int[changes.size()];
        int i = 0;
        for (Map.Entry<Integer, Integer> e : changes.entrySet()) {
            entities.add(offers.get(e.getKey()));
            levels[i++] = e.getValue();
        }
        return new RepairMove(entities, levels);
    }

    // Cost per kW offered at requests: a static ranking for the recreate order.
    private static double costPerKw(IndexedProblem p, int o) {
        double kw = 0.0;
        int[] req = p.offerRequests(o);
        for (int i = 0; i < req.length; i++) {
            if (req[i] >= 0) {
                kw += p.offer(o).kw()[i];
            }
        }
        return kw <= 0.0 ? Double.MAX_VALUE : p.offerCostEur(o) / kw;
    }
}
