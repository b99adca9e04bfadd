package io.flexledger.clearing.solver;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import io.flexledger.clearing.core.Components;
import io.flexledger.clearing.core.Evaluation;
import io.flexledger.clearing.core.FractionPolisher;
import io.flexledger.clearing.core.IndexedProblem;
import io.flexledger.clearing.core.LagrangianStart;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A market kept open until gate closure: one cold clearing when opened (in the background: until it
 * is done, {@link #current()} is the greedy answer, polished), then every revoked or new offer is
 * cleared again warm. The order book splits exactly into <em>components</em>, the congestion points
 * linked by assets that offer at more than one of them (no offer, asset or request couples two
 * components), so a change re-clears only the component of the changed offer; the others keep their
 * answers. In that component: the previous answer with the change applied, polished, and the
 * component's greedy answer, polished; the priced start on the component alone with the better of the
 * two as its incumbent and a Timefold search from the best so far, its moves started only from the offers
 * around the change (its congestion point and nearby slots, and the other offers of the assets there) and
 * guided by the offers' values at the previous clearing's prices; and a cold clearing of the component
 * (its revoked offers left out) as {@link Clearer} runs it. The cheapest answer is kept: an earlier
 * repair that a search around its own change left poor is cleared again from scratch. Under a step limit
 * the warm steps and the cold clearing run side by side and both are waited for, so on an order book of
 * one component a re-clearing is never dearer than a cold clearing of the changed book with that step
 * limit. With a time limit the warm steps run first and the cold clearing, given the budget's length,
 * after them, in the background: it replaces the answer when cheaper once done, if its component has
 * not changed since ({@link #current}, {@link #awaitReclear} and the next change take it in).
 *
 * <p>Every answer carries a lower bound: the sum over components of each one's bound (the bound of the
 * unchanged components carries over; after a revocation the old value stays a bound too, after a new
 * offer it is evaluated anew), the largest of the changed component's Lagrangian value at the previous
 * prices, its priced start's bound and its cold clearing's bound (once taken in).
 *
 * <p>Each re-clearing takes a bounded time (a time limit) or a fixed number of search steps (a step
 * limit, reproducible), never keeps a revoked offer, and is never dearer than the previous answer with
 * the change applied. Not thread-safe: one caller at a time.
 */
public final class ClearingSession implements AutoCloseable {

    /** Slots on either side of the changed offer's slots whose requests' offers the search starts from. */
    private static final int NEARBY_SLOTS = 2;

    /** Step scale at which the subgradient steps continue from the previous prices. */
    private static final double WARM_THETA = 0.25;

    /** Share of a time-limited re-clearing's budget that ends its priced start. */
    private static final double PRICED_SHARE = 0.5;

    /** Price steps between two rounded answers of that priced start. */
    private static final int PRICED_PRIMAL_EVERY = 5;

    /** Price steps of that priced start under a step limit. */
    private static final int PRICED_STEPS = 30;

    /** The shortest time limit of that cold clearing (seconds). */
    private static final double MIN_COLD_SECONDS = 0.01;

    /**
     * Late acceptance list of the re-clearing's search: a search of a few dozen milliseconds cannot afford
     * the wandering of a long list (decision 0002).
     */
    private static final int RECLEAR_LATE_ACCEPTANCE = 10;

    /**
     * Share of a time-limited re-clearing's budget by whose end the search after the priced start ends.
     */
    private static final double WARM_SHARE = 0.75;

    /** The shortest time of that search (milliseconds), however long the repair took. */
    private static final long MIN_SEARCH_MILLIS = 5;

    private final String id;
    private final int slotMinutes;
    private final int slots;
    private final List<Request> requests;
    private final Map<String, Integer> requestPoint = new HashMap<>();
    private final List<Offer> offers = new ArrayList<>();
    private final Map<String, Integer> offerIndex = new HashMap<>();
    private final BitSet revoked = new BitSet();
    private double[] lambda;
    private final long reclearNanos;
    private final long reclearSteps;
    private final SolverFactory<ClearingSolution> factory;

    private double[] fractions;
    private Map<String, Integer> pointComponent;
    private Component[] components;
    private double[] componentBound;
    private ClearingProblem problem;
    private ClearingResult latest;
    private final CompletableFuture<Clearer.Cleared> cold;
    private boolean settled;
    /** The cold clearing of a component a time-limited re-clearing left running, or null. */
    private Pending pending;

    /** Runs the cold clearings of sessions, off the caller's thread. */
    private static final Executor COLD = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "clearing-session-cold");
        t.setDaemon(true);
        return t;
    });

    /**
     * A component's cold clearing still running: taken in only if the component is the same object with
     * as many revoked offers as when it started (a new offer rebuilds the component, a revocation adds one).
     */
    private record Pending(
            int component, Component comp, int frozenCount, int[] live, CompletableFuture<Clearer.Cleared> future) {}

    private record Component(int[] offers, int[] requests, IndexedProblem sub, BitSet frozen) {

        int local(int globalOffer) {
            return Arrays.binarySearch(offers, globalOffer);
        }
    }

    private ClearingSession(ClearingProblem problem, SearchLimit limit, long reclearMillis) {
        this.id = problem.id();
        this.slotMinutes = problem.slotMinutes();
        this.slots = problem.slots();
        this.requests = problem.requests();
        this.problem = problem;
        for (Offer o : problem.offers()) {
            offerIndex.put(o.id(), offers.size());
            offers.add(o);
        }
        this.reclearSteps = limit.steps() > 0 ? limit.steps() : 0;
        this.reclearNanos = reclearMillis * 1_000_000L;
        this.factory =
                SolverFactory.create(SolverModel.config(new SearchLimit(1.0, 0, 0), false, RECLEAR_LATE_ACCEPTANCE));
        // at once: the greedy answer, polished, with the bound at zero prices; the cold clearing follows
        IndexedProblem whole = IndexedProblem.of(problem);
        FractionPolisher polisher = new FractionPolisher(whole);
        long started = System.nanoTime();
        double[] quick = polisher.polish(polisher.greedy());
        double quickBound = new LagrangianStart(whole, new BitSet()).startFrom(new double[requests.size()], 1.0);
        this.fractions = quick;
        this.lambda = new double[requests.size()];
        this.latest = Clearer.withBound(Clearer.result(problem, quick, started), quickBound);
        this.cold = CompletableFuture.supplyAsync(() -> new Clearer(limit, line -> {}).solve(problem), COLD);
    }

    // Waits for the cold clearing, once, and starts from it.
    private void settle() {
        if (settled) {
            return;
        }
        Clearer.Cleared done = cold.join();
        if (Evaluation.violation(problem(), done.fractions()) == null) {
            fractions = done.fractions();
            latest = done.result();
        }
        if (done.lambda() != null) {
            lambda = done.lambda();
        }
        partition();
        settled = true;
    }

    /**
     * Opens a session: starts clearing the order book cold within the limit; each re-clearing then takes about
     * the default time for its size ({@link #defaultReclearMillis}), or, under a step limit, that many
     * search steps.
     */
    public static ClearingSession open(ClearingProblem problem, SearchLimit limit) {
        return new ClearingSession(
                problem, limit, defaultReclearMillis(problem.offers().size()));
    }

    /** As {@link #open(ClearingProblem, SearchLimit)}, each re-clearing bounded by {@code reclearMillis}. */
    public static ClearingSession open(ClearingProblem problem, SearchLimit limit, long reclearMillis) {
        return new ClearingSession(problem, limit, reclearMillis);
    }

    /**
     * The time a re-clearing aims at: 60 ms up to 1,500 offers, then growing with the order book to 800
     * ms at 20,000 offers and beyond (the priced start ends by half of it, the search by 75 %, the rest
     * goes to the answer over the whole book; the cold clearing of the component after them is given as
     * much again, mostly in the background).
     */
    public static long defaultReclearMillis(int offerCount) {
        return Math.max(60, Math.min(800, offerCount / 25));
    }

    /** The latest clearing. */
    public ClearingResult current() {
        if (cold.isDone()) {
            settle();
            absorb();
        }
        return latest;
    }

    /** The cold clearing of the order book as opened, once it is done (waits for it). */
    public ClearingResult settled() {
        settle();
        return latest;
    }

    /** The order book as the session holds it now (revoked offers included: they stay at 0). */
    public ClearingProblem problem() {
        if (problem == null) {
            problem = new ClearingProblem(id, slotMinutes, slots, requests, offers);
        }
        return problem;
    }

    /**
     * Revokes an offer and re-clears warm: the answer excludes the offer. Waits for the cold clearing
     * first if it is still running; the answer's time counts from then.
     */
    public ClearingResult revoke(String offerId) {
        settle();
        absorb();
        long started = System.nanoTime();
        Integer g = offerIndex.get(offerId);
        if (g == null) {
            throw new IllegalArgumentException("unknown offer " + offerId);
        }
        if (revoked.get(g)) {
            return latest;
        }
        revoked.set(g);
        fractions[g] = 0.0;
        int c = pointComponent.get(offers.get(g).congestionPoint());
        if (components[c] != null) {
            components[c].frozen().set(components[c].local(g));
        }
        return reclear(c, g, true, started);
    }

    /**
     * Adds a new offer to the order book and re-clears warm: the answer may accept it. Waits for the
     * cold clearing first if it is still running; the answer's time counts from then.
     */
    public ClearingResult offer(Offer offer) {
        settle();
        absorb();
        long started = System.nanoTime();
        if (offerIndex.containsKey(offer.id())) {
            throw new IllegalArgumentException("offer " + offer.id() + " is already in the order book");
        }
        int g = offers.size();
        offerIndex.put(offer.id(), g);
        offers.add(offer);
        problem = null;
        fractions = Arrays.copyOf(fractions, offers.size());
        Integer c = pointComponent.get(offer.congestionPoint());
        Integer assetAt = null;
        for (int o = 0; o < g && assetAt == null; o++) {
            if (offers.get(o).asset().equals(offer.asset())) {
                assetAt = pointComponent.get(offers.get(o).congestionPoint());
            }
        }
        if (c == null || (assetAt != null && !assetAt.equals(c))) {
            partition(); // a new point, or an asset that now links two components
            c = pointComponent.get(offer.congestionPoint());
        } else {
            components[c] = null; // rebuilt with the new offer
        }
        return reclear(c, g, false, started);
    }

    // Splits the points into components (linked by assets) and evaluates each one's bound at the prices.
    private void partition() {
        pending = null; // the components are numbered anew
        pointComponent = Components.pointComponents(requests, offers);
        int count = (int) pointComponent.values().stream().distinct().count();
        components = new Component[count];
        componentBound = new double[count];
        for (int c = 0; c < components.length; c++) {
            Component comp = component(c);
            LagrangianStart bound = new LagrangianStart(comp.sub(), comp.frozen());
            componentBound[c] = bound.startFrom(local(comp, lambda), WARM_THETA);
        }
    }

    // The component's sub-problem (its requests and offers, revoked ones frozen), built on first use.
    private Component component(int c) {
        if (components[c] != null) {
            return components[c];
        }
        List<Integer> requestIds = new ArrayList<>();
        List<Request> subRequests = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            if (pointComponent.get(requests.get(r).congestionPoint()) == c) {
                requestIds.add(r);
                subRequests.add(requests.get(r));
            }
        }
        List<Integer> offerIds = new ArrayList<>();
        List<Offer> subOffers = new ArrayList<>();
        for (int o = 0; o < offers.size(); o++) {
            if (pointComponent.get(offers.get(o).congestionPoint()) == c) {
                offerIds.add(o);
                subOffers.add(offers.get(o));
            }
        }
        BitSet frozen = new BitSet();
        for (int j = 0; j < offerIds.size(); j++) {
            if (revoked.get(offerIds.get(j))) {
                frozen.set(j);
            }
        }
        IndexedProblem sub = IndexedProblem.of(new ClearingProblem(id, slotMinutes, slots, subRequests, subOffers));
        components[c] = new Component(
                offerIds.stream().mapToInt(Integer::intValue).toArray(),
                requestIds.stream().mapToInt(Integer::intValue).toArray(),
                sub,
                frozen);
        return components[c];
    }

    private static double[] local(Component comp, double[] global) {
        double[] out = new double[comp.requests().length];
        for (int k = 0; k < out.length; k++) {
            out[k] = global[comp.requests()[k]];
        }
        return out;
    }

    // Re-clears one component after a change of offer g; the other components keep their answers.
    private ClearingResult reclear(int c, int g, boolean wasRevoked, long started) {
        if (pending != null && pending.component() == c) {
            pending = null; // of the order book before this change
        }
        Component comp = component(c);
        IndexedProblem sub = comp.sub();
        int n = comp.offers().length;
        double[] previous = new double[n];
        for (int j = 0; j < n; j++) {
            previous[j] = comp.frozen().get(j) ? 0.0 : fractions[comp.offers()[j]];
        }
        FractionPolisher polisher = new FractionPolisher(sub, comp.frozen());
        LagrangianStart priced = new LagrangianStart(sub, comp.frozen());
        priced.startFrom(local(comp, lambda), WARM_THETA);
        double[] best = previous;
        double bestCost = Clearer.cost(sub.problem(), previous);
        double[] polished = polisher.polish(previous);
        if (Evaluation.violation(sub.problem(), polished) == null) {
            double cost = Clearer.cost(sub.problem(), polished);
            if (cost <= bestCost) {
                best = polished;
                bestCost = cost;
            }
        }
        // the greedy answer of the changed component, polished: after a change that leaves a large hole
        // it can be cheaper than the previous answer repaired (the cold clearing below starts from it too,
        // but with a time limit it may not be done in time)
        double[] greedy = polisher.polish(polisher.greedy());
        if (Evaluation.violation(sub.problem(), greedy) == null) {
            double cost = Clearer.cost(sub.problem(), greedy);
            if (cost < bestCost) {
                best = greedy;
                bestCost = cost;
            }
        }
        // beside the cold clearing: the priced start on the component alone, the better answer so far its
        // incumbent, then the search from the best of them, its moves started from the offers around the
        // change and guided by the offers' values at the previous prices
        int[] focus = focus(sub, comp, comp.local(g));
        double[] start = best;
        double startCost = bestCost;
        // (with a time limit first, on this thread: the cold clearing after it has the machine to itself)
        CompletableFuture<Warm> warm = reclearSteps > 0
                ? CompletableFuture.supplyAsync(() -> warm(sub, comp, priced, start, startCost, focus, started), COLD)
                : CompletableFuture.completedFuture(warm(sub, comp, priced, start, startCost, focus, started));
        // the cold clearing of the changed component (its revoked offers left out), as a cold clearing of
        // the order book runs it, with the re-clearing's step limit or its budget as time: on an order book
        // of one component, a step-limited re-clearing is never dearer than a cold clearing of that limit.
        // With a time limit it is not waited for: it goes on in the background and its answer replaces the
        // component's later if cheaper (absorb)
        double bound = Double.NEGATIVE_INFINITY;
        double[] prices = null;
        CompletableFuture<Clearer.Cleared> fresh = null;
        int[] live = liveOffers(comp);
        if (comp.requests().length > 0) {
            fresh = coldOf(comp, live);
        }
        Warm warmed = warm.join();
        double cheapest = Clearer.cost(sub.problem(), warmed.best());
        if (cheapest < bestCost) {
            best = warmed.best();
            bestCost = cheapest;
        }
        if (fresh != null) {
            Clearer.Cleared done = reclearSteps > 0 ? fresh.join() : within(fresh, 0);
            if (done == null) {
                pending = new Pending(c, comp, comp.frozen().cardinality(), live, fresh);
            } else {
                double[] back = back(comp, live, done);
                if (Evaluation.violation(sub.problem(), back) == null) {
                    double cost = Clearer.cost(sub.problem(), back);
                    if (cost < bestCost) {
                        best = back;
                        bestCost = cost;
                    }
                }
                bound = done.result().lowerBoundEur().orElse(Double.NEGATIVE_INFINITY);
                prices = done.lambda();
            }
        }
        for (int j = 0; j < n; j++) {
            fractions[comp.offers()[j]] = comp.frozen().get(j) ? 0.0 : best[j];
        }
        // every price run gives a valid bound: the warm one (at the previous prices) and the cold
        // clearing's; a revocation only removes choices, so the previous bound stays
        // valid after it; a new offer needs the new one
        if (priced.lowerBound() >= bound || prices == null) {
            bound = Math.max(bound, priced.lowerBound());
            if (priced.bestLambda() != null) {
                prices = priced.bestLambda();
            }
        }
        componentBound[c] = wasRevoked ? Math.max(componentBound[c], bound) : bound;
        adoptPrices(comp, prices);
        latest = Clearer.withBound(Clearer.result(problem(), fractions, started), totalBound());
        return latest;
    }

    /** The warm steps' cheapest answer, and the bound and prices of their priced start. */
    private record Warm(double[] best, double bound, double[] prices) {}

    // The priced start (fresh prices, the start as incumbent) and the search after it: the cheapest of
    // the start, the priced answer and the searched one.
    private Warm warm(
            IndexedProblem sub,
            Component comp,
            LagrangianStart priced,
            double[] start,
            double startCost,
            int[] focus,
            long started) {
        double[] best = start;
        double bestCost = startCost;
        // with a time limit, at least a fifth of the budget however long the polishing took
        long pricedDeadline = reclearSteps > 0
                ? Long.MAX_VALUE
                : Math.max(started + (long) (reclearNanos * PRICED_SHARE), System.nanoTime() + reclearNanos / 5);
        LagrangianStart rounding = new LagrangianStart(sub, comp.frozen());
        double[] rounded = rounding.run(
                best, reclearSteps > 0 ? PRICED_STEPS : Integer.MAX_VALUE, PRICED_PRIMAL_EVERY, pricedDeadline);
        if (Evaluation.violation(sub.problem(), rounded) == null) {
            double cost = Clearer.cost(sub.problem(), rounded);
            if (cost < bestCost) {
                best = rounded;
                bestCost = cost;
            }
        }
        if (focus.length == 0) {
            return new Warm(best, rounding.lowerBound(), rounding.bestLambda());
        }
        double[] searched =
                search(sub, comp, priced.offerValues(), best, focus, started + (long) (reclearNanos * WARM_SHARE));
        if (searched != null && Clearer.cost(sub.problem(), searched) < bestCost) {
            best = searched;
        }
        return new Warm(best, rounding.lowerBound(), rounding.bestLambda());
    }

    // The component's offers that are not revoked (sub-problem indices, ascending).
    private static int[] liveOffers(Component comp) {
        int[] live = new int[comp.offers().length - comp.frozen().cardinality()];
        int k = 0;
        for (int j = 0; j < comp.offers().length; j++) {
            if (!comp.frozen().get(j)) {
                live[k++] = j;
            }
        }
        return live;
    }

    // The cold clearing of the component without its revoked offers (live: their sub-problem indices), on
    // another thread: with the re-clearing's steps, or with the re-clearing's budget as its time.
    private CompletableFuture<Clearer.Cleared> coldOf(Component comp, int[] live) {
        List<Offer> kept = new ArrayList<>();
        for (int j : live) {
            kept.add(comp.sub().offer(j));
        }
        ClearingProblem own =
                new ClearingProblem(id, slotMinutes, slots, comp.sub().problem().requests(), kept);
        SearchLimit limit = reclearSteps > 0
                ? SearchLimit.steps(reclearSteps)
                : SearchLimit.seconds(Math.max(MIN_COLD_SECONDS, reclearNanos / 1e9));
        return CompletableFuture.supplyAsync(() -> new Clearer(limit, line -> {}).solve(own), COLD);
    }

    // The cold clearing's answer if it is done within the time, else null (it goes on).
    private static Clearer.Cleared within(CompletableFuture<Clearer.Cleared> fresh, long nanos) {
        try {
            return fresh.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the cold clearing of a component failed", e.getCause());
        }
    }

    // A cold clearing's fractions per offer of the component (revoked offers at 0).
    private static double[] back(Component comp, int[] live, Clearer.Cleared done) {
        double[] out = new double[comp.offers().length];
        for (int k = 0; k < live.length; k++) {
            out[live[k]] = done.fractions()[k];
        }
        return out;
    }

    /**
     * Takes in the cold clearing a time-limited re-clearing left running, if it is done and its component
     * has not changed since: its answer replaces the component's when cheaper, and its bound raises the
     * component's.
     */
    private void absorb() {
        Pending p = pending;
        if (p == null || !p.future().isDone()) {
            return;
        }
        pending = null;
        int c = p.component();
        if (components == null
                || c >= components.length
                || components[c] != p.comp()
                || p.comp().frozen().cardinality() != p.frozenCount()) {
            return; // the component changed since: the answer is of another order book
        }
        Clearer.Cleared done = p.future().join();
        Component comp = p.comp();
        IndexedProblem sub = comp.sub();
        double[] now = new double[comp.offers().length];
        for (int j = 0; j < now.length; j++) {
            now[j] = fractions[comp.offers()[j]];
        }
        double[] back = back(comp, p.live(), done);
        double bound = done.result().lowerBoundEur().orElse(Double.NEGATIVE_INFINITY);
        boolean cheaper = Evaluation.violation(sub.problem(), back) == null
                && Clearer.cost(sub.problem(), back) < Clearer.cost(sub.problem(), now);
        if (!cheaper && !(bound > componentBound[c])) {
            return;
        }
        if (cheaper) {
            for (int j = 0; j < now.length; j++) {
                fractions[comp.offers()[j]] = comp.frozen().get(j) ? 0.0 : back[j];
            }
        }
        if (bound > componentBound[c]) {
            componentBound[c] = bound;
            adoptPrices(comp, done.lambda());
        }
        double total = totalBound();
        ClearingResult r = Clearer.result(problem(), fractions, System.nanoTime());
        latest = Clearer.withBound(
                new ClearingResult(r.id(), r.costEur(), r.accepted(), r.unservedKw(), latest.solveMillis()), total);
    }

    /**
     * Waits for the cold clearing the last time-limited re-clearing left running, if any, takes it in
     * (its answer when cheaper, its bound when higher, as long as its component has not changed since) and
     * returns the latest clearing.
     */
    public ClearingResult awaitReclear() {
        settle();
        Pending p = pending;
        if (p != null) {
            try {
                p.future().join();
            } catch (RuntimeException e) {
                pending = null;
                throw e;
            }
            absorb();
        }
        return latest;
    }

    // The offers the search starts from: those serving the requests of the changed offer's point in its
    // slots and NEARBY_SLOTS around them, and the other offers of their assets (sub-problem indices).
    private static int[] focus(IndexedProblem sub, Component comp, int changed) {
        Offer offer = sub.offer(changed);
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int t : offer.slots()) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        int point = sub.offerPoint(changed);
        Set<Integer> out = new LinkedHashSet<>();
        for (int r = 0; r < sub.requestCount(); r++) {
            int slot = sub.problem().requests().get(r).slot();
            if (sub.requestPoint(r) == point && slot >= lo - NEARBY_SLOTS && slot <= hi + NEARBY_SLOTS) {
                for (int o : sub.requestOffers(r)) {
                    out.add(o);
                    for (int x : sub.conflicts(o)) {
                        out.add(x);
                    }
                }
            }
        }
        out.removeIf(o -> comp.frozen().get(o) || !serves(sub, o));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean serves(IndexedProblem sub, int o) {
        for (int r : sub.offerRequests(o)) {
            if (r >= 0) {
                return true;
            }
        }
        return false;
    }

    // The Timefold search over the component from the start, moves seeded only from the focus: the
    // re-clearing's steps, or until the deadline; the polished answer, or null if none is feasible.
    private double[] search(
            IndexedProblem sub, Component comp, double[] offerValues, double[] start, int[] focus, long deadline) {
        TerminationConfig termination = new TerminationConfig();
        if (reclearSteps > 0) {
            termination.setStepCountLimit((int) Math.min(Integer.MAX_VALUE, reclearSteps));
            termination.setScoreCalculationCountLimit(reclearSteps * 100);
        } else {
            long millis = Math.max(MIN_SEARCH_MILLIS, (deadline - System.nanoTime()) / 1_000_000L);
            termination.setSpentLimit(Duration.ofMillis(millis));
        }
        ClearingSolution initial = SolverModel.solution(sub, start);
        for (OfferChoice choice : initial.getOffers()) {
            if (comp.frozen().get(choice.getIndex())) {
                choice.setRevoked(true);
                choice.setLevel(0);
            }
        }
        initial.setOfferValues(offerValues);
        initial.setFocus(focus);
        Solver<ClearingSolution> solver =
                factory.buildSolver(new SolverConfigOverride<ClearingSolution>().withTerminationConfig(termination));
        ClearingSolution solved = solver.solve(initial);
        double[] searched = SolverModel.fractions(sub, solved);
        if (Evaluation.violation(sub.problem(), searched) != null) {
            return null;
        }
        double[] polished = new FractionPolisher(sub, comp.frozen()).polish(searched);
        return Evaluation.violation(sub.problem(), polished) == null ? polished : null;
    }

    @Override
    public void close() {
        // only the cold clearing may still run; it ends by its own limit and is not waited for
    }

    /** Takes a component's request prices into the book's (no change when {@code prices} is null). */
    private void adoptPrices(Component comp, double[] prices) {
        if (prices != null) {
            for (int k = 0; k < prices.length; k++) {
                lambda[comp.requests()[k]] = prices[k];
            }
        }
    }

    /** The book's bound: the sum of its components' bounds. */
    private double totalBound() {
        double total = 0.0;
        for (double b : componentBound) {
            total += b;
        }
        return total;
    }
}
