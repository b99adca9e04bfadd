package io.flexledger.marketplaceapi.ledger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.jboss.logging.Logger;

/**
 * The chaincode events this instance receives, read from the ledger once and handed to every
 * listener (the gate-closure clearing, the live event stream of {@code GET /api/events}). One thread
 * follows the ledger from the first listener on; after a lost connection it reconnects and resumes
 * just after the last event delivered, so listeners see each committed event once, in commit order.
 */
@ApplicationScoped
public class LedgerEvents {
    private static final Logger LOG = Logger.getLogger(LedgerEvents.class);

    /** Where events come from: the ledger's event stream, resumed after a checkpoint. */
    @FunctionalInterface
    public interface Source {
        CloseableIterator<ChaincodeEvent> from(Checkpoint checkpoint);
    }

    private final Source source;
    private final Duration retry;
    private final boolean follow;
    private final InMemoryCheckpointer checkpoint = new InMemoryCheckpointer();
    private final List<Consumer<LedgerEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile CloseableIterator<ChaincodeEvent> current;
    private final java.util.concurrent.atomic.AtomicLong added = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean stopping;
    private Thread follower;

    @Inject
    public LedgerEvents(
            FabricLedger ledger, @ConfigProperty(name = "flex.events.retry", defaultValue = "5s") Duration retry) {
        this(ledger::chaincodeEvents, retry, true);
    }

    /** A relay of {@code source}; without {@code follow}, connections are made by {@link #followOnce()} only. */
    LedgerEvents(Source source, Duration retry, boolean follow) {
        this.source = source;
        this.retry = retry;
        this.follow = follow;
    }

    /**
     * Adds a listener, called on the follower thread for each event; the ledger is followed from the
     * first listener on. Returns what removes the listener again.
     */
    public Runnable listen(Consumer<LedgerEvent> listener) {
        listeners.add(listener);
        added.incrementAndGet();
        startFollowing();
        return () -> listeners.remove(listener);
    }

    /**
     * How many listeners were ever added: it only grows, so a new listener shows even while an earlier
     * one is being removed (which {@link #listenerCount()} would hide).
     */
    public long listenersAdded() {
        return added.get();
    }

    /** How many listeners there are now. */
    public int listenerCount() {
        return listeners.size();
    }

    /** Hands one event to every listener; one listener's failure does not keep it from the others. */
    public void deliver(LedgerEvent event) {
        for (Consumer<LedgerEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a listener of %s %s failed", event.name(), event.txId());
            }
        }
    }

    /**
     * One connection to the ledger's event stream, resumed after the last delivered event, until it
     * ends or fails. Returns whether it ended without failing.
     */
    boolean followOnce() {
        try (CloseableIterator<ChaincodeEvent> events = source.from(checkpoint)) {
            current = events;
            while (!stopping && events.hasNext()) {
                ChaincodeEvent e = events.next();
                // An event of several records (a FlexOffer's options) reaches listeners as one per record.
                LedgerEvent.all(e).forEach(this::deliver);
                // Delivered: a reconnection resumes after this event.
                checkpoint.checkpointChaincodeEvent(e);
            }
            return true;
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.debugf("chaincode events interrupted (%s); reconnecting in %s", e.getMessage(), retry);
            }
            return false;
        } finally {
            current = null;
        }
    }

    private synchronized void startFollowing() {
        if (!follow || follower != null || stopping) {
            return;
        }
        Thread t = new Thread(this::follow, "ledger-events");
        t.setDaemon(true);
        t.start();
        follower = t;
    }

    private void follow() {
        while (!stopping) {
            followOnce();
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        CloseableIterator<ChaincodeEvent> c = current;
        if (c != null) {
            c.close();
        }
        synchronized (this) {
            if (follower != null) {
                follower.interrupt();
            }
        }
    }
}
