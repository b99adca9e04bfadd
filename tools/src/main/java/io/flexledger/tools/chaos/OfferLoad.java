package io.flexledger.tools.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.MarketplaceClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offers posted without pause by a few clients through the aggregators' APIs, as a well-behaved
 * client does: one Idempotency-Key per offer, the same on every try; a try that fails (5xx, no
 * answer, no token) is tried again after a back-off of 0.25 s doubling to 2 s, for up to {@link
 * #GIVE_UP}. An offer counts as acknowledged when the API answers 201 (or 200, a replay).
 */
final class OfferLoad {
    /** How long one offer is retried before the client gives up on it (not acknowledged, not lost). */
    static final Duration GIVE_UP = Duration.ofMinutes(3);

    /** One aggregator's API, with the home its offers are for. */
    record Target(String org, MarketplaceClient client, String congestionPointId, String assetId) {}

    private final List<Target> targets;
    private final Timeline timeline;
    private final long epoch;
    private final LocalDate day;
    private final String runId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private ExecutorService pool;

    OfferLoad(List<Target> targets, Timeline timeline, long epoch, LocalDate day, String runId) {
        this.targets = targets;
        this.timeline = timeline;
        this.epoch = epoch;
        this.day = day;
        this.runId = runId;
    }

    void start(int clients) {
        pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            Target t = targets.get(i % targets.size());
            pool.submit(() -> loop(t));
        }
    }

    /** Stops posting new offers; the offers in flight are tried until acknowledged or given up. */
    void stop(Duration wait) throws InterruptedException {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Offer id to "org slot" of every acknowledged offer. */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    int posted() {
        return counter.get();
    }

    int givenUp() {
        return givenUp.get();
    }

    /**
     * Offers the API answered with a 4xx other than 401 and 429. Every offer of the load is valid, so
     * each one is a wrong answer (an offer committed but reported as refused, or a valid one refused).
     */
    int refused() {
        return refused.get();
    }

    int replays() {
        return replays.get();
    }

    private void loop(Target t) {
        while (running.get()) {
            int n = counter.incrementAndGet();
            String id = runId + "-o" + n;
            int slot = n % 96;
            ObjectNode body = MarketplaceClient.object();
            body.put("id", id);
            body.put("congestionPointId", t.congestionPointId());
            body.put("assetId", t.assetId());
            body.put("day", day.toString());
            body.putObject("kwBySlot").put(Integer.toString(slot), 1.0);
            body.put("price", 0.2);
            body.put("minActivation", 0);
            post(t, id, body, t.org() + " " + slot);
        }
    }

    private void post(Target t, String id, ObjectNode body, String content) {
        String key = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + GIVE_UP.toMillis();
        long backoff = 250;
        while (true) {
            try {
                MarketplaceClient.Answer a = t.client().post("/api/offers", body, key, Duration.ofSeconds(40));
                long now = System.currentTimeMillis();
                acknowledged.put(id, content);
                if (a.replayed()) {
                    replays.incrementAndGet();
                }
                timeline.success("offers " + t.org(), now - epoch);
                return;
            } catch (ApiProblemException e) {
                if (e.status() < 500 && e.status() != 401 && e.status() != 429) {
                    // The API refused the offer itself: not something a retry changes.
                    System.err.printf("chaos: offer %s refused by %s: %d %s%n", id, t.org(), e.status(), e.detail());
                    refused.incrementAndGet();
                    return;
                }
            } catch (RuntimeException e) {
                // no token (the identity provider is down) or an unexpected failure of the try
            }
            long now = System.currentTimeMillis();
            timeline.failedTry(now - epoch);
            if (now > deadline) {
                givenUp.incrementAndGet();
                System.err.printf("chaos: gave up offer %s after %s%n", id, GIVE_UP);
                return;
            }
            sleep(backoff);
            backoff = Math.min(2000, backoff * 2);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
