package io.flexledger.devicebridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flexledger.devicebridge.reading.AcceptedReading;
import io.flexledger.devicebridge.reading.Rejection;
import io.flexledger.devicebridge.store.ReadingStore;
import io.flexledger.devicebridge.store.StoreException;
import io.flexledger.devicebridge.support.Harness;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.devicebridge.support.TestInfra;
import io.flexledger.domain.metering.SignedReading;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A reading the broker took is stored exactly once, whatever restarts in between. */
class RestartTest {
    private static final int DEVICES = 10;

    /** Signed readings of {@code DEVICES} meters for {@code slots} slots, sequence = slot + 1. */
    private static List<SignedReading> readings(Harness bridge, String prefix, LocalDate day, int fromSlot, int slots) {
        List<SignedReading> out = new ArrayList<>();
        List<TestDevice> meters = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            TestDevice m = TestDevice.create(prefix + "-meter-" + i, prefix + "-home-" + i);
            bridge.directory.register(m.device(), "Aggregator1MSP");
            meters.add(m);
        }
        for (int slot = fromSlot; slot < fromSlot + slots; slot++) {
            for (TestDevice m : meters) {
                out.add(m.sign(day, slot, "0.25", slot + 1));
            }
        }
        return out;
    }

    /** Publishes, retrying a publish that failed while the broker was away (as a device would). */
    private static void publishAll(Harness bridge, List<SignedReading> readings) {
        for (SignedReading r : readings) {
            while (true) {
                try {
                    bridge.publish(r);
                    break;
                } catch (RuntimeException e) {
                    await().atMost(Duration.ofSeconds(30)).until(bridge::publisherConnected);
                }
            }
        }
    }

    @Test
    void aBrokerRestartLosesNoReading() throws Exception {
        try (Harness bridge = new Harness()) {
            LocalDate day = Harness.today();
            bridge.startBridge();
            List<SignedReading> all = readings(bridge, "broker", day, 0, 60);
            List<SignedReading> whileRunning = all.subList(0, 200);
            List<SignedReading> whileAway = all.subList(200, 400);
            List<SignedReading> aroundRestart = all.subList(400, 600);

            publishAll(bridge, whileRunning);
            // The bridge leaves; what is published now waits in its session at the broker...
            bridge.stopBridge();
            publishAll(bridge, whileAway);
            // ...across a broker restart (the queue is in the broker's database).
            TestInfra.restartBroker();
            await().atMost(Duration.ofSeconds(30)).until(bridge::publisherConnected);
            bridge.startBridge();

            // And a restart while readings are being published and consumed.
            AtomicInteger published = new AtomicInteger();
            Thread publisher = new Thread(() -> {
                for (SignedReading r : aroundRestart) {
                    publishAll(bridge, List.of(r));
                    published.incrementAndGet();
                }
            });
            publisher.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> published.get() >= 50);
            TestInfra.restartBroker();
            publisher.join(60_000);
            assertThat(published.get()).isEqualTo(aroundRestart.size());

            await().atMost(Duration.ofSeconds(60)).until(() -> bridge.storedReadings() == all.size());
            assertThat(bridge.distinctStored()).isEqualTo(all.size());
            for (int i = 0; i < DEVICES; i++) {
                assertThat(bridge.store.readingsOfAsset(day, "broker-home-" + i))
                        .hasSize(60);
            }
        }
    }

    @Test
    void aBridgeThatStopsBeforeCommittingGetsTheReadingsAgain() {
        GatedStore gate = new GatedStore();
        try (Harness bridge = new Harness(store -> gate.wrap(store))) {
            LocalDate day = Harness.today();
            bridge.startBridge();
            List<SignedReading> all = readings(bridge, "crash", day, 0, 50);

            publishAll(bridge, all.subList(0, 200));
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.storedReadings() == 200);

            // The database stops answering: readings pile up in the bridge, taken but not committed.
            gate.close();
            publishAll(bridge, all.subList(200, 500));
            await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() && bridge.inFlight() > 0);
            int pending = bridge.inFlight();
            bridge.crashBridge();
            assertThat(pending).isPositive();
            assertThat(bridge.storedReadings()).isEqualTo(200);

            // A new bridge on the same session: the broker delivers every unacknowledged reading again.
            gate.open();
            bridge.startBridge();
            await().atMost(Duration.ofSeconds(60)).until(() -> bridge.storedReadings() == all.size());
            assertThat(bridge.distinctStored()).isEqualTo(all.size());
            for (int i = 0; i < DEVICES; i++) {
                assertThat(bridge.store.readingsOfAsset(day, "crash-home-" + i)).hasSize(50);
            }
        }
    }

    /** A store whose commits wait while the gate is closed; an interrupted wait commits nothing. */
    private static final class GatedStore {
        private volatile CountDownLatch latch = new CountDownLatch(0);
        private volatile boolean waiting;

        void close() {
            latch = new CountDownLatch(1);
        }

        void open() {
            latch.countDown();
        }

        boolean waiting() {
            return waiting;
        }

        ReadingStore wrap(ReadingStore real) {
            return new ReadingStore() {
                @Override
                public Set<LocalDate> sealedDays() {
                    return real.sealedDays();
                }

                @Override
                public Committed commit(List<AcceptedReading> r, List<Rejection> x, Instant at) {
                    waiting = true;
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StoreException("stopped before the commit", e);
                    } finally {
                        waiting = false;
                    }
                    return real.commit(r, x, at);
                }
            };
        }
    }
}
