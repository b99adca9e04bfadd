package io.flexledger.marketplaceapi.clearing;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.ClearingSession;
import io.flexledger.clearing.solver.SearchLimit;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.MarketRecords.StoredOffer;
import io.flexledger.contract.codec.MarketRecords.StoredRequest;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.LedgerEvents;
import io.flexledger.marketplaceapi.ledger.Page;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * UC3 at gate closure: the DSO's instance clears the day's open requests against the live offers with
 * the clearing module's Timefold solver and records the resulting orders on the ledger, signed by the
 * DSO. Until then a warm {@link ClearingSession} per day keeps a provisional clearing, and a revoked
 * offer (the chaincode's {@code OfferRevoked} event, from {@link LedgerEvents}) reaches it as a problem change.
 * It reads and writes the ledger through the {@link Ledger} port only.
 *
 * <p>Only an instance that signs for the DSO clears; on the others this service stays idle.
 */
@ApplicationScoped
public class GateClosureClearing {
    private static final Logger LOG = Logger.getLogger(GateClosureClearing.class);
    private static final int PAGE = 100;

    private final Ledger ledger;
    private final boolean enabled;
    private final SearchLimit limit;
    private final Clock clock;
    private final int orderParallelism;
    private final Map<LocalDate, ClearingSession> sessions = new ConcurrentHashMap<>();
    private final Map<LocalDate, ClearingProblem> sessionProblems = new ConcurrentHashMap<>();
    private final LedgerEvents events;
    private volatile Runnable stopListening;
    private volatile java.util.concurrent.ExecutorService revocations;

    public GateClosureClearing(
            Ledger ledger,
            LedgerEvents events,
            @ConfigProperty(name = "flex.clearing.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "flex.clearing.seconds", defaultValue = "8") double seconds,
            @ConfigProperty(name = "flex.clearing.order-parallelism", defaultValue = "8") int orderParallelism) {
        this.ledger = ledger;
        this.events = events;
        this.enabled = enabled;
        this.limit = SearchLimit.seconds(seconds);
        this.clock = Clock.systemUTC();
        this.orderParallelism = Math.max(1, orderParallelism);
    }

    /** Whether this instance clears the market (it signs for the DSO and clearing is enabled). */
    public boolean active() {
        return enabled && Organisation.DSO_MSP.equals(ledger.mspId());
    }

    /** The day's clearing problem as the ledger holds the order book now. */
    public ClearingProblem problem(LocalDate day) {
        String d = day.toString();
        return MarketProblems.of(
                MarketRules.DEFAULT.period(day),
                records(ledger::listRequestsByDay, d).stream()
                        .map(StoredRequest::request)
                        .toList(),
                records(ledger::listOffersByDay, d).stream()
                        .map(StoredOffer::offer)
                        .toList(),
                records(ledger::listOrdersByDay, d));
    }

    /**
     * The provisional clearing of a day: from its warm session, opened on first use; a few new offers
     * since the last answer are added to the session and re-cleared warm (only the changed part of
     * the order book is searched again); any other change reopens it.
     */
    public synchronized ClearingResult provisional(LocalDate day) {
        ClearingProblem now = problem(day);
        ClearingProblem held = sessionProblems.get(day);
        ClearingSession warm = sessions.get(day);
        List<Offer> added = held == null ? null : addedOffers(held, now);
        if (warm != null && added != null && !added.isEmpty() && added.size() <= MAX_WARM_ADDITIONS) {
            ClearingResult r = null;
            for (Offer o : added) {
                r = warm.offer(o);
            }
            sessionProblems.put(day, now);
            LOG.infof(
                    "%d new offer(s): %s re-cleared warm in %d ms, cost %.4f EUR",
                    added.size(), day, r.solveMillis(), r.costEur());
            return warm.current();
        }
        if (held == null || !sameBook(held, now)) {
            closeSession(day);
            sessions.put(day, ClearingSession.open(now, limit));
            sessionProblems.put(day, now);
        }
        return sessions.get(day).current();
    }

    /** Clears a day and places its orders; safe to repeat (orders already placed are kept). */
    public synchronized GateClosureReport clearAndOrder(LocalDate day) {
        ClearingProblem problem = problem(day);
        ClearingResult result = new Clearer(limit, LOG::debug).clear(problem);
        List<OrderPlan> plans = OrderPlan.of(problem, result);
        // Orders of different offers touch different keys, so they are submitted side by side: the
        // orderer batches them into few blocks instead of one block per order.
        List<String> outcomes = placeAll(plans);
        int placed = (int) outcomes.stream().filter("placed"::equals).count();
        int existing = (int) outcomes.stream().filter("existing"::equals).count();
        List<String> refused = outcomes.stream()
                .filter(o -> !o.equals("placed") && !o.equals("existing"))
                .toList();
        List<String> closed = new ArrayList<>();
        for (StoredRequest r : records(ledger::listRequestsByDay, day.toString())) {
            if (r.request().state() == FlexRequestState.OPEN) {
                ledger.closeRequest(r.request().id());
                closed.add(r.request().id());
            }
        }
        closeSession(day);
        double unserved = result.unservedKw().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        LOG.infof(
                "gate closure %s: %d requests, %d offers, cost %.4f EUR, %d orders placed (%d already), unserved %.3f kW",
                day, problem.requests().size(), problem.offers().size(), result.costEur(), placed, existing, unserved);
        return new GateClosureReport(
                day.toString(),
                problem.requests().size(),
                problem.offers().size(),
                result.costEur(),
                unserved,
                result.solveMillis(),
                plans,
                placed,
                existing,
                refused,
                closed);
    }

    /** Submits the orders, {@code orderParallelism} at a time; one outcome per plan, in order. */
    private List<String> placeAll(List<OrderPlan> plans) {
        if (plans.isEmpty()) {
            return List.of();
        }
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(Math.min(orderParallelism, plans.size()));
        try {
            List<java.util.concurrent.Future<String>> futures = new ArrayList<>();
            for (OrderPlan plan : plans) {
                futures.add(pool.submit(() -> place(plan)));
            }
            List<String> outcomes = new ArrayList<>();
            for (java.util.concurrent.Future<String> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while placing orders", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    /** Places one order: "placed", "existing", or "<orderId>: <code>" when the ledger refuses it. */
    private String place(OrderPlan plan) {
        try {
            FlexOrder order = new FlexOrder(
                    plan.orderId(), ledger.mspId(), plan.offerId(), plan.activation(), FlexOrderState.ACCEPTED);
            // The offer is under AND(DSO, aggregator): both peers endorse the order.
            ledger.placeClearedOrder(plan.aggregatorMsp(), order);
            return "placed";
        } catch (ValidationException e) {
            // An order the domain refuses is what the ledger would refuse: the other orders still go ahead.
            LOG.warnf("order %s refused: %s", plan.orderId(), e.getMessage());
            return plan.orderId() + ": " + ErrorCode.INVALID_FIELD.name();
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.ORDER_EXISTS)) {
                return "existing";
            }
            // The book changed since it was read (an offer revoked or sold meanwhile): the ledger's
            // refusal stands and the other orders still go ahead.
            LOG.warnf("order %s refused by the ledger: %s", plan.orderId(), e.getMessage());
            return plan.orderId() + ": " + e.code();
        }
    }

    /** Every minute: clears each day whose gate has closed and that still has open requests. */
    @Scheduled(every = "${flex.clearing.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void atGateClosure() {
        if (!active()) {
            return;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(MarketRules.DEFAULT.zone());
        for (LocalDate day : List.of(today, today.plusDays(1))) {
            MarketPeriod period = MarketRules.DEFAULT.period(day);
            if (now.isBefore(period.gateClosure()) || !now.isBefore(period.end())) {
                continue;
            }
            try {
                boolean open = records(ledger::listRequestsByDay, day.toString()).stream()
                        .anyMatch(r -> r.request().state() == FlexRequestState.OPEN);
                if (open) {
                    clearAndOrder(day);
                }
            } catch (RuntimeException e) {
                LOG.warnf("gate closure clearing of %s failed, will retry: %s", day, e.getMessage());
            }
        }
    }

    /** Re-clears a warm session when an offer in it is revoked; returns the new result, if any. */
    synchronized ClearingResult onRevoked(String offerId) throws InterruptedException {
        for (Map.Entry<LocalDate, ClearingSession> e : sessions.entrySet()) {
            ClearingProblem p = sessionProblems.get(e.getKey());
            if (p.offers().stream().anyMatch(o -> o.id().equals(offerId))) {
                ClearingResult r = e.getValue().revoke(offerId);
                sessionProblems.put(e.getKey(), withoutOffer(p, offerId));
                LOG.infof(
                        "offer %s revoked: %s re-cleared in %d ms, cost %.4f EUR",
                        offerId, e.getKey(), r.solveMillis(), r.costEur());
                return r;
            }
        }
        return null;
    }

    void start(@Observes StartupEvent ignored) {
        if (!active()) {
            return;
        }
        // Re-clearing takes seconds: it runs on its own thread, not on the one relaying the events.
        revocations = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clearing-revocations");
            t.setDaemon(true);
            return t;
        });
        stopListening = events.listen(event -> {
            if ("OfferRevoked".equals(event.name())) {
                String offerId = event.payload().path("offerId").asText();
                revocations.execute(() -> reclear(offerId));
            }
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (stopListening != null) {
            stopListening.run();
        }
        if (revocations != null) {
            revocations.shutdownNow();
        }
        sessions.keySet().forEach(this::closeSession);
    }

    private void reclear(String offerId) {
        try {
            onRevoked(offerId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("re-clearing after the revocation of %s failed: %s", offerId, e.getMessage());
        }
    }

    /** One of the port's lists of a day's records: a page of them from {@code bookmark}. */
    @FunctionalInterface
    private interface DayList<T> {
        Page<T> page(String day, String pageSize, String bookmark);
    }

    private static <T> List<T> records(DayList<T> list, String day) {
        List<T> out = new ArrayList<>();
        String bookmark = "";
        do {
            Page<T> page = list.page(day, Integer.toString(PAGE), bookmark);
            out.addAll(page.records());
            String next = page.bookmark();
            bookmark = next.equals(bookmark) || page.records().size() < PAGE ? "" : next;
        } while (!bookmark.isEmpty());
        return out;
    }

    private void closeSession(LocalDate day) {
        ClearingSession s = sessions.remove(day);
        sessionProblems.remove(day);
        if (s != null) {
            s.close();
        }
    }

    /** More new offers than this at once reopen the session (a cold clearing is as quick then). */
    static final int MAX_WARM_ADDITIONS = 5;

    /**
     * The offers of {@code now} that {@code held} lacks, when that is the only change (same requests,
     * every offer of {@code held} still there and unchanged); null when the book changed otherwise.
     */
    static List<Offer> addedOffers(ClearingProblem held, ClearingProblem now) {
        if (!held.requests().equals(now.requests())
                || held.slots() != now.slots()
                || held.slotMinutes() != now.slotMinutes()) {
            return null;
        }
        java.util.Set<Offer> before = new java.util.HashSet<>(held.offers());
        java.util.Set<Offer> after = new java.util.HashSet<>(now.offers());
        if (!after.containsAll(before)) {
            return null;
        }
        return now.offers().stream().filter(o -> !before.contains(o)).toList();
    }

    private static boolean sameBook(ClearingProblem a, ClearingProblem b) {
        return a.requests().equals(b.requests()) && a.offers().equals(b.offers());
    }

    private static ClearingProblem withoutOffer(ClearingProblem p, String offerId) {
        return new ClearingProblem(
                p.id(),
                p.slotMinutes(),
                p.slots(),
                p.requests(),
                p.offers().stream().filter(o -> !o.id().equals(offerId)).toList());
    }
}
