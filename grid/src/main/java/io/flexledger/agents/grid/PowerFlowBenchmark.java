package io.flexledger.agents.grid;

import java.util.Arrays;

/**
 * Benchmark (not a test) of one power-flow slot on the Pontypool network: 96 slots of varied
 * home loads (import and export, pf 0.95), solved round and round after a warm-up; prints the
 * mean and the median of per-slot batch means in microseconds.
 *
 * <p>Run: {@code java -cp grid/target/classes io.flexledger.agents.grid.PowerFlowBenchmark [seconds]}
 */
public final class PowerFlowBenchmark {

    private PowerFlowBenchmark() {}

    /** Entry point; the optional argument is the measuring time in seconds (default 5). */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        LvNetwork net = PontypoolNetwork.create();
        int homes = net.homeCount();
        double[][] kw = new double[96][homes];
        double[][] kvar = new double[96][homes];
        double tan = Math.tan(Math.acos(0.95));
        for (int t = 0; t < 96; t++) {
            for (int h = 0; h < homes; h++) {
                // a day-shaped load with a midday PV dip into export for some homes
                double load = 0.4 + 1.6 * Math.pow(Math.sin(Math.PI * t / 96), 2) + 0.3 * ((h * 7 + t) % 5);
                double pv = h % 3 == 0 ? 3.5 * Math.max(0, Math.sin(Math.PI * (t - 28) / 48.0)) : 0;
                kw[t][h] = load - pv;
                kvar[t][h] = load * tan;
            }
        }
        PowerFlow pf = new PowerFlow(net);
        GridState s = pf.newState();
        double sink = 0;
        // warm-up: let the JIT compile the sweep
        for (int i = 0; i < 50_000; i++) {
            pf.solve(kw[i % 96], kvar[i % 96], s);
            sink += s.transformerKva();
        }
        int batches = 0;
        double[] batchMicros = new double[10_000];
        long totalSlots = 0;
        long totalNanos = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int maxIterations = 0;
        while (System.nanoTime() < end && batches < batchMicros.length) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 960; i++) {
                pf.solve(kw[i % 96], kvar[i % 96], s);
                sink += s.transformerKva();
                maxIterations = Math.max(maxIterations, s.iterations());
            }
            long dt = System.nanoTime() - t0;
            batchMicros[batches++] = dt / 1e3 / 960;
            totalSlots += 960;
            totalNanos += dt;
        }
        double[] sorted = Arrays.copyOf(batchMicros, batches);
        Arrays.sort(sorted);
        System.out.printf(
                "power flow, %d homes, %d slots solved: mean %.2f us/slot, median batch %.2f us/slot,"
                        + " worst batch %.2f us/slot, max sweeps %d (checksum %.1f)%n",
                homes,
                totalSlots,
                totalNanos / 1e3 / totalSlots,
                sorted[batches / 2],
                sorted[batches - 1],
                maxIterations,
                sink);
    }
}
