package io.flexledger.agents.campaign;

import io.flexledger.agents.aggregator.AggregatorAgent;
import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.aggregator.Schedule;
import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.agents.dso.CongestionPoint;
import io.flexledger.agents.dso.DsoAgent;
import io.flexledger.agents.dso.GridDay;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.clearing.community.CommunityLimit;
import io.flexledger.clearing.community.CommunityMarket;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One scenario-day of the campaign, in-process: every home's CEMS optimises its day (UC1); the DSO
 * forecasts the grid on those schedules (the baseline) and, where congestion appears, requests
 * flexibility (UC3); each of the two aggregators first clears its homes' planned flows in its community
 * market and then offers the DSO what its community leaves of its homes' flexibility (UC2); the DSO clears each
 * congested point; the homes run their orders; the power flow is run again ("after flexibility").
 *
 * <p>Order of the markets: the feeders first (only their own homes can relieve them, and what they buy
 * also unloads the transformer), then the transformer on the forecast updated by the feeder orders,
 * with offers from the homes not yet ordered. Up to {@link #MAX_ROUNDS} rounds: the next round
 * looks at the grid with the orders placed so far (an order's rebound can congest other slots) and
 * buys from the homes not yet ordered.
 */
public final class DayRun {

    /**
     * Market rounds per day at most: a round clears every congested point on the forecast that
     * includes the orders of the rounds before it (orders move load, which can congest other slots).
     */
    public static final int MAX_ROUNDS = 3;

    /** Aggregator fee added to the homes' prices, EUR/kWh. */
    public static final double AGGREGATOR_FEE_EUR_PER_KWH = 0.01;

    private final LvNetwork network;
    private final CemsOptimiser optimiser;
    private final DsoAgent.Settings dsoSettings;
    private final FlexibilityDeriver.Settings flexSettings;
    private final boolean community;

    /**
     * The community market's search after its merit-order start: a fixed number of evaluated moves, so
     * that a day's result does not depend on the machine (the start is already optimal when, as in the
     * campaign, the feeders do not bind; decision 0008).
     */
    public static final long COMMUNITY_MOVES = 200;

    /** A runner with the given rules, with the aggregators' community markets. */
    public DayRun(
            LvNetwork network,
            CemsOptimiser optimiser,
            DsoAgent.Settings dsoSettings,
            FlexibilityDeriver.Settings flexSettings) {
        this(network, optimiser, dsoSettings, flexSettings, true);
    }

    /** A runner with the given rules; {@code community} false: the aggregators forward every offer. */
    public DayRun(
            LvNetwork network,
            CemsOptimiser optimiser,
            DsoAgent.Settings dsoSettings,
            FlexibilityDeriver.Settings flexSettings,
            boolean community) {
        this.network = network;
        this.optimiser = optimiser;
        this.dsoSettings = dsoSettings;
        this.flexSettings = flexSettings;
        this.community = community;
    }

    /** A runner with the default rules and the community markets. */
    public static DayRun standard(LvNetwork network) {
        return standard(network, true);
    }

    /** A runner with the default rules, with or without the community markets. */
    public static DayRun standard(LvNetwork network, boolean community) {
        return new DayRun(
                network,
                new CemsOptimiser(),
                DsoAgent.Settings.defaults(),
                FlexibilityDeriver.Settings.defaults(),
                community);
    }

    /**
     * Runs the day.
     *
     * @param homes the generated home-days, by home index
     * @param homePool optimises the homes in parallel on this pool, or null to optimise them here
     */
    public DayOutcome run(Scenario scenario, TypicalDay day, List<GeneratedHome> homes, ExecutorService homePool) {
        int n = homes.size();
        // one home-day per home of the network, in network order
        if (n != network.homeCount()) {
            throw new IllegalArgumentException("need " + network.homeCount() + " homes, got " + n);
        }
        List<CemsAgent> agents = new ArrayList<>(n);
        for (int h = 0; h < n; h++) {
            agents.add(new CemsAgent(homes.get(h), h, optimiser));
        }
        double[] solveMs = optimiseAll(agents, homePool);

        // two aggregators split the homes alternately (phases rotate home by home, so both span the grid)
        List<CemsAgent> a1 = new ArrayList<>();
        List<CemsAgent> a2 = new ArrayList<>();
        for (CemsAgent a : agents) {
            (a.index() % 2 == 0 ? a1 : a2).add(a);
        }
        AggregatorAgent.Community market = community
                ? new AggregatorAgent.Community(
                        new CommunityMarket(CommunityLimit.moves(COMMUNITY_MOVES)),
                        network.feederIds(),
                        h -> network.feederIds().get(network.homes().get(h).feeder()))
                : null;
        List<AggregatorAgent> aggregators = List.of(
                new AggregatorAgent("agr-1", a1, AGGREGATOR_FEE_EUR_PER_KWH, market),
                new AggregatorAgent("agr-2", a2, AGGREGATOR_FEE_EUR_PER_KWH, market));
        String prefix = String.format(Locale.ROOT, "pontypool-%s-%s", scenario.code(), day.code());
        // UC2: each aggregator clears its homes' planned flows before the DSO's markets
        for (AggregatorAgent a : aggregators) {
            a.clearCommunity(prefix + "-" + a.id());
        }

        DsoAgent dso = new DsoAgent(network, dsoSettings);
        GridDay before = forecast(dso, agents, false);
        List<Market> markets = new ArrayList<>();
        List<CongestionPoint> points = dso.points();
        GridDay current = before;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            String roundPrefix = round == 1 ? prefix : prefix + "-r" + round;
            int placed = markets.size();
            // feeders first, on the current forecast
            for (CongestionPoint p : points.subList(1, points.size())) {
                Market m = market(dso, p, current, agents, aggregators, roundPrefix);
                if (m != null) {
                    markets.add(m);
                }
            }
            // then the transformer, on the forecast after the feeder orders
            GridDay mid = markets.size() == placed ? current : forecast(dso, agents, true);
            Market tx = market(dso, points.get(0), mid, agents, aggregators, roundPrefix);
            if (tx != null) {
                markets.add(tx);
            }
            if (markets.size() == placed) {
                break;
            }
            current = forecast(dso, agents, true);
            if (!anyOrder(markets.subList(placed, markets.size()))) {
                // nobody could help this round: another round would see the same grid
                break;
            }
        }
        GridDay after = current;
        GridDay uncontrolled = uncontrolled(dso, homes);
        DayKpis kpis = DayKpis.of(scenario, day, agents, uncontrolled, before, after, markets);
        return new DayOutcome(
                kpis,
                uncontrolled.transformerKvaProfile(),
                before.transformerKvaProfile(),
                after.transformerKvaProfile(),
                solveMs,
                markets,
                community ? CommunityKpis.of(aggregators, markets) : null,
                aggregators);
    }

    private static boolean anyOrder(List<Market> markets) {
        for (Market m : markets) {
            if (!m.orders().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private double[] optimiseAll(List<CemsAgent> agents, ExecutorService pool) {
        double[] millis = new double[agents.size()];
        if (pool == null) {
            for (int h = 0; h < agents.size(); h++) {
                agents.get(h).optimise();
                millis[h] = agents.get(h).solveMs();
            }
            return millis;
        }
        List<Future<Double>> futures = new ArrayList<>();
        for (CemsAgent a : agents) {
            futures.add(pool.submit(() -> {
                a.optimise();
                return a.solveMs();
            }));
        }
        for (int h = 0; h < futures.size(); h++) {
            try {
                millis[h] = futures.get(h).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        return millis;
    }

    private static GridDay forecast(DsoAgent dso, List<CemsAgent> agents, boolean operated) {
        double[][] kw = new double[agents.size()][];
        double[][] load = new double[agents.size()][];
        for (int h = 0; h < agents.size(); h++) {
            Schedule s = operated ? agents.get(h).operated() : agents.get(h).planned();
            double[] net = new double[s.slots()];
            for (int t = 0; t < net.length; t++) {
                net[t] = s.netKw(t);
            }
            kw[h] = net;
            load[h] = s.loadKw();
        }
        return dso.forecast(kw, load);
    }

    private static GridDay uncontrolled(DsoAgent dso, List<GeneratedHome> homes) {
        double[][] kw = new double[homes.size()][];
        double[][] load = new double[homes.size()][];
        for (int h = 0; h < homes.size(); h++) {
            GeneratedHome g = homes.get(h);
            double[] net = new double[g.day().slots()];
            for (int t = 0; t < net.length; t++) {
                // no CEMS: devices at their habitual times, PV uncurtailed, battery idle
                net[t] = g.uncontrolledKw()[t] - g.day().pvKw()[t];
            }
            kw[h] = net;
            load[h] = g.uncontrolledKw();
        }
        return dso.forecast(kw, load);
    }

    // the DSO's market at one point: requests where the forecast is congested, offers, clearing, orders
    private Market market(
            DsoAgent dso,
            CongestionPoint p,
            GridDay forecast,
            List<CemsAgent> agents,
            List<AggregatorAgent> aggregators,
            String prefix) {
        int slots = forecast.slots();
        double[][] kw = new double[agents.size()][];
        double[][] load = new double[agents.size()][];
        for (int h = 0; h < agents.size(); h++) {
            Schedule s = agents.get(h).operated();
            kw[h] = new double[slots];
            for (int t = 0; t < slots; t++) {
                kw[h][t] = s.netKw(t);
            }
            load[h] = s.loadKw();
        }
        List<Request> requests = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        List<Integer> up = new ArrayList<>();
        for (int t = 0; t < slots; t++) {
            double pointKw = 0;
            for (int h = 0; h < agents.size(); h++) {
                pointKw += p.covers(network, h) ? kw[h][t] : 0;
            }
            FlexOffer.Direction d = DsoAgent.need(forecast, p, pointKw, t);
            if (d == null) {
                continue;
            }
            DsoAgent.SizedRequest r = dso.request(p, d, t, kw, load);
            requests.add(r.request());
            (d == FlexOffer.Direction.DOWN ? down : up).add(t);
        }
        if (requests.isEmpty()) {
            return null;
        }
        int[] downSlots = down.stream().mapToInt(Integer::intValue).toArray();
        int[] upSlots = up.stream().mapToInt(Integer::intValue).toArray();
        List<Offer> offers = new ArrayList<>();
        for (AggregatorAgent a : aggregators) {
            offers.addAll(a.offers(p.id(), h -> p.covers(network, h), downSlots, upSlots, flexSettings));
        }
        String id = prefix + "-" + p.id().toLowerCase(Locale.ROOT);
        ClearingProblem problem = DsoAgent.problem(id, agents.get(0).day().slotMinutes(), slots, requests, offers);
        ClearingResult result = dso.clear(problem);
        List<AggregatorAgent.Order> orders = new ArrayList<>();
        for (AggregatorAgent a : aggregators) {
            orders.addAll(a.order(p.id(), result.accepted()));
        }
        return new Market(p, problem, result, orders);
    }

    /**
     * The market of one congestion point on one day.
     *
     * @param point the congestion point
     * @param problem the clearing problem the DSO solved (formats section 2)
     * @param result its clearing result
     * @param orders the orders the homes ran
     */
    public record Market(
            CongestionPoint point,
            ClearingProblem problem,
            ClearingResult result,
            List<AggregatorAgent.Order> orders) {}

    /**
     * What one scenario-day produced.
     *
     * @param kpis the day's KPIs
     * @param kvaUncontrolled transformer kVA per slot without CEMS
     * @param kvaBefore transformer kVA per slot on the baseline
     * @param kvaAfter transformer kVA per slot after flexibility
     * @param solveMs CEMS solve time of each home (wall, model build included), ms
     * @param markets the markets cleared that day (empty: no congestion)
     * @param community the community markets' figures, or null when the day ran without them
     * @param aggregators the aggregators with their community clearings (empty once a campaign dropped them)
     */
    public record DayOutcome(
            DayKpis kpis,
            double[] kvaUncontrolled,
            double[] kvaBefore,
            double[] kvaAfter,
            double[] solveMs,
            List<Market> markets,
            CommunityKpis community,
            List<AggregatorAgent> aggregators) {}
}
