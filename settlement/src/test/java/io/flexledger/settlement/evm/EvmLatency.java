package io.flexledger.settlement.evm;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Measures, on a ganache started for the purpose, how long the settlement chain takes to deploy
 * both contracts (connect included), anchor one period, pay out one settlement and read a root.
 * Not a test: prints median, minimum and maximum of a few runs.
 *
 * <pre>./mvnw -B -q -pl settlement test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.flexledger.settlement.evm.EvmLatency [-Dexec.args=RUNS]</pre>
 */
public final class EvmLatency {

    private EvmLatency() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (Ganache ganache = Ganache.start()) {
            EvmConfig base = ganache.config();
            List<Long> deploy = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Path file = ganache.flexHome().resolve("evm/latency-" + i + ".json");
                deploy.add(timed(() -> {
                    EvmSettlementChain.connect(base.withContractsFile(file)).close();
                    return 0;
                }));
            }
            try (EvmSettlementChain chain = EvmSettlementChain.connect(base)) {
                LocalDate day = LocalDate.of(2027, 1, 1);
                EvmAddress aggregator = base.aggregatorAccounts().of("Aggregator1MSP");
                List<Long> anchor = new ArrayList<>();
                List<Long> payout = new ArrayList<>();
                List<Long> read = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    LocalDate d = day.plusDays(i);
                    Bytes32 root = Bytes32.keccak256Utf8("root-" + i);
                    Bytes32 settlement = EvmIds.settlementId("stl-latency-" + i);
                    long cents = 1_000 + i;
                    anchor.add(timed(() -> chain.anchorPeriod(d, root).blockNumber()));
                    payout.add(timed(
                            () -> chain.payout(aggregator, cents, settlement).blockNumber()));
                    read.add(timed(() -> chain.anchoredRoot(d).isPresent() ? 1 : 0));
                }
                report("deploy both contracts (connect included)", deploy);
                report("anchor one period", anchor);
                report("pay out one settlement", payout);
                report("read one anchored root", read);
            }
        }
    }

    private interface Step {
        long run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return System.nanoTime() - started;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        LongSupplier median = () -> sorted.get(sorted.size() / 2);
        System.out.printf(
                "%-42s median %6.1f ms  min %6.1f ms  max %6.1f ms  (n=%d)%n",
                what,
                median.getAsLong() / 1e6,
                sorted.get(0) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6,
                sorted.size());
    }
}
