package io.flexledger.tools.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the clients saw, in milliseconds since the run began: each successful write per stream (e.g.
 * {@code offers aggregator1}), each failed try, and each fault. Thread-safe to record; {@link
 * #windows} cuts it into one window per fault (from the kill to the next kill or the end of the load).
 */
public final class Timeline {
    /** A process killed at {@code atMillis}. */
    public record Fault(String kind, String process, long pid, long atMillis) {}

    /**
     * One fault's window and what clients saw in it.
     *
     * @param fault the fault (null for the window before the first one)
     * @param fromMillis start of the window
     * @param toMillis end of the window
     * @param outageMillis per stream, the longest time in the window without a successful write
     * @param failedTries failed tries (later retried) in the window
     */
    public record Window(
            Fault fault, long fromMillis, long toMillis, Map<String, Long> outageMillis, int failedTries) {}

    private final Map<String, List<Long>> successes = new TreeMap<>();
    private final List<Long> failures = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();

    /** A write of {@code stream} succeeded at {@code atMillis}. */
    public synchronized void success(String stream, long atMillis) {
        successes.computeIfAbsent(stream, s -> new ArrayList<>()).add(atMillis);
    }

    /** A try failed at {@code atMillis} (the client will try again). */
    public synchronized void failedTry(long atMillis) {
        failures.add(atMillis);
    }

    /** A process was killed. */
    public synchronized void fault(Fault fault) {
        faults.add(fault);
    }

    /** The faults so far, in order. */
    public synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }

    /** When the first write of any stream succeeded (0 if none did): the baseline starts there. */
    public synchronized long firstSuccess() {
        return successes.values().stream()
                .flatMap(List::stream)
                .min(Long::compare)
                .orElse(0L);
    }

    /** Failed tries in all. */
    public synchronized int failedTries() {
        return failures.size();
    }

    /**
     * The windows: before the first fault (the baseline), then one per fault up to the next fault or
     * {@code endMillis}. A stream's outage in a window is the longest stretch between the window's
     * start, its successful writes and its end.
     */
    public synchronized List<Window> windows(long startMillis, long endMillis) {
        List<Fault> sorted = new ArrayList<>(faults);
        sorted.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        List<Window> out = new ArrayList<>();
        long from = startMillis;
        Fault current = null;
        for (int i = 0; i <= sorted.size(); i++) {
            long to = i < sorted.size() ? sorted.get(i).atMillis() : endMillis;
            if (to > from || current != null) {
                out.add(window(current, from, Math.max(from, to)));
            }
            if (i < sorted.size()) {
                current = sorted.get(i);
                from = current.atMillis();
            }
        }
        return out;
    }

    private Window window(Fault fault, long from, long to) {
        Map<String, Long> outage = new LinkedHashMap<>();
        for (var e : successes.entrySet()) {
            outage.put(e.getKey(), longestGap(e.getValue(), from, to));
        }
        int failed = (int) failures.stream().filter(t -> t >= from && t < to).count();
        return new Window(fault, from, to, outage, failed);
    }

    /** The longest stretch of [from, to] without one of {@code times}. */
    static long longestGap(List<Long> times, long from, long to) {
        List<Long> in = new ArrayList<>();
        for (long t : times) {
            if (t > from && t < to) {
                in.add(t);
            }
        }
        Collections.sort(in);
        long previous = from;
        long longest = 0;
        for (long t : in) {
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        return Math.max(longest, to - previous);
    }
}
