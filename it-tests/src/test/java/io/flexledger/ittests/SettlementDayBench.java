package io.flexledger.ittests;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark of a Pontypool day on the running stack (not a test): HOMES homes (184 by default,
 * half for each aggregator) meter 96 slots each, every home has an order, and the day is sealed,
 * settled and audited. Prints the wall time of each step; the audit runs twice, with the given number
 * of workers and with one, as the baseline of the same run.
 *
 * <pre>./flex bench settlement [HOMES] [WORKERS]</pre>
 */
public final class SettlementDayBench {
    private SettlementDayBench() {}

    public static void main(String[] args) throws Exception {
        int homes = args.length > 0 ? Integer.parseInt(args[0]) : 184;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        LocalDate d = DeliveryDay.freshDay();
        DeliveryDay day = new DeliveryDay(d);
        System.out.printf("settlement benchmark: %d homes, day %s, %d workers%n", homes, d, workers);
        Market.congestionPoints();

        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> setup = new ArrayList<>();
        for (int i = 0; i < homes; i++) {
            String msp = i % 2 == 0 ? "Aggregator1MSP" : "Aggregator2MSP";
            // Shares of 1, 0.75, 0.5, 0.25 and 0: full, partial and no delivery.
            double share = (4 - i % 5) / 4.0;
            setup.add(pool.submit(() -> day.addHome(msp, share)));
        }
        for (Future<?> f : setup) {
            f.get();
        }
        pool.shutdown();
        step("register homes and meters, commit baselines, offer", t0);

        t0 = System.nanoTime();
        day.orderAll();
        step("the DSO orders every offer (one after another)", t0);

        t0 = System.nanoTime();
        day.meterTheDay();
        long readings =
                (long) homes * io.flexledger.domain.time.MarketPeriod.of(d).slotCount();
        double s = step("meter the day: " + readings + " signed readings over MQTT, verified and stored", t0);
        System.out.printf(Locale.ROOT, "    %.0f readings/s end to end through the running bridge%n", readings / s);

        t0 = System.nanoTime();
        day.seal();
        step("seal: Merkle roots per aggregator, anchored on the ledger", t0);

        t0 = System.nanoTime();
        ExecutorService reveal = Executors.newFixedThreadPool(workers);
        List<Future<?>> reveals = new ArrayList<>();
        for (List<DeliveryDay.Home> part : partition(day.homes, workers)) {
            DeliveryDay one = new DeliveryDay(d);
            one.homes.addAll(part);
            reveals.add(reveal.submit(() -> {
                one.reveal();
                return null;
            }));
        }
        for (Future<?> f : reveals) {
            f.get();
        }
        reveal.shutdown();
        step("reveal the baselines", t0);

        String w = Integer.toString(workers);
        timed(
                "settle: " + homes + " orders on the ledger, EVM anchor, payouts",
                "settle",
                "--day",
                d.toString(),
                "--workers",
                w);
        double audit = timed("audit with " + workers + " workers", "audit", "--period", d.toString(), "--workers", w);
        double audit1 = timed("audit with 1 worker (baseline)", "audit", "--period", d.toString(), "--workers", "1");
        System.out.printf(Locale.ROOT, "    audit speed-up %d workers / 1 worker: %.2fx%n", workers, audit1 / audit);
    }

    private static List<List<DeliveryDay.Home>> partition(List<DeliveryDay.Home> all, int parts) {
        List<List<DeliveryDay.Home>> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            out.get(i % parts).add(all.get(i));
        }
        return out;
    }

    private static double step(String what, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  %-72s %8.1f s%n", what, s);
        return s;
    }

    private static double timed(String what, String... args) {
        long t0 = System.nanoTime();
        FlexStack.Result r = FlexStack.flex(1800, args);
        double s = step(what, t0);
        String[] lines = r.output().strip().split("\n");
        System.out.println("    exit " + r.exit() + ": " + lines[lines.length - 1]);
        if (r.exit() != 0) {
            System.out.println(r.output());
            throw new IllegalStateException(args[0] + " failed");
        }
        return s;
    }
}
