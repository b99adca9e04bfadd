package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.core.SupportLp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates exact set moves: change which offers are accepted (drop one; or accept one, dropping the
 * accepted offers of its asset that share a slot with it and, half of the time, one accepted offer at
 * its requests), then re-solve the fractions of every accepted offer at each touched congestion point
 * exactly (a small LP per point, {@link SupportLp#solvePoint}), and drop offers left useless at their
 * minimum activation. With the right accepted set this reaches the optimum, so the search is over sets.
 * Seeds come mostly from the offers of highest value at the start's prices ({@link
 * ClearingSolution#getOfferValues()}), otherwise from all offers that serve a request.
 */
public class ExactSetMoveFactory extends RandomOnlyMoveFactory {

    /** How often the seed comes from the promising offers (high value at the start's prices). */
    private static final double PROMISING_SHARE = 0.7;

    @Override
    public Iterator<RepairMove> createRandomMoveIterator(ScoreDirector<ClearingSolution> scoreDirector, Random random) {
        ClearingSolution solution = scoreDirector.getWorkingSolution();
        IndexedProblem p = solution.getIndexed();
        PointIndex index = PointIndex.of(p);
        SupportLp lp = new SupportLp(p);
        int[] useful = solution.getFocus() != null ? solution.getFocus() : index.useful();
        int[] promising = solution.getFocus() != null ? useful : promising(useful, solution.getOfferValues());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return useful.length > 0;
            }

            @Override
            public RepairMove next() {
                int[] pool = random.nextDouble() < PROMISING_SHARE ? promising : useful;
                int seed = pool[random.nextInt(pool.length)];
                return plan(p, index, lp, solution.getOffers(), seed, random);
            }
        };
    }

    // The fifth of the useful offers (at least 100) with the highest value at the start's prices.
    private static int[] promising(int[] useful, double[] values) {
        if (values == null || useful.length <= 100) {
            return useful;
        }
        Integer[] sorted = new Integer[useful.length];
        for (int i = 0; i < useful.length; i++) {
            sorted[i] = useful[i];
        }
        Arrays.sort(sorted, (a, b) -> Double.compare(values[b], values[a]));
        int n = Math.max(100, useful.length / 5);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sorted[i];
        }
        return out;
    }

    static RepairMove plan(
            IndexedProblem p, PointIndex index, SupportLp lp, List<OfferChoice> offers, int seed, Random random) {
        LevelPlanner plan = new LevelPlanner(p, offers);
        Set<Integer> points = new LinkedHashSet<>();
        points.add(p.offerPoint(seed));
        if (plan.fixed(seed)) {
            return new RepairMove(List.of(), new int[0]);
        }
        if (plan.level(seed) > 0) {
            plan.set(seed, 0); // drop it
        } else {
            for (int c : p.conflicts(seed)) {
                if (plan.level(c) > 0 && !plan.fixed(c)) {
                    plan.set(c, 0);
                    points.add(p.offerPoint(c));
                }
            }
            if (random.nextBoolean()) {
                List<Integer> rivals = new ArrayList<>();
                for (int r : p.offerRequests(seed)) {
                    if (r >= 0) {
                        for (int o : p.requestOffers(r)) {
                            if (o != seed && plan.level(o) > 0 && !plan.fixed(o)) {
                                rivals.add(o);
                            }
                        }
                    }
                }
                if (!rivals.isEmpty()) {
                    plan.set(rivals.get(random.nextInt(rivals.size())), 0);
                }
            }
            plan.set(seed, OfferChoice.FULL);
        }
        for (int point : points) {
            reoptimise(p, index, lp, plan, point);
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

    // Exact levels for the accepted offers of one point, then drops those no longer worth their minimum.
    private static void reoptimise(IndexedProblem p, PointIndex index, SupportLp lp, LevelPlanner plan, int point) {
        List<Integer> accepted = new ArrayList<>();
        for (int o : index.offersAt(point)) {
            if (plan.level(o) > 0) {
                accepted.add(o);
            }
        }
        int[] set = accepted.stream().mapToInt(Integer::intValue).toArray();
        double[] f = lp.solvePoint(point, set);
        if (f == null) {
            return;
        }
        for (int j = 0; j < set.length; j++) {
            int min = SolverModel.minLevel(p.offer(set[j]).minActivation());
            int level = (int) Math.round(f[j] * OfferChoice.FULL);
            plan.set(set[j], Math.max(min, Math.min(OfferChoice.FULL, level)));
        }
        for (int j = 0; j < set.length; j++) {
            if (plan.level(set[j]) == SolverModel.minLevel(p.offer(set[j]).minActivation())) {
                plan.set(set[j], plan.bestLevel(set[j]));
            }
        }
    }
}
