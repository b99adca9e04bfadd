package io.flexledger.agents.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.aggregator.AggregatorAgent;
import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.campaign.DayRun;
import io.flexledger.agents.cems.CemsOptimiser;
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
     */
    public record Options(
            Scenario scenario,
            TypicalDay day,
            int homes,
            MarketDay market,
            Double forceRequestKw,
            String runId,
            int threads,
            int posters) {}

    /**
     * An offer this run posted.
     *
     * @param ledgerId its id on the ledger
     * @param msp the aggregator's organisation
     * @param aggregator the aggregator agent that derived it
     * @param offer the clearing offer it was derived as
     * @param body what was posted
     */
    record Posted(String ledgerId, String msp, AggregatorAgent aggregator, Offer offer, ObjectNode body) {}

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
            if (!plan.requests().isEmpty()) {
                Set<String> sold = soldHomes(o);
                out.alreadyOrdered(sold.size());
                posted = deriveOffers(plan, requestIds, aggregators, sold, o, workers);
            }
            out.phase("derive", t4);
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
            List<JsonNode> orders = new ArrayList<>();
            for (JsonNode order : clients.dso().orders(o.market().date())) {
                if (byId.containsKey(order.path("offerId").asText())) {
                    orders.add(order);
                }
            }
            List<JsonNode> requests = new ArrayList<>();
            Set<String> ours = new HashSet<>(requestIds.values());
            for (JsonNode r : clients.dso().requests(o.market().date())) {
                if (ours.contains(r.path("id").asText())) {
                    requests.add(r);
                }
            }
            out.readBack(orders, requests);
            int activated = activate(orders, byId);
            out.phase("read back", t6);
            say(orders.size() + " orders of this run on the ledger; " + activated + " homes run their orders");

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
            for (JsonNode offer : client.offers(o.market().date())) {
                String id = offer.path("id").asText();
                if (msp.equals(offer.path("aggregatorMsp").asText())
                        && "OFFERED".equals(offer.path("state").asText())
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
                    out.add(new Posted(id, msp, a, offer, body));
                }
            }
        }
        return out;
    }

    // the homes with an order on the day already (an earlier run's, or another market's)
    private Set<String> soldHomes(Options o) {
        Set<String> sold = new HashSet<>();
        for (JsonNode order : clients.dso().orders(o.market().date())) {
            sold.add(order.path("assetId").asText());
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
        for (JsonNode order : orders) {
            Posted p = byId.get(order.path("offerId").asText());
            double f = order.path("activation").asDouble();
            try {
                n += p.aggregator()
                        .order(p.offer().congestionPoint(), Map.of(p.offer().id(), f))
                        .size();
            } catch (IllegalStateException e) {
                // a second order of the same home (the rule above prevents it): it keeps its first
                n += 0;
            }
        }
        return n;
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
