package io.flexledger.agents.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.aggregator.AggregatorAgent;
import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.campaign.DayRun;
import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.agents.dso.CongestionPoint;
import io.flexledger.agents.dso.DsoAgent;
import io.flexledger.agents.dso.GridDay;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.scenario.GeneratedHome;
import io.flexledger.agents.scenario.Scenario;
import io.flexledger.agents.scenario.ScenarioGenerator;
import io.flexledger.agents.scenario.TypicalDay;
import io.flexledger.clearing.model.Offer;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RecordJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * One typical day played on the ledger: the agents as clients of marketplace-api.
 *
 * <p>Phases: the DSO registers its congestion points and each aggregator its homes (201, or 409 when
 * already there); the CEMS agents optimise their home-days; the DSO runs the power flow on the baseline
 * and posts a request per congested point; each aggregator revokes its still-live offers of the day from
 * earlier runs and posts its homes' offers answering the requests; the DSO clears the day through its
 * instance ({@code POST /api/clearing/{day}}) and reads the orders back; the ordered homes run their
 * activated schedules and the power flow is run again. Decision 0009 records the rules.
 */
public final class LiveDay {

    /** Time a clearing may take on the DSO's instance (solver plus one ledger transaction per order). */
    static final Duration CLEARING_WAIT = Duration.ofMinutes(15);

    /** Every live run's ids start with this; an aggregator revokes only such offers of earlier runs. */
    public static final String RUN_PREFIX = "lv-";

    /** A new run id: the prefix and the time in base 36 (unique per run on one machine). */
    public static String newRunId() {
        return RUN_PREFIX + Long.toString(System.currentTimeMillis(), 36);
    }

    /** Time left before gate closure that a run needs. */
    static final Duration LEAD = Duration.ofMinutes(20);

    /**
     * What to play.
     *
     * @param scenario penetration scenario
     * @param day typical day
     * @param homes the first {@code homes} homes of the network take part
     * @param market the real market day the typical day is played on
     * @param forceRequestKw kW to request at the transformer when nothing is congested, or null
     * @param runId prefix of every request and offer id of this run (unique per run)
     * @param threads CEMS and derivation threads
     * @param posters concurrent POSTs per organisation
     * @param community whether each aggregator runs its community market (UC2) on the ledger first
     * @param communityGate how far ahead the community gate closes when the day is opened (plus 0.5 s per
     *     order to post), before the DSO market's gate
     */
    public record Options(
            Scenario scenario,
            TypicalDay day,
            int homes,
            MarketDay market,
            Double forceRequestKw,
            String runId,
            int threads,
            int posters,
            boolean community,
            Duration communityGate) {}

    /**
     * An offer this run posted.
     *
     * @param ledgerId its id on the ledger
     * @param msp the aggregator's organisation
     * @param aggregator the aggregator agent that derived it
     * @param offer the clearing offer it was derived as
     * @param body what was posted
     * @param scale the share of the home's offer it is (below 1 when cut to the community's leftover)
     */
    record Posted(
            String ledgerId, String msp, AggregatorAgent aggregator, Offer offer, ObjectNode body, double scale) {}

    private final LvNetwork network;
    private final ScenarioGenerator generator;
    private final LiveEndpoints.Clients clients;
    private final PrintStream progress;
    private final SecureRandom random = new SecureRandom();

    /** A live day over the given clients; progress lines go to {@code progress}. */
    public LiveDay(ScenarioGenerator generator, LiveEndpoints.Clients clients, PrintStream progress) {
        this.network = generator.network();
        this.generator = generator;
        this.clients = clients;
        this.progress = progress;
    }

    /** Plays the day and returns what happened. */
    public LiveOutcome run(Options o) {
        int n = o.homes();
        // the homes taking part are the first n of the network
        if (n < 1 || n > network.homeCount()) {
            throw new IllegalArgumentException("--homes must be in 1.." + network.homeCount());
        }
        LiveOutcome.Builder out = new LiveOutcome.Builder(o);
        ExecutorService posters = Executors.newFixedThreadPool(o.posters(), daemons("live-post"));
        ExecutorService workers = Executors.newFixedThreadPool(o.threads(), daemons("live-cems"));
        try {
            long t0 = System.nanoTime();
            List<GeneratedHome> homes = new ArrayList<>();
            for (int h = 0; h < n; h++) {
                homes.add(generator.generate(o.scenario(), o.day(), h));
            }
            register(homes, posters, out);
            out.phase("register", t0);

            long t1 = System.nanoTime();
            List<CemsAgent> agents = optimise(homes, workers);
            out.phase("cems", t1);

            long t2 = System.nanoTime();
            DsoAgent dso = new DsoAgent(network, DsoAgent.Settings.defaults());
            int slots = homes.get(0).day().slots();
            DsoRequests.Plan plan = DsoRequests.plan(network, dso, agents, slots, o.forceRequestKw());
            out.plan(plan);
            out.phase("power flow", t2);
            say(describe(plan, o));

            long t3 = System.nanoTime();
            Map<String, String> requestIds = postRequests(plan, o, posters);
            out.requestIds(requestIds);
            out.phase("requests", t3);

            long t4 = System.nanoTime();
            List<AggregatorAgent> aggregators = aggregators(agents);
            List<Posted> posted = new ArrayList<>();
            Set<String> sold = plan.requests().isEmpty() ? Set.of() : soldHomes(o);
            if (!plan.requests().isEmpty()) {
                out.alreadyOrdered(sold.size());
                posted = deriveOffers(plan, requestIds, aggregators, sold, o, workers);
            }
            out.phase("derive", t4);
            List<CommunityRun> communities = List.of();
            if (o.community()) {
                long tc = System.nanoTime();
                communities = community(aggregators, plan, sold, posters, o);
                out.communities(communities.stream().map(CommunityRun::result).toList());
                posted = leftoverOnly(posted, communities, o);
                out.phase("community", tc);
            }
            long t4b = System.nanoTime();
            if (!plan.requests().isEmpty()) {
                revokeStale(o, posters, out);
                postOffers(posted, o, posters);
            }
            out.posted(posted);
            out.phase("offers", t4b);

            if (plan.requests().isEmpty()) {
                say("no request posted: nothing to clear");
                return out.build(plan.baseline(), plan.baseline());
            }
            long t5 = System.nanoTime();
            say("clearing " + o.market().date() + " on the DSO's instance");
            MarketplaceClient.Answer cleared =
                    clients.dso().clear(o.market().date(), o.runId() + ":clearing", CLEARING_WAIT);
            out.clearing(cleared.body());
            out.phase("clearing", t5);

            long t6 = System.nanoTime();
            Map<String, Posted> byId = new HashMap<>();
            posted.forEach(p -> byId.put(p.ledgerId(), p));
            Map<String, CommunityRun> leftoverOf = new HashMap<>();
            for (CommunityRun c : communities) {
                c.result().cleared().leftoverOffers().forEach(id -> leftoverOf.put(id, c));
            }
            List<JsonNode> orders = new ArrayList<>();
            List<JsonNode> leftoverOrders = new ArrayList<>();
            for (JsonNode order : clients.dso().orders(o.market().date())) {
                String offerId = RecordJson.storedOrder(order).order().offerId();
                if (byId.containsKey(offerId)) {
                    orders.add(order);
                } else if (leftoverOf.containsKey(offerId)) {
                    leftoverOrders.add(order);
                }
            }
            List<JsonNode> requests = new ArrayList<>();
            Set<String> ours = new HashSet<>(requestIds.values());
            for (JsonNode r : clients.dso().requests(o.market().date())) {
                if (ours.contains(RecordJson.request(r).id())) {
                    requests.add(r);
                }
            }
            List<JsonNode> all = new ArrayList<>(orders);
            all.addAll(leftoverOrders);
            out.readBack(all, requests);
            int activated = activate(orders, byId) + activateLeftover(leftoverOrders, leftoverOf);
            out.phase("read back", t6);
            say(orders.size() + " orders of this run's offers and " + leftoverOrders.size()
                    + " of the communities' leftover offers on the ledger; " + activated + " homes run their orders");

            double[][] kw = DsoRequests.netKw(network, agents, true, slots);
            double[][] load = DsoRequests.loadKw(network, agents, true, slots);
            GridDay after = dso.forecast(kw, load);
            return out.build(plan.baseline(), after);
        } finally {
            posters.shutdownNow();
            workers.shutdownNow();
        }
    }

    private void register(List<GeneratedHome> homes, ExecutorService pool, LiveOutcome.Builder out) {
        int created = 0;
        int existing = 0;
        // the transformer first: the feeders name it as their parent
        for (CongestionPoint p : new DsoAgent(network, DsoAgent.Settings.defaults()).points()) {
            if (createOrFind(clients.dso()::createCongestionPoint, LedgerJson.congestionPoint(network, p))) {
                created++;
            } else {
                existing++;
            }
        }
        out.points(created, existing);
        say("congestion points: " + created + " registered, " + existing + " already there");
        AtomicInteger newHomes = new AtomicInteger();
        AtomicInteger oldHomes = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (GeneratedHome g : homes) {
            LvNetwork.Home home = g.household().home();
            MarketplaceClient client = aggregatorClient(g.household().index());
            ObjectNode body = LedgerJson.asset(network, home, g.day().maxImportKw(), salt());
            jobs.add(() -> {
                (createOrFind(client::createAsset, body) ? newHomes : oldHomes).incrementAndGet();
                return null;
            });
        }
        runAll(pool, jobs, "registering homes");
        out.homes(newHomes.get(), oldHomes.get());
        say("homes: " + newHomes.get() + " registered, " + oldHomes.get() + " already there");
    }

    // true: created now; false: it was there (409 ..._EXISTS)
    private static boolean createOrFind(Function<JsonNode, MarketplaceClient.Answer> create, ObjectNode body) {
        try {
            create.apply(body);
            return true;
        } catch (ApiProblemException e) {
            if (e.alreadyExists()) {
                return false;
            }
            throw e;
        }
    }

    private List<CemsAgent> optimise(List<GeneratedHome> homes, ExecutorService pool) {
        CemsOptimiser optimiser = new CemsOptimiser();
        List<CemsAgent> agents = new ArrayList<>();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int h = 0; h < homes.size(); h++) {
            CemsAgent a = new CemsAgent(homes.get(h), homes.get(h).household().index(), optimiser);
            agents.add(a);
            jobs.add(() -> {
                a.optimise();
                return null;
            });
        }
        runAll(pool, jobs, "optimising home-days");
        say(agents.size() + " home-days optimised");
        return agents;
    }

    private Map<String, String> postRequests(DsoRequests.Plan plan, Options o, ExecutorService pool) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (DsoRequests.PointRequest r : plan.requests()) {
            String id = o.runId() + "-req-" + r.point().id();
            ids.put(r.point().id(), id);
            ObjectNode body = LedgerJson.request(
                    id,
                    r.point().id(),
                    o.market(),
                    r.kwBySlot(),
                    DsoAgent.Settings.defaults().unservedPenaltyEurPerKwh());
            jobs.add(() -> {
                clients.dso().createRequest(body, o.runId() + ":" + id, Duration.ofMinutes(2));
                return null;
            });
        }
        runAll(pool, jobs, "posting requests");
        if (!ids.isEmpty()) {
            say(ids.size() + " requests posted: " + String.join(", ", ids.values()));
        }
        return ids;
    }

    private List<AggregatorAgent> aggregators(List<CemsAgent> agents) {
        List<CemsAgent> a1 = new ArrayList<>();
        List<CemsAgent> a2 = new ArrayList<>();
        for (CemsAgent a : agents) {
            // agr-1 the even homes, agr-2 the odd ones, as in the campaign
            (a.index() % 2 == 0 ? a1 : a2).add(a);
        }
        return List.of(
                new AggregatorAgent("agr-1", a1, DayRun.AGGREGATOR_FEE_EUR_PER_KWH),
                new AggregatorAgent("agr-2", a2, DayRun.AGGREGATOR_FEE_EUR_PER_KWH));
    }

    // an aggregator replaces its offers: its still-live offers of the day from earlier live runs are revoked
    private void revokeStale(Options o, ExecutorService pool, LiveOutcome.Builder out) {
        List<Callable<Void>> jobs = new ArrayList<>();
        for (MarketplaceClient client : List.of(clients.aggregator1(), clients.aggregator2())) {
            String msp = client == clients.aggregator1() ? "Aggregator1MSP" : "Aggregator2MSP";
            for (JsonNode record : client.offers(o.market().date())) {
                io.flexledger.domain.market.FlexOffer offer = RecordJson.offer(record);
                String id = offer.id();
                if (msp.equals(offer.aggregatorMsp())
                        && offer.state() == FlexOfferState.OFFERED
                        && id.startsWith(RUN_PREFIX)
                        && !id.startsWith(o.runId() + "-")) {
                    ObjectNode reason = MarketplaceClient.object();
                    reason.put("reason", "replaced by live run " + o.runId());
                    jobs.add(() -> {
                        client.revokeOffer(id, reason, o.runId() + ":revoke:" + id, Duration.ofMinutes(2));
                        return null;
                    });
                }
            }
        }
        runAll(pool, jobs, "revoking earlier offers");
        out.revoked(jobs.size());
        if (!jobs.isEmpty()) {
            say(jobs.size() + " live offers of earlier runs revoked");
        }
    }

    private List<Posted> deriveOffers(
            DsoRequests.Plan plan,
            Map<String, String> requestIds,
            List<AggregatorAgent> aggregators,
            Set<String> sold,
            Options o,
            ExecutorService workers) {
        FlexibilityDeriver.Settings settings = FlexibilityDeriver.Settings.defaults();
        Map<String, DsoRequests.PointRequest> byPoint = new LinkedHashMap<>();
        plan.requests().forEach(r -> byPoint.put(r.point().id(), r));
        // the two aggregators derive side by side (each agent's homes one after another)
        List<Future<List<Posted>>> derived = new ArrayList<>();
        for (AggregatorAgent a : aggregators) {
            String msp = a.id().equals("agr-1") ? "Aggregator1MSP" : "Aggregator2MSP";
            derived.add(workers.submit(() -> derive(a, msp, byPoint, requestIds, sold, settings, o)));
        }
        List<Posted> all = new ArrayList<>();
        for (Future<List<Posted>> f : derived) {
            all.addAll(await(f, "deriving offers"));
        }
        say(all.size() + " offers derived");
        return all;
    }

    private void postOffers(List<Posted> all, Options o, ExecutorService pool) {
        AtomicInteger done = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (Posted p : all) {
            MarketplaceClient client = p.msp().equals("Aggregator1MSP") ? clients.aggregator1() : clients.aggregator2();
            jobs.add(() -> {
                client.createOffer(p.body(), o.runId() + ":" + p.ledgerId(), Duration.ofMinutes(2));
                int k = done.incrementAndGet();
                if (k % 100 == 0) {
                    say("offers posted " + k + "/" + all.size());
                }
                return null;
            });
        }
        runAll(pool, jobs, "posting offers");
        say(all.size() + " offers posted");
    }

    private List<Posted> derive(
            AggregatorAgent a,
            String msp,
            Map<String, DsoRequests.PointRequest> byPoint,
            Map<String, String> requestIds,
            Set<String> sold,
            FlexibilityDeriver.Settings settings,
            Options o) {
        Map<String, CemsAgent> byDay = new HashMap<>();
        a.homes().forEach(h -> byDay.put(h.day().id(), h));
        List<Posted> out = new ArrayList<>();
        for (DsoRequests.PointRequest r : byPoint.values()) {
            CongestionPoint p = r.point();
            int[] down =
                    r.kwBySlot().keySet().stream().mapToInt(Integer::intValue).toArray();
            // a home ordered earlier that day has left its baseline: it offers nothing more (decision 0006)
            IntPredicate under = h -> p.covers(network, h)
                    && sharesSlots(p, h, byPoint)
                    && !sold.contains(network.homes().get(h).id());
            for (Offer offer : a.offers(p.id(), under, down, new int[0], settings)) {
                CemsAgent home = byDay.get(offer.asset());
                String assetId = home.home().household().home().id();
                String suffix = offer.id().substring(home.day().id().length());
                String id = o.runId() + "-" + p.id() + "-" + assetId.replace("pontypool-", "h") + suffix;
                ObjectNode body = LedgerJson.offer(id, assetId, requestIds.get(p.id()), o.market(), offer);
                if (LedgerJson.movesSomething(body)) {
                    out.add(new Posted(id, msp, a, offer, body, 1.0));
                }
            }
        }
        return out;
    }

    // the homes with an order on the day already (an earlier run's, or another market's)
    private Set<String> soldHomes(Options o) {
        Set<String> sold = new HashSet<>();
        for (JsonNode order : clients.dso().orders(o.market().date())) {
            sold.add(RecordJson.storedOrder(order).assetId());
        }
        if (!sold.isEmpty()) {
            say(sold.size() + " homes already have an order on " + o.market().date() + ": they offer nothing more");
        }
        return sold;
    }

    /**
     * Whether home {@code h} may offer at {@code p}: all of a home's offers must share a slot, so that
     * the clearing's "one sale per asset and slot" accepts at most one of them (one order per home and
     * day, decision 0006). A home whose feeder asks in slots disjoint from the transformer's offers at
     * its feeder only.
     */
    private boolean sharesSlots(CongestionPoint p, int h, Map<String, DsoRequests.PointRequest> byPoint) {
        if (!p.isTransformer()) {
            return true;
        }
        DsoRequests.PointRequest feeder =
                byPoint.get(network.feederIds().get(network.homes().get(h).feeder()));
        DsoRequests.PointRequest tx = byPoint.get(p.id());
        if (feeder == null) {
            return true;
        }
        for (Integer t : feeder.kwBySlot().keySet()) {
            if (tx.kwBySlot().containsKey(t)) {
                return true;
            }
        }
        return false;
    }

    // the ordered homes run their activated schedules; returns how many did
    private static int activate(List<JsonNode> orders, Map<String, Posted> byId) {
        int n = 0;
        for (JsonNode record : orders) {
            FlexOrder order = RecordJson.storedOrder(record).order();
            Posted p = byId.get(order.offerId());
            double f = order.activation().doubleValue();
            try {
                n += p.aggregator()
                        .order(p.offer().congestionPoint(), Map.of(p.offer().id(), f * p.scale()))
                        .size();
            } catch (IllegalStateException e) {
                // a second order of the same home (the rule above prevents it): it keeps its first
                n += 0;
            }
        }
        return n;
    }

    /**
     * One aggregator's community day.
     *
     * @param aggregator the aggregator agent
     * @param msp its organisation
     * @param book the members' orders
     * @param down its members' downward flexibility, by congestion point
     * @param result what the ledger recorded
     */
    record CommunityRun(
            AggregatorAgent aggregator,
            String msp,
            CommunityOrders book,
            Map<String, List<Flexibility>> down,
            LiveCommunity.Result result) {}

    // UC2: each aggregator's community day on the ledger, the two side by side (their gates overlap)
    private List<CommunityRun> community(
            List<AggregatorAgent> aggregators,
            DsoRequests.Plan plan,
            Set<String> sold,
            ExecutorService posters,
            Options o) {
        ExecutorService days = Executors.newFixedThreadPool(aggregators.size(), daemons("live-community"));
        try {
            List<Future<CommunityRun>> runs = new ArrayList<>();
            for (AggregatorAgent a : aggregators) {
                if (!a.homes().isEmpty()) {
                    runs.add(days.submit(() -> communityDay(a, plan, sold, posters, o)));
                }
            }
            List<CommunityRun> out = new ArrayList<>();
            for (Future<CommunityRun> f : runs) {
                out.add(await(f, "community market"));
            }
            return out;
        } finally {
            days.shutdownNow();
        }
    }

    private CommunityRun communityDay(
            AggregatorAgent a, DsoRequests.Plan plan, Set<String> sold, ExecutorService posters, Options o) {
        String msp = msp(a);
        MarketplaceClient operator = msp.equals("Aggregator1MSP") ? clients.aggregator1() : clients.aggregator2();
        LiveCommunity live = new LiveCommunity(
                CommunityApi.http(msp, clients.members(), operator),
                java.time.Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()),
                progress,
                posters,
                LiveCommunity.Settings.of(o.communityGate()));
        List<String> homeIds = new ArrayList<>();
        Map<String, CemsAgent> byAsset = new LinkedHashMap<>();
        for (CemsAgent h : a.homes()) {
            String asset = h.home().household().home().id();
            homeIds.add(asset);
            byAsset.put(asset, h);
        }
        LiveCommunity.Enrolment enrolment = live.enrol(homeIds, o.runId());
        List<CemsAgent> members = new ArrayList<>();
        enrolment.active().forEach(id -> members.add(byAsset.get(id)));
        Map<String, List<Flexibility>> down = membersDown(members, plan, sold);
        List<Flexibility> allDown = new ArrayList<>();
        down.values().forEach(allDown::addAll);
        Map<String, String> assetOfDay = new HashMap<>();
        a.homes()
                .forEach(h ->
                        assetOfDay.put(h.day().id(), h.home().household().home().id()));
        CommunityOrders book = members.isEmpty()
                ? null
                : CommunityOrders.build(
                        o.runId(),
                        o.market(),
                        a.id(),
                        members,
                        allDown,
                        DayRun.AGGREGATOR_FEE_EUR_PER_KWH,
                        network,
                        assetOfDay::get);
        LiveCommunity.Result result = book == null
                ? LiveCommunity.Result.none(msp, homeIds.size(), enrolment, "no home is the community agent's member")
                : live.trade(homeIds.size(), enrolment, book, o.market(), o.runId());
        return new CommunityRun(a, msp, book, down, result);
    }

    // the members' downward flexibility at each requested point, as the aggregator derived its offers
    private Map<String, List<Flexibility>> membersDown(
            List<CemsAgent> members, DsoRequests.Plan plan, Set<String> sold) {
        Map<String, List<Flexibility>> out = new LinkedHashMap<>();
        Map<String, DsoRequests.PointRequest> byPoint = new LinkedHashMap<>();
        plan.requests().forEach(r -> byPoint.put(r.point().id(), r));
        FlexibilityDeriver.Settings settings = FlexibilityDeriver.Settings.defaults();
        for (DsoRequests.PointRequest r : plan.requests()) {
            CongestionPoint p = r.point();
            int[] slots =
                    r.kwBySlot().keySet().stream().mapToInt(Integer::intValue).toArray();
            List<Flexibility> list = new ArrayList<>();
            for (CemsAgent h : members) {
                int i = h.index();
                if (p.covers(network, i)
                        && sharesSlots(p, i, byPoint)
                        && !sold.contains(network.homes().get(i).id())) {
                    list.addAll(h.offers(settings, p.id(), FlexOffer.Direction.DOWN, slots));
                }
            }
            out.put(p.id(), list);
        }
        return out;
    }

    /**
     * The aggregators' own offers once their communities have cleared: a member home's flexibility at its
     * own feeder is offered by the operator's instance (the community's leftover, {@code cm-...}), so the
     * aggregator posts none there; at another point (TX1) it offers the share of each offer the leftover
     * still holds ({@link AggregatorAgent#shares}, as the campaign does) and nothing that lists a slot the
     * community sold (the ledger holds it against DSO orders). Other homes' offers are unchanged.
     */
    static List<Posted> leftoverOnly(
            List<Posted> posted, List<CommunityRun> communities, LvNetwork network, Options o) {
        Map<String, CommunityRun> byMsp = new HashMap<>();
        communities.forEach(c -> byMsp.put(c.msp(), c));
        List<Posted> out = new ArrayList<>();
        Map<String, Map<String, Double>> shares = new HashMap<>();
        for (Posted p : posted) {
            CommunityRun c = byMsp.get(p.msp());
            String asset = p.body().path("assetId").asText();
            if (c == null || !c.result().enrolment().active().contains(asset)) {
                out.add(p);
                continue;
            }
            String feeder = feederOf(network, asset);
            if (p.offer().congestionPoint().equals(feeder)) {
                continue;
            }
            boolean locked = false;
            for (int t : p.offer().slots()) {
                locked |= c.result().cleared().locked().contains(asset + "|" + t);
            }
            if (locked) {
                continue;
            }
            String point = p.offer().congestionPoint();
            double share = shares.computeIfAbsent(c.msp() + "/" + point, k -> shares(c, point))
                    .getOrDefault(p.offer().id(), 1.0);
            if (!(share > 0.0)) {
                continue;
            }
            if (share >= 1.0) {
                out.add(p);
                continue;
            }
            Offer cut = p.offer().scaled(share);
            ObjectNode body = LedgerJson.offer(
                    p.ledgerId(), asset, p.body().path("requestId").asText(), o.market(), cut);
            if (LedgerJson.movesSomething(body)) {
                out.add(new Posted(p.ledgerId(), p.msp(), p.aggregator(), p.offer(), body, share));
            }
        }
        return out;
    }

    private List<Posted> leftoverOnly(List<Posted> posted, List<CommunityRun> communities, Options o) {
        List<Posted> out = leftoverOnly(posted, communities, network, o);
        if (out.size() != posted.size()) {
            say((posted.size() - out.size()) + " offers of community members left out or cut to the leftover: "
                    + out.size() + " offers to post");
        }
        return out;
    }

    // per offer at a point, the share of it the community's leftover still holds
    private static Map<String, Double> shares(CommunityRun c, String point) {
        List<Flexibility> down = c.down().getOrDefault(point, List.of());
        if (c.book() == null || down.isEmpty()) {
            return Map.of();
        }
        // leftover kW per home-day and slot: each flexible SELL's kW less what the community matched of it
        Map<String, Map<Integer, Double>> leftover = new HashMap<>();
        for (Map.Entry<String, CommunityOrders.Source> e : c.book().sources().entrySet()) {
            CommunityOrders.Source s = e.getValue();
            if (s.flexibility() == null) {
                continue;
            }
            double matched = c.result().cleared().matchedKw().getOrDefault(e.getKey(), 0.0);
            leftover.computeIfAbsent(s.flexibility().offer().asset(), k -> new HashMap<>())
                    .merge(s.slot(), Math.max(0.0, s.kw() - matched), Double::sum);
        }
        if (c.result().posted().firmOrders() + c.result().posted().flexibleOrders() == 0) {
            // this run posted no orders (the day's gate had closed): nothing of it went through the community
            return Map.of();
        }
        return AggregatorAgent.shares(down, leftover);
    }

    private static String feederOf(LvNetwork network, String assetId) {
        for (LvNetwork.Home h : network.homes()) {
            if (h.id().equals(assetId)) {
                return network.feederIds().get(h.feeder());
            }
        }
        return null;
    }

    /**
     * The homes ordered on the communities' leftover offers run them: the home's downward offer whose
     * kW the community's flexible SELL asked in the order's first slot, at the ordered share of that kW
     * (at most all of it); returns how many did.
     */
    private static int activateLeftover(List<JsonNode> orders, Map<String, CommunityRun> leftoverOf) {
        int n = 0;
        for (JsonNode record : orders) {
            MarketRecords.StoredOrder order = RecordJson.storedOrder(record);
            CommunityRun c = leftoverOf.get(order.order().offerId());
            if (c.book() == null) {
                continue;
            }
            String asset = order.assetId();
            for (var e : order.kwBySlot().entrySet()) {
                int t = e.getKey();
                double kw = e.getValue().value().doubleValue();
                CommunityOrders.Source s = c.book().sources().values().stream()
                        .filter(x -> x.assetId().equals(asset) && x.slot() == t && x.flexibility() != null)
                        .findFirst()
                        .orElse(null);
                if (s == null || !(kw > 0)) {
                    continue;
                }
                double f = Math.min(1.0, kw / s.kw());
                try {
                    n += c.aggregator()
                            .order(
                                    s.flexibility().offer().congestionPoint(),
                                    Map.of(s.flexibility().offer().id(), f))
                            .size();
                } catch (IllegalStateException ex) {
                    // the home runs an order already: it keeps its first
                    n += 0;
                }
                break;
            }
        }
        return n;
    }

    private static String msp(AggregatorAgent a) {
        return a.id().equals("agr-1") ? "Aggregator1MSP" : "Aggregator2MSP";
    }

    private MarketplaceClient aggregatorClient(int homeIndex) {
        return homeIndex % 2 == 0 ? clients.aggregator1() : clients.aggregator2();
    }

    private String salt() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String describe(DsoRequests.Plan plan, Options o) {
        StringBuilder b = new StringBuilder();
        b.append("power flow of ")
                .append(o.homes())
                .append(" homes: ")
                .append(plan.congestedSlots())
                .append(" congested slots");
        if (plan.upwardSlots() > 0) {
            b.append(", ").append(plan.upwardSlots()).append(" point-slots needing more load (not requestable)");
        }
        for (DsoRequests.PointRequest r : plan.requests()) {
            b.append("; ")
                    .append(r.point().id())
                    .append(r.forced() ? " (forced)" : "")
                    .append(String.format(
                            java.util.Locale.ROOT,
                            " %d slots %.1f kWh",
                            r.kwBySlot().size(),
                            r.energyKwh(0.25)));
        }
        return b.toString();
    }

    private void say(String line) {
        progress.println("live: " + line);
        progress.flush();
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> jobs, String what) {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> j : jobs) {
            futures.add(pool.submit(j));
        }
        for (Future<Void> f : futures) {
            await(f, what);
        }
    }

    private static <T> T await(Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger k = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + k.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
