package io.flexledger.marketplaceapi.ledger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * One connection per gateway endpoint, tried in order: calls go to the current one; when it does not
 * answer (a failure {@code tryNext} accepts), the next one becomes current and the call is made there,
 * until each endpoint has been tried once. The current endpoint stays current while it answers (no
 * switch back on its own), so every call after a switch goes straight to a peer that answered. Each
 * switch is logged.
 *
 * @param <C> a connection to one endpoint
 */
public final class GatewayFailover<C> {
    private static final Logger LOG = Logger.getLogger(GatewayFailover.class);

    /** Called with the connection that becomes current, e.g. to have it reconnect at once. */
    @FunctionalInterface
    public interface OnSwitch<C> {
        void switchedTo(C connection);
    }

    private final List<String> endpoints;
    private final List<C> connections;
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger switches = new AtomicInteger();
    /** System.nanoTime() of the last switch; meaningful only once {@link #switches} is above 0. */
    private final AtomicLong lastSwitchNanos = new AtomicLong();

    private final OnSwitch<C> onSwitch;

    public GatewayFailover(List<String> endpoints, List<C> connections, OnSwitch<C> onSwitch) {
        if (endpoints.isEmpty() || endpoints.size() != connections.size()) {
            throw new IllegalArgumentException(
                    "need one connection per endpoint, got " + connections.size() + " for " + endpoints);
        }
        this.endpoints = List.copyOf(endpoints);
        this.connections = List.copyOf(connections);
        this.onSwitch = onSwitch;
    }

    /** The endpoints in the order they are tried. */
    public List<String> endpoints() {
        return endpoints;
    }

    /** Every connection, in the order of {@link #endpoints()}. */
    public List<C> connections() {
        return connections;
    }

    /** The index of the endpoint calls go to now. */
    public int currentIndex() {
        return current.get();
    }

    /** The endpoint calls go to now. */
    public String currentEndpoint() {
        return endpoints.get(current.get());
    }

    /** The connection calls go to now. */
    public C current() {
        return connections.get(current.get());
    }

    /** How many times the current endpoint has changed. */
    public int switches() {
        return switches.get();
    }

    /** Whether the current endpoint changed less than {@code window} ago. */
    public boolean switchedWithin(Duration window) {
        return switches.get() > 0 && System.nanoTime() - lastSwitchNanos.get() < window.toNanos();
    }

    /**
     * Runs {@code call} on the current connection; on a failure that {@code tryNext} accepts, moves on
     * to the next endpoint and runs it there, at most once per endpoint. Other failures, and the last
     * one when every endpoint failed, are thrown as they are.
     */
    public <T> T call(String what, Function<C, T> call, Predicate<RuntimeException> tryNext) {
        int n = connections.size();
        int first = current.get();
        RuntimeException last = null;
        for (int i = 0; i < n; i++) {
            int index = (first + i) % n;
            try {
                return call.apply(connections.get(index));
            } catch (RuntimeException e) {
                if (!tryNext.test(e)) {
                    throw e;
                }
                last = e;
                failed(index, what + ": " + e.getMessage());
            }
        }
        throw last;
    }

    /**
     * Reports that the endpoint at {@code index} did not answer: if it is still the current one, the
     * next endpoint becomes current (logged). Returns whether this call made the switch (when several
     * calls fail on the same endpoint at once, only the first switches).
     */
    public boolean failed(int index, String reason) {
        int n = connections.size();
        if (n == 1) {
            return false;
        }
        int next = (index + 1) % n;
        if (!current.compareAndSet(index, next)) {
            return false;
        }
        lastSwitchNanos.set(System.nanoTime());
        switches.incrementAndGet();
        LOG.warnf(
                "ledger: gateway peer %s did not answer (%s); switching to %s (%d of %d)",
                endpoints.get(index), reason, endpoints.get(next), next + 1, n);
        onSwitch.switchedTo(connections.get(next));
        return true;
    }
}
