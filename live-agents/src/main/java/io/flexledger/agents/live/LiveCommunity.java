package io.flexledger.agents.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.CommunityClient;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RecordJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One aggregator's community market day (UC2) played on the ledger through the API (decision 0009, phase
 * "community"): its homes become members, it opens the day with its gate a short time ahead, the members'
 * orders are posted, and once the gate has closed the operator's instance clears the day by itself (its
 * schedule, marketplace-api {@code CommunityClearing}), records the trades and offers the leftover
 * flexibility to the DSO; this run waits for the recorded clearing and reads back the trades, the book,
 * the prices and the leftover offers.
 *
 * <p>Repeat-safe: a home already an ACTIVE member stays one; a day opened before keeps its gate and
 * prices (orders are posted only while its gate is open); a clearing recorded before (in an earlier run)
 * is read, never recorded again, and no leftover offer is posted twice (the instance's clearing finds
 * them).
 */
final class LiveCommunity {

    /** Pauses the caller (the tests' fake does not wait). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * Timing.
     *
     * @param gateLead how far ahead of the day's opening its gate closes, before the orders' allowance
     * @param perOrder the gate's allowance per order to post
     * @param membershipWait how long an approval waits for its proposal to reach the operator's peer
     * @param clearingWait how long to wait for the recorded clearing once the gate has closed
     * @param poll the pause between two reads while waiting
     */
    record Settings(
            Duration gateLead, Duration perOrder, Duration membershipWait, Duration clearingWait, Duration poll) {
        static Settings of(Duration gateLead) {
            return new Settings(
                    gateLead,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(60),
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(2));
        }
    }

    /**
     * The homes' memberships.
     *
     * @param active the homes whose membership is ACTIVE for the community agent
     * @param proposed memberships this run proposed
     * @param approved memberships this run approved
     * @param others homes with another member's membership (not in the live community)
     */
    record Enrolment(Set<String> active, int proposed, int approved, List<String> others) {}

    /**
     * The book this run posted for the day.
     *
     * @param gateClosure the community gate
     * @param openedNow whether this run opened the day (else it was open already)
     * @param firmOrders firm orders this run posted (or found posted)
     * @param flexibleOrders flexible SELLs this run posted (or found posted)
     * @param firmLeftOut firm orders not posted (no counterpart side in their slot)
     * @param refusedOrders orders the ledger refused (e.g. the gate closed first)
     */
    record Posted(
            Instant gateClosure,
            boolean openedNow,
            int firmOrders,
            int flexibleOrders,
            int firmLeftOut,
            int refusedOrders) {
        /** Nothing posted. */
        static final Posted NONE = new Posted(null, false, 0, 0, 0, 0);
    }

    /**
     * The day's clearing as recorded on the ledger.
     *
     * @param recordedNow whether the clearing was recorded during this run: the run opened the day, or
     *     found no clearing at its first look after the gate (else it was on the ledger before)
     * @param bookOrders the day's whole book at the clearing
     * @param trades the recorded trades
     * @param kwhTraded energy bought (= sold) in the community, kWh
     * @param minPrice the lowest trade price, EUR/kWh, or null without trades
     * @param meanPrice the kWh-weighted mean trade price, or null
     * @param maxPrice the highest trade price, or null
     * @param leftoverOffers the operator's offers of the community's leftover to the DSO market ({@code cm-...})
     * @param leftoverKwh their energy, kWh
     * @param locked home slots sold in the community as flexibility ({@code home|slot}): not for the DSO
     * @param matchedKw the kW matched of each of this run's orders that traded, by order id
     */
    record Cleared(
            boolean recordedNow,
            int bookOrders,
            int trades,
            double kwhTraded,
            Double minPrice,
            Double meanPrice,
            Double maxPrice,
            List<String> leftoverOffers,
            double leftoverKwh,
            Set<String> locked,
            Map<String, Double> matchedKw) {
        /** No clearing: no trade, nothing left over. */
        static final Cleared NONE = new Cleared(false, 0, 0, 0, null, null, null, List.of(), 0, Set.of(), Map.of());
    }

    /**
     * What the day did.
     *
     * @param community the operator's MSP id
     * @param homes homes of the aggregator taking part
     * @param enrolment the memberships
     * @param posted the book this run posted
     * @param cleared the day's clearing
     * @param note why something did not happen, or null
     */
    record Result(String community, int homes, Enrolment enrolment, Posted posted, Cleared cleared, String note) {
        /** A community where nothing happened, and why. */
        static Result none(String community, int homes, Enrolment enrolment, String note) {
            return new Result(community, homes, enrolment, Posted.NONE, Cleared.NONE, note);
        }
    }

    private static final double HOURS_PER_SLOT = 0.25;

    private final CommunityApi api;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PrintStream progress;
    private final ExecutorService posters;
    private final Settings settings;

    LiveCommunity(
            CommunityApi api,
            Clock clock,
            Sleeper sleeper,
            PrintStream progress,
            ExecutorService posters,
            Settings settings) {
        this.api = api;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
        this.posters = posters;
        this.settings = settings;
    }

    /**
     * Makes the community agent the member of each home: proposed (unless it is already) and approved by
     * the operator. A home whose membership is another member's stays out.
     */
    Enrolment enrol(List<String> homeIds, String runId) {
        Map<String, String> state = states();
        List<String> others = new ArrayList<>();
        AtomicInteger proposed = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>();
        List<String> toApprove = new ArrayList<>();
        for (String home : homeIds) {
            String s = state.get(home);
            if ("ACTIVE".equals(s)) {
                continue;
            }
            toApprove.add(home);
            if (s == null) {
                jobs.add(() -> {
                    try {
                        api.propose(home, runId + ":membership:" + home);
                        proposed.incrementAndGet();
                    } catch (ApiProblemException e) {
                        // MEMBERSHIP_STATE_INVALID: the home has a membership already, the agent's or another's
                        if (e.status() != 409) {
                            throw e;
                        }
                    }
                    return null;
                });
            }
        }
        runAll(jobs, "proposing memberships");
        AtomicInteger approved = new AtomicInteger();
        Set<String> approvedNow = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Callable<Void>> approvals = new ArrayList<>();
        for (String home : toApprove) {
            approvals.add(() -> {
                if (approve(home, runId)) {
                    approved.incrementAndGet();
                    approvedNow.add(home);
                }
                return null;
            });
        }
        runAll(approvals, "approving memberships");
        // the ledger's word: the homes whose membership is the agent's and ACTIVE (each peer a moment apart)
        Set<String> active = new LinkedHashSet<>();
        Instant until = clock.instant().plus(settings.membershipWait());
        while (true) {
            Map<String, String> now = states();
            state = now;
            active.clear();
            for (String home : homeIds) {
                if ("ACTIVE".equals(now.get(home))) {
                    active.add(home);
                }
            }
            boolean pending = toApprove.stream()
                    .anyMatch(h ->
                            "PROPOSED".equals(now.get(h)) || (approvedNow.contains(h) && !"ACTIVE".equals(now.get(h))));
            if (!pending || !clock.instant().isBefore(until)) {
                break;
            }
            pause();
        }
        for (String home : homeIds) {
            if (!state.containsKey(home)) {
                others.add(home);
            }
        }
        say(api.community() + ": " + active.size() + " of " + homeIds.size() + " homes are members (" + proposed.get()
                + " proposed, " + approved.get() + " approved now"
                + (others.isEmpty() ? "" : ", " + others.size() + " with another member") + ")");
        return new Enrolment(Set.copyOf(active), proposed.get(), approved.get(), List.copyOf(others));
    }

    /**
     * Opens the day, posts the orders, waits for the gate and the recorded clearing and reads back the
     * trades, prices and leftover offers.
     */
    Result trade(int homes, Enrolment enrolment, CommunityOrders book, MarketDay market, String runId) {
        String c = api.community();
        if (enrolment.active().isEmpty()) {
            return empty(homes, enrolment, book, "no home is the community agent's member");
        }
        Instant gate = clock.instant()
                .plus(settings.gateLead())
                .plus(settings.perOrder().multipliedBy(book.orders().size()))
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        if (!gate.isBefore(market.gateClosure())) {
            return empty(homes, enrolment, book, "the community gate would not close before the DSO market's gate");
        }
        boolean openedNow;
        try {
            JsonNode opened = api.openDay(dayBody(market, gate, book), runId + ":community-day:" + c);
            openedNow = true;
            gate = Instant.parse(opened.path("gateClosure").asText(gate.toString()));
        } catch (ApiProblemException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
            openedNow = false;
            gate = Instant.parse(api.day(market.date()).path("gateClosure").asText());
        }
        say(c + ": community day " + market.date() + (openedNow ? " opened" : " open already") + ", gate " + gate);

        int firm = 0;
        int flexible = 0;
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger refusedFlexible = new AtomicInteger();
        List<CommunityClient.Order> posted = new ArrayList<>();
        if (clock.instant().isBefore(gate.minusSeconds(2))) {
            for (CommunityClient.Order o : book.orders()) {
                if (enrolment.active().contains(o.homeId())) {
                    posted.add(o);
                }
            }
            postOrders(posted, runId, refused, refusedFlexible);
            for (CommunityClient.Order o : posted) {
                if (o.flexible()) {
                    flexible++;
                } else {
                    firm++;
                }
            }
            flexible -= refusedFlexible.get();
            firm -= refused.get() - refusedFlexible.get();
        } else {
            say(c + ": the gate " + gate + " has closed: no orders posted by this run");
        }

        awaitGate(c, gate);
        // The operator's instance clears the day by itself once its community gate has closed: the
        // recorded clearing is awaited, never asked for.
        Optional<JsonNode> atGate = api.clearing(market.date());
        JsonNode clearing = atGate.orElseGet(() -> awaitClearing(c, market));
        boolean recordedNow = clearing != null && (openedNow || atGate.isEmpty());
        String note = null;
        Posted thisBook = new Posted(gate, openedNow, firm, flexible, book.firmLeftOut(), refused.get());
        if (clearing == null) {
            return new Result(
                    c,
                    homes,
                    enrolment,
                    thisBook,
                    Cleared.NONE,
                    "no clearing recorded within " + settings.clearingWait().toSeconds()
                            + " s after the community gate (the operator's instance clears it on its schedule)");
        }
        Map<String, CommunityClient.Order> mine = new HashMap<>();
        book.orders().forEach(o -> mine.put(o.id(), o));
        // The whole book as the operator reads it: its size, and which trades sold a home's flexibility.
        List<JsonNode> whole = api.book(market.date());
        Map<String, JsonNode> booked = new HashMap<>();
        whole.forEach(o -> booked.put(o.path("id").asText(), o));
        double kwh = 0;
        double eur = 0;
        double tradedKwh = 0;
        Double min = null;
        Double max = null;
        Set<String> locked = new TreeSet<>();
        Map<String, Double> matched = new HashMap<>();
        int trades = 0;
        for (JsonNode t : clearing.path("trades")) {
            trades++;
            CommunityClient.Order own = mine.get(t.path("orderId").asText());
            String side = t.path("side").asText(own == null ? "" : own.side());
            double e = t.path("kw").asDouble() * HOURS_PER_SLOT;
            double p = t.path("price").asDouble();
            if ("BUY".equals(side)) {
                kwh += e;
            }
            tradedKwh += e;
            eur += e * p;
            min = min == null ? p : Math.min(min, p);
            max = max == null ? p : Math.max(max, p);
            if (own != null) {
                matched.merge(own.id(), t.path("kw").asDouble(), Double::sum);
            }
            // a matched flexible sell holds its home's slot against DSO orders
            JsonNode o = booked.get(t.path("orderId").asText());
            if (o != null
                    && o.path("flexible").asBoolean()
                    && "SELL".equals(o.path("side").asText())
                    && t.path("kw").asDouble() > 0) {
                locked.add(o.path("homeId").asText() + "|" + o.path("slot").asInt());
            }
        }
        List<String> leftover = new ArrayList<>();
        double leftoverKwh = 0;
        String prefix = "cm-" + market.date() + "-";
        for (JsonNode record : api.offers(market.date())) {
            FlexOffer o = RecordJson.offer(record);
            if (c.equals(o.aggregatorMsp()) && o.id().startsWith(prefix)) {
                leftover.add(o.id());
                leftoverKwh += MarketRecords.kwh(o.kwBySlot()).doubleValue();
            }
        }
        int bookOrders = whole.size();
        if (trades == 0) {
            note = "no trade: no bid met an ask in any slot";
        }
        say(c + ": clearing recorded" + (recordedNow ? " now" : " before") + ", " + trades + " trades, "
                + String.format(java.util.Locale.ROOT, "%.3f", kwh) + " kWh, " + leftover.size()
                + " leftover offers to the DSO");
        return new Result(
                c,
                homes,
                enrolment,
                thisBook,
                new Cleared(
                        recordedNow,
                        bookOrders,
                        trades,
                        kwh,
                        min,
                        tradedKwh > 0 ? eur / tradedKwh : null,
                        max,
                        List.copyOf(leftover),
                        leftoverKwh,
                        Set.copyOf(locked),
                        Map.copyOf(matched)),
                note);
    }

    private Result empty(int homes, Enrolment enrolment, CommunityOrders book, String note) {
        say(api.community() + ": " + note);
        return Result.none(api.community(), homes, enrolment, note);
    }

    static ObjectNode dayBody(MarketDay market, Instant gate, CommunityOrders book) {
        ObjectNode body = MarketplaceClient.object()
                .put("day", market.date().toString())
                .put("gateClosure", gate.toString())
                .put("pricing", "PAY_AS_CLEAR");
        ArrayNode imports = body.putArray("importPrice");
        book.importPrice().forEach(p -> imports.add(p.toPlainString()));
        ArrayNode exports = body.putArray("exportPrice");
        book.exportPrice().forEach(p -> exports.add(p.toPlainString()));
        return body;
    }

    private void postOrders(
            List<CommunityClient.Order> orders, String runId, AtomicInteger refused, AtomicInteger refusedFlexible) {
        AtomicInteger done = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (CommunityClient.Order o : orders) {
            jobs.add(() -> {
                try {
                    api.postOrder(o, runId + ":corder:" + o.id());
                } catch (ApiProblemException e) {
                    if (!e.alreadyExists()) {
                        if (e.status() != 409) {
                            throw e;
                        }
                        // COMMUNITY_GATE_CLOSED: the order came too late
                        refused.incrementAndGet();
                        if (o.flexible()) {
                            refusedFlexible.incrementAndGet();
                        }
                    }
                }
                int k = done.incrementAndGet();
                if (k % 100 == 0) {
                    say(api.community() + ": community orders posted " + k + "/" + orders.size());
                }
                return null;
            });
        }
        runAll(jobs, "posting community orders");
        say(api.community() + ": " + orders.size() + " community orders posted"
                + (refused.get() > 0 ? " (" + refused.get() + " refused)" : ""));
    }

    private void awaitGate(String c, Instant gate) {
        Instant last = null;
        while (true) {
            Instant now = clock.instant();
            if (now.isAfter(gate.plusSeconds(1))) {
                return;
            }
            if (last == null || Duration.between(last, now).toSeconds() >= 10) {
                say(c + ": community gate closes in "
                        + Math.max(0, Duration.between(now, gate).toSeconds()) + " s");
                last = now;
            }
            pause();
        }
    }

    private JsonNode awaitClearing(String c, MarketDay market) {
        Instant start = clock.instant();
        Instant until = start.plus(settings.clearingWait());
        Instant last = start;
        while (true) {
            JsonNode read = api.clearing(market.date()).orElse(null);
            if (read != null) {
                return read;
            }
            Instant now = clock.instant();
            if (!now.isBefore(until)) {
                return null;
            }
            if (Duration.between(last, now).toSeconds() >= 10) {
                say(c + ": waiting for the recorded clearing, "
                        + Duration.between(start, now).toSeconds() + " s");
                last = now;
            }
            pause();
        }
    }

    // approves a PROPOSED membership once the operator's peer has it; false when this run did not approve it
    private boolean approve(String home, String runId) {
        Instant until = clock.instant().plus(settings.membershipWait());
        while (true) {
            try {
                api.approve(home, runId + ":approve:" + home);
                return true;
            } catch (ApiProblemException e) {
                // 409: ACTIVE already, or another member's; 404: the proposal has not reached the peer yet
                if (e.status() == 409) {
                    return false;
                }
                if (!e.notFound()) {
                    throw e;
                }
                if (!clock.instant().isBefore(until)) {
                    return false;
                }
            }
            pause();
        }
    }

    private Map<String, String> states() {
        Map<String, String> out = new HashMap<>();
        for (JsonNode m : api.memberships()) {
            out.put(m.path("homeId").asText(), m.path("state").asText());
        }
        return out;
    }

    private void pause() {
        try {
            sleeper.sleep(settings.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("community: interrupted", e);
        }
    }

    private void say(String line) {
        progress.println("live: " + line);
        progress.flush();
    }

    private void runAll(List<Callable<Void>> jobs, String what) {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> j : jobs) {
            futures.add(posters.submit(j));
        }
        for (Future<Void> f : futures) {
            try {
                f.get();
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
    }
}
