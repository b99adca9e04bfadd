package io.flexledger.clearing.community;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.heuristic.selector.common.SelectionOrder;
import ai.timefold.solver.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.score.director.ScoreDirectorFactoryConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Clears an aggregator's community market (UC2, decision 0008): a merit-order start per slot within the
 * feeder limits, Timefold local search with balance-keeping moves ({@link MatchMoveFactory}) scored by
 * {@link CommunityConstraintProvider}, then pricing ({@link Pricing}) and the community's position towards
 * the DSO ({@link CommunityPosition}).
 */
public final class CommunityMarket {

    /** The fixed random seed: equal inputs and step limits give equal answers. */
    public static final long RANDOM_SEED = 23L;

    private static final int LATE_ACCEPTANCE = 100;

    private final CommunityLimit limit;

    public CommunityMarket(CommunityLimit limit) {
        this.limit = limit;
    }

    /** Clears the day, prices the matches by the rule and builds the position and DSO offers. */
    public CommunityResult clear(CommunityDay day, PricingRule rule, OfferTerms terms) {
        long started = System.nanoTime();
        Matching matching = match(day);
        PricedMatch priced = Pricing.price(day, matching.matchedKw(), rule);
        CommunityPosition position = CommunityPosition.of(day, matching.matchedKw(), terms);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new CommunityResult(day.id(), matching, priced, position, millis);
    }

    /** The matching alone: the merit-order start improved by the Timefold search. */
    public Matching match(CommunityDay day) {
        return match(day, true);
    }

    /** The matching, from the merit-order start or (to test the search alone) from nothing matched. */
    Matching match(CommunityDay day, boolean meritStart) {
        CommunityIndex p = CommunityIndex.of(day);
        CommunitySolution start = CommunitySolution.unmatched(p);
        if (meritStart) {
            meritOrder(p, start.getOrders());
        }
        CommunitySolution best = start;
        if (p.tradableSlots.length > 0 && (limit.seconds() > 0 || limit.moves() > 0 || limit.unimprovedMillis() > 0)) {
            best = SolverFactory.<CommunitySolution>create(config(limit))
                    .buildSolver()
                    .solve(start);
        }
        return matching(p, best);
    }

    /** The solver configuration: local search over {@link MatchMove}s, late acceptance, fixed seed. */
    static SolverConfig config(CommunityLimit limit) {
        LocalSearchPhaseConfig ls = new LocalSearchPhaseConfig()
                .withMoveSelectorConfig(new MoveIteratorFactoryConfig()
                        .withMoveIteratorFactoryClass(MatchMoveFactory.class)
                        .withSelectionOrder(SelectionOrder.RANDOM))
                .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(LATE_ACCEPTANCE))
                .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
        return new SolverConfig()
                .withSolutionClass(CommunitySolution.class)
                .withEntityClasses(OrderMatch.class)
                .withScoreDirectorFactory(
                        new ScoreDirectorFactoryConfig().withConstraintProviderClass(CommunityConstraintProvider.class))
                .withEnvironmentMode(EnvironmentMode.NO_ASSERT)
                .withRandomSeed(RANDOM_SEED)
                .withTerminationConfig(limit.toConfig())
                .withPhases(ls);
    }

    // Per slot: the highest bids against the cheapest asks while a bid pays at least the ask, each trade
    // as large as both orders and the touched feeders allow.
    static void meritOrder(CommunityIndex p, List<OrderMatch> orders) {
        for (int t : p.tradableSlots) {
            Integer[] buys = sorted(p, p.buysInSlot[t], true);
            Integer[] sells = sorted(p, p.sellsInSlot[t], false);
            for (int b : buys) {
                for (int s : sells) {
                    OrderMatch buy = orders.get(b);
                    OrderMatch sell = orders.get(s);
                    if (p.orderMicroEurPerW[b] <= p.orderMicroEurPerW[s]) {
                        break;
                    }
                    long d = MatchMoveFactory.most(p, orders, t, buy, 1, sell, 1);
                    if (d > 0) {
                        buy.setMatchedW(buy.matched() + (int) d);
                        sell.setMatchedW(sell.matched() + (int) d);
                    }
                }
            }
        }
    }

    private static Integer[] sorted(CommunityIndex p, int[] orders, boolean highestFirst) {
        Integer[] out = Arrays.stream(orders).boxed().toArray(Integer[]::new);
        Comparator<Integer> byPrice = Comparator.comparingDouble(i -> p.orderMicroEurPerW[i]);
        Arrays.sort(out, highestFirst ? byPrice.reversed() : byPrice);
        return out;
    }

    private static Matching matching(CommunityIndex p, CommunitySolution s) {
        CommunityDay day = p.day;
        double[] kw = new double[p.orderCount()];
        double welfare = 0.0;
        long[] netW = new long[day.slots()];
        for (OrderMatch o : s.getOrders()) {
            int i = o.getIndex();
            kw[i] = o.matched() / CommunityIndex.W_PER_KW;
            double eur =
                    kw[i] * day.slotHours() * day.effectivePrice(day.orders().get(i));
            welfare += o.isBuys() ? eur : -eur;
            netW[o.getSlot()] += o.signedW();
        }
        long violation = 0;
        for (long n : netW) {
            violation += Math.abs(n);
        }
        long[][] flow = new long[p.baselineW.length][day.slots()];
        for (OrderMatch o : s.getOrders()) {
            if (o.isFlexible()) {
                flow[o.getFeeder()][o.getSlot()] += o.signedW();
            }
        }
        for (int f = 0; f < flow.length; f++) {
            for (int t = 0; t < day.slots(); t++) {
                FeederSlot fs = new FeederSlot(f, t, p.baselineW[f][t], p.importLimitW[f][t], p.exportLimitW[f][t]);
                violation += fs.importExcessW(flow[f][t]) + fs.exportExcessW(flow[f][t]);
            }
        }
        return new Matching(kw, welfare, violation, String.valueOf(s.getScore()));
    }
}
