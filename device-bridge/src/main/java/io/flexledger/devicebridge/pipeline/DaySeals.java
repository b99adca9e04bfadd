package io.flexledger.devicebridge.pipeline;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sealed days, and the lock that keeps a seal and a batch of stored readings apart: a batch is
 * decided and committed under the lock, a day is sealed under it, so no reading slips into a day
 * after its roots were computed.
 */
public final class DaySeals {
    private final Set<LocalDate> sealed = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();

    public DaySeals(Collection<LocalDate> alreadySealed) {
        sealed.addAll(alreadySealed);
    }

    /** Whether {@code day} is sealed. */
    public boolean isSealed(LocalDate day) {
        return sealed.contains(day);
    }

    /** Records {@code day} as sealed (call with the lock held, after the database has it). */
    public void add(LocalDate day) {
        sealed.add(day);
    }

    /** Takes the lock. */
    public void lock() {
        lock.lock();
    }

    /** Releases the lock. */
    public void unlock() {
        lock.unlock();
    }
}
