package io.flexledger.clearing.solver;

import ai.timefold.solver.core.config.heuristic.selector.common.SelectionOrder;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.score.director.ScoreDirectorFactoryConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Builds the Timefold solution from an indexed problem and start fractions, and the solver config. */
public final class SolverModel {

    /** Every level once: 1..FULL then 0, so that each offer's range is a view [minLevel..FULL, 0]. */
    static final List<Integer> LEVELS;

    static {
        List<Integer> all = new ArrayList<>(OfferChoice.FULL + 1);
        for (int l = 1; l <= OfferChoice.FULL; l++) {
            all.add(l);
        }
        all.add(0);
        LEVELS = List.copyOf(all);
    }

    /** The late acceptance list's length of a single search. */
    static final int LATE_ACCEPTANCE = 400;

    private SolverModel() {}

    /**
     * The solver configuration: local search only (the start is complete), ruin-and-recreate and exact
     * set moves in equal share, late acceptance, scored by {@link ClearingIncrementalScore} (the rules of
     * {@link ClearingConstraintProvider}, kept incrementally).
     */
    public static SolverConfig config(SearchLimit limit, boolean daemon) {
        return config(limit, daemon, LATE_ACCEPTANCE);
    }

    /** As {@link #config(SearchLimit, boolean)}, with a late acceptance list of the given length. */
    public static SolverConfig config(SearchLimit limit, boolean daemon, int lateAcceptance) {
        LocalSearchPhaseConfig ls = new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(new UnionMoveSelectorConfig()
                        .withMoveSelectors(
                                new MoveIteratorFactoryConfig()
                                        .withMoveIteratorFactoryClass(RepairMoveFactory.class)
                                        .withSelectionOrder(SelectionOrder.RANDOM)
                                        .withFixedProbabilityWeight(1.0),
                                new MoveIteratorFactoryConfig()
                                        .withMoveIteratorFactoryClass(ExactSetMoveFactory.class)
                                        .withSelectionOrder(SelectionOrder.RANDOM)
                                        .withFixedProbabilityWeight(1.0)))
                .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(lateAcceptance))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
        return new SolverConfig()
                .withSolutionClass(ClearingSolution.class)
                .withEntityClasses(OfferChoice.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withIncrementalScoreCalculatorClass(ClearingIncrementalScore.class))
                .withEnvironmentMode(EnvironmentMode.NO_ASSERT)
                .withRandomSeed(17L)
                .withDaemon(daemon)
                .withTerminationConfig(limit.toConfig())
                .withPhases(ls);
    }

    /** The planning solution for a problem, each offer starting at the level nearest its start fraction. */
    public static ClearingSolution solution(IndexedProblem p, double[] start) {
        List<RequestDemand> requests = new ArrayList<>(p.requestCount());
        boolean[] servable = new boolean[p.requestCount()];
        List<OfferChoice> offers = new ArrayList<>(p.offerCount());
        for (int o = 0; o < p.offerCount(); o++) {
            Offer offer = p.offer(o);
            int[] req = p.offerRequests(o);
            TreeSet<Integer> served = new TreeSet<>();
            for (int r : req) {
                if (r >= 0) {
                    served.add(r);
                    servable[r] = true;
                }
            }
            int[] requestIndex = served.stream().mapToInt(Integer::intValue).toArray();
            long[] kwMicro = new long[requestIndex.length];
            for (int i = 0; i < req.length; i++) {
                if (req[i] >= 0) {
                    kwMicro[java.util.Arrays.binarySearch(requestIndex, req[i])] = Math.round(offer.kw()[i] * 1e6);
                }
            }
            int[] conflicts = p.conflicts(o).clone();
            java.util.Arrays.sort(conflicts);
            int minLevel = minLevel(offer.minActivation());
            Integer startLevel = level(start[o], minLevel);
            offers.add(new OfferChoice(
                    o,
                    p.offerPoint(o),
                    p.offerAsset(o),
                    requestIndex,
                    kwMicro,
                    p.offerCostEur(o) * 1e9,
                    conflicts,
                    LEVELS.subList(minLevel - 1, OfferChoice.FULL + 1),
                    startLevel == 0 ? LEVELS.get(OfferChoice.FULL) : LEVELS.get(startLevel - 1)));
        }
        for (int r = 0; r < p.requestCount(); r++) {
            requests.add(new RequestDemand(
                    r,
                    p.requestPoint(r),
                    Math.round(p.requestKw(r) * 1e6),
                    p.requestWeightEurPerKw(r) * 1e3,
                    servable[r]));
        }
        return new ClearingSolution(p, requests, offers);
    }

    /** The fractions of a solved solution: each level in thousandths, raised to the minimum activation. */
    public static double[] fractions(IndexedProblem p, ClearingSolution solution) {
        double[] f = new double[p.offerCount()];
        for (OfferChoice c : solution.getOffers()) {
            int l = c.getLevel() == null ? 0 : c.getLevel();
            if (l > 0 && !c.isRevoked()) {
                double m = p.offer(c.getIndex()).minActivation();
                f[c.getIndex()] = Math.min(1.0, Math.max(m, l / (double) OfferChoice.FULL));
            }
        }
        return f;
    }

    // The smallest positive level at or above the minimum activation.
    static int minLevel(double minActivation) {
        int l = (int) Math.ceil(minActivation * OfferChoice.FULL - 1e-9);
        return Math.max(1, Math.min(OfferChoice.FULL, l));
    }

    private static Integer level(double fraction, int minLevel) {
        if (fraction <= 0.0) {
            return 0;
        }
        int l = (int) Math.round(fraction * OfferChoice.FULL);
        return Math.max(minLevel, Math.min(OfferChoice.FULL, l));
    }
}
