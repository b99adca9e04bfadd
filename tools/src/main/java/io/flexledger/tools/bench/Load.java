package io.flexledger.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Runs {@code count} offers with {@code concurrency} clients, each taking the next offer when done. */
final class Load {
    /** How one offer ended. */
    record Outcome(boolean committed, int retries, String error) {}

    /** One offer, numbered from 0. */
    @FunctionalInterface
    interface Offer {
        Outcome post(int index);
    }

    /** The per-run measurements collected by the clients. */
    record Measured(
            int committed,
            int errors,
            int retries,
            double wallSeconds,
            double[] latenciesMs,
            List<String> firstErrors) {}

    private Load() {}

    static Measured run(int count, int concurrency, Offer offer, Supplier<Boolean> progress) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        double[] latencies = new double[count];
        boolean[] ok = new boolean[count];
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        Outcome o;
                        try {
                            o = offer.post(i);
                        } catch (RuntimeException e) {
                            o = new Outcome(false, 0, e.toString());
                        }
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                        retries.addAndGet(o.retries());
                        if (o.committed()) {
                            ok[i] = true;
                            committed.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add("offer " + i + ": " + o.error());
                            }
                        }
                        progress.get();
                    }
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double[] committedLatencies = new double[committed.get()];
        int j = 0;
        for (int i = 0; i < count && j < committedLatencies.length; i++) {
            if (ok[i]) {
                committedLatencies[j++] = latencies[i];
            }
        }
        return new Measured(committed.get(), errors.get(), retries.get(), wall, committedLatencies, firstErrors);
    }
}
