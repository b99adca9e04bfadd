package io.flexledger.devicebridge.pipeline;

import io.flexledger.client.reading.ReadingReceipt;
import io.flexledger.devicebridge.directory.DirectoryUnavailableException;
import io.flexledger.devicebridge.reading.AcceptedReading;
import io.flexledger.devicebridge.reading.Rejection;
import io.flexledger.devicebridge.reading.RejectionReason;
import io.flexledger.devicebridge.reading.Verdict;
import io.flexledger.devicebridge.store.JdbcReadingStore;
import io.flexledger.devicebridge.store.ReadingStore;
import io.flexledger.devicebridge.store.StoreException;
import io.flexledger.domain.metering.MeterReading;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Verifies messages on a small pool of workers and stores them in batches, then answers each with a
 * {@link ReadingReceipt} and acknowledges it.
 *
 * <p>A message is acknowledged only after its reading, or its rejection, is committed: a bridge that
 * stops before the commit never acknowledged it, so the broker delivers it again. Messages of one topic
 * (one device) go to one worker, so a device's readings reach the store in the order they were sent.
 * A device's day and slot is stored once (the store decides, in the batch's transaction): the same
 * reading again is a resend, answered as stored; another reading of a stored slot is a REPLAY. A slot
 * not stored yet takes its reading whatever the sequence, so a reading the broker lost, sent again by
 * its meter after later ones, is stored. Sealed days are decided by the single store thread.
 */
public final class IngestionPipeline {
    private static final Logger LOG = Logger.getLogger(IngestionPipeline.class);

    /**
     * How the pipeline runs.
     *
     * @param workers verification threads
     * @param batchSize most messages per transaction
     * @param maxBatchWait longest wait for a batch to fill once its first message is there
     */
    public record Settings(int workers, int batchSize, Duration maxBatchWait) {
        public Settings {
            if (workers < 1 || batchSize < 1 || maxBatchWait.isNegative()) {
                throw new IllegalArgumentException("workers and batch size must be >= 1, the wait >= 0");
            }
        }
    }

    /** A message on its way through: what arrived, how to answer it, what the checks said. */
    private record Item(String topic, Verdict verdict, Consumer<ReadingReceipt> done) {}

    private final ReadingVerifier verifier;
    private final ReadingStore store;
    private final DaySeals seals;
    private final BridgeStats stats;
    private final Settings settings;
    private final Clock clock;
    private final BlockingQueue<Item> verified = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ExecutorService[] workers;
    private Thread writer;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean halted;

    public IngestionPipeline(
            ReadingVerifier verifier,
            ReadingStore store,
            DaySeals seals,
            BridgeStats stats,
            Settings settings,
            Clock clock) {
        this.verifier = verifier;
        this.store = store;
        this.seals = seals;
        this.stats = stats;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts the workers and the store thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopping = false;
        halted = false;
        workers = new ExecutorService[settings.workers()];
        for (int i = 0; i < workers.length; i++) {
            String name = "bridge-verify-" + i;
            workers[i] = Executors.newSingleThreadExecutor(r -> daemon(r, name));
        }
        writer = daemon(this::writeLoop, "bridge-store");
        writer.start();
    }

    /**
     * Takes one message; {@code done} gets its receipt once its outcome is committed (on the store
     * thread), and should then acknowledge it.
     *
     * @param topic the MQTT topic, {@code …/<deviceId>}
     */
    public void submit(String topic, byte[] payload, Consumer<ReadingReceipt> done) {
        if (!running) {
            return; // not acknowledged: the broker keeps it for the next session
        }
        inFlight.incrementAndGet();
        ExecutorService worker = workers[Math.floorMod(topic.hashCode(), workers.length)];
        worker.execute(() -> verify(topic, payload, done));
    }

    /** Messages taken but not yet committed. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops after committing and acknowledging what was taken, waiting at most {@code timeout}.
     * Call after the message source has stopped delivering.
     */
    public synchronized void stop(Duration timeout) {
        if (!running) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        stopping = true;
        for (ExecutorService w : workers) {
            w.shutdown();
        }
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        running = false;
        halt();
    }

    /**
     * Stops at once, as a crash would: whatever is not committed is dropped and never acknowledged,
     * so the broker delivers it again to the next session.
     */
    public synchronized void halt() {
        running = false;
        halted = true;
        if (workers != null) {
            for (ExecutorService w : workers) {
                w.shutdownNow();
            }
        }
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        verified.clear();
        inFlight.set(0);
    }

    private void verify(String topic, byte[] payload, Consumer<ReadingReceipt> done) {
        while (!halted) {
            try {
                verified.add(new Item(topic, verifier.check(topic, payload), done));
                return;
            } catch (DirectoryUnavailableException e) {
                if (stopping) {
                    // Left unacknowledged: the broker delivers it to the next session.
                    inFlight.decrementAndGet();
                    return;
                }
                // The registry is away: keep the message and ask again; refusing it would lose it.
                LOG.warnf("device registry unavailable (%s); retrying %s in 1 s", e.getMessage(), topic);
                sleep(1000);
            } catch (RuntimeException e) {
                LOG.errorf(e, "verification failed unexpectedly for %s; message left unacknowledged", topic);
                inFlight.decrementAndGet();
                return;
            }
        }
    }

    private void writeLoop() {
        List<Item> batch = new ArrayList<>(settings.batchSize());
        while (!halted) {
            try {
                Item first = verified.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + settings.maxBatchWait().toNanos();
                while (batch.size() < settings.batchSize()) {
                    verified.drainTo(batch, settings.batchSize() - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= settings.batchSize() || left <= 0) {
                        break;
                    }
                    Item next = verified.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                writeUntilCommitted(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void writeUntilCommitted(List<Item> batch) throws InterruptedException {
        while (!halted) {
            try {
                write(batch);
                return;
            } catch (StoreException e) {
                // The database is away: keep the batch, unacknowledged, and try again.
                LOG.warnf("could not store a batch of %d (%s); retrying in 1 s", batch.size(), e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    private void write(List<Item> batch) {
        List<AcceptedReading> readings = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Verdict[] outcome = new Verdict[batch.size()];
        int[] readingIndex = new int[batch.size()];
        seals.lock();
        ReadingStore.Committed committed;
        try {
            for (int i = 0; i < batch.size(); i++) {
                Verdict v = batch.get(i).verdict();
                readingIndex[i] = -1;
                if (v instanceof AcceptedReading a) {
                    MeterReading m = a.signed().reading();
                    if (seals.isSealed(m.day())) {
                        // OUT_OF_PERIOD: a sealed day's roots are fixed, so it takes no more readings.
                        v = rejection(a, RejectionReason.OUT_OF_PERIOD, "day " + m.day() + " is sealed");
                    } else {
                        readingIndex[i] = readings.size();
                        readings.add(a);
                    }
                }
                if (v instanceof Rejection r) {
                    rejections.add(withTopic(r, batch.get(i).topic()));
                }
                outcome[i] = v;
            }
            committed = store.commit(readings, rejections, clock.instant());
        } finally {
            seals.unlock();
        }
        if (halted) {
            return; // committed, but a crashed bridge would not have acknowledged
        }
        for (int i = 0; i < batch.size(); i++) {
            Verdict v = outcome[i];
            int r = readingIndex[i];
            if (r >= 0 && committed.replays().contains(r)) {
                v = withTopic(
                        JdbcReadingStore.sameSlotReplay((AcceptedReading) v),
                        batch.get(i).topic());
            }
            ReadingReceipt receipt;
            if (v instanceof AcceptedReading a) {
                boolean resent = committed.resent().contains(r);
                if (resent) {
                    stats.resent();
                } else {
                    stats.accepted(1);
                }
                receipt = Receipts.of(a, resent);
            } else {
                Rejection x = (Rejection) v;
                stats.rejected(x.reason());
                LOG.infof(
                        "rejected reading: reason=%s device=%s day=%s slot=%s sequence=%s: %s",
                        x.reason(), x.deviceId(), x.day(), x.slot(), x.sequence(), x.detail());
                receipt = Receipts.of(x);
            }
            answer(batch.get(i), receipt);
            inFlight.decrementAndGet();
        }
    }

    private static void answer(Item item, ReadingReceipt receipt) {
        try {
            item.done().accept(receipt);
        } catch (RuntimeException e) {
            // The session ended meanwhile: the broker delivers the message again, and it is a resend then.
            LOG.debugf("receipt or acknowledgement of a message on %s not sent: %s", item.topic(), e.getMessage());
        }
    }

    private static Rejection rejection(AcceptedReading a, RejectionReason reason, String detail) {
        MeterReading m = a.signed().reading();
        return new Rejection(reason, detail, null, m.deviceId(), m.day(), m.slot(), m.sequence(), null);
    }

    private static Rejection withTopic(Rejection r, String topic) {
        return r.topic() != null
                ? r
                : new Rejection(
                        r.reason(), r.detail(), topic, r.deviceId(), r.day(), r.slot(), r.sequence(), r.payload());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
