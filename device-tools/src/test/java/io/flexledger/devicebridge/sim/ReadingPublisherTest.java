package io.flexledger.devicebridge.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.devicebridge.support.Harness;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.devicebridge.support.TestInfra;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device simulator's publishing on the real broker and a real bridge: a reading counts once its
 * receipt came; what no receipt answered is sent again, and stored once.
 */
class ReadingPublisherTest {
    private static Harness bridge;

    @BeforeAll
    static void start() {
        bridge = new Harness();
        bridge.startBridge();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    private static MeteredProfile day(TestDevice meter, double kw) {
        int slots = io.flexledger.domain.time.MarketPeriod.of(Harness.today()).slotCount();
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            values.add(BigDecimal.valueOf(kw));
        }
        return new MeteredProfile(meter.id(), meter.assetId(), Harness.today(), values);
    }

    private static ReadingPublisher publisher(String deviceId, Duration wait, Duration resendAfter) {
        return new ReadingPublisher(
                "127.0.0.1",
                TestInfra.mqttPort(),
                bridge.readingTopic(deviceId),
                bridge.receiptTopic(deviceId),
                wait,
                resendAfter);
    }

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void aDayIsStoredAndTheSameDayAgainIsAnsweredAsStoredNotStoredTwice() throws Exception {
        TestDevice meter = TestDevice.create("meter-pub", "home-pub");
        bridge.directory.register(meter.device(), "Aggregator1MSP");
        MeteredProfile profile = day(meter, 0.4);
        int slots = profile.kwBySlot().size();

        ReadingPublisher.Outcome first = publisher(meter.id(), Duration.ofSeconds(60), Duration.ofSeconds(30))
                .publish(profile, meter.keys(), 1, "pub-" + meter.id(), sink());
        assertThat(first.allStored()).as(first.toString()).isTrue();
        assertThat(first.outcomes()).isEqualTo(Map.of("STORED", slots));
        assertThat(bridge.store.readingsOfAsset(Harness.today(), "home-pub")).hasSize(slots);

        // The same signed day again (the same sequences): every reading is a resend.
        ReadingPublisher.Outcome again = publisher(meter.id(), Duration.ofSeconds(60), Duration.ofSeconds(30))
                .publish(profile, meter.keys(), 1, "pub-" + meter.id(), sink());
        assertThat(again.outcomes()).isEqualTo(Map.of("RESENT", slots));
        assertThat(bridge.store.readingsOfAsset(Harness.today(), "home-pub")).hasSize(slots);
    }

    @Test
    void readingsWithoutAReceiptAreSentAgainUntilTheBridgeAnswers() throws Exception {
        TestDevice meter = TestDevice.create("meter-late", "home-late");
        bridge.directory.register(meter.device(), "Aggregator1MSP");
        MeteredProfile profile = day(meter, 0.2);
        int slots = profile.kwBySlot().size();
        // The bridge is away while the meter publishes; it comes back 3 s later.
        bridge.stopBridge();
        CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bridge.startBridge();
        });
        ReadingPublisher.Outcome outcome = publisher(meter.id(), Duration.ofSeconds(90), Duration.ofSeconds(1))
                .publish(profile, meter.keys(), 1, "pub-" + meter.id(), sink());
        back.join();
        assertThat(outcome.allStored()).as(outcome.toString()).isTrue();
        assertThat(outcome.resent())
                .as("readings sent again while no receipt came")
                .isPositive();
        assertThat(bridge.store.readingsOfAsset(Harness.today(), "home-late")).hasSize(slots);
    }

    @Test
    void refusedReadingsAndMissingReceiptsAreReported() throws Exception {
        // A meter the ledger does not know: every reading is refused, and the receipts say why.
        TestDevice stranger = TestDevice.create("meter-stranger", "home-stranger");
        MeteredProfile profile = day(stranger, 0.1);
        ReadingPublisher.Outcome refused = publisher(stranger.id(), Duration.ofSeconds(60), Duration.ofSeconds(30))
                .publish(profile, stranger.keys(), 1, "pub-" + stranger.id(), sink());
        assertThat(refused.allStored()).isFalse();
        assertThat(refused.refused()).hasSize(profile.kwBySlot().size());
        assertThat(refused.refused().get(0)).contains("UNKNOWN_DEVICE");

        // No bridge answers on this receipt topic: nothing is confirmed, and the outcome says so.
        TestDevice meter = TestDevice.create("meter-unanswered", "home-unanswered");
        ReadingPublisher unanswered = new ReadingPublisher(
                "127.0.0.1",
                TestInfra.mqttPort(),
                "nobody-listens/readings/" + meter.id(),
                "nobody-listens/receipts/" + meter.id(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1));
        ReadingPublisher.Outcome none = unanswered.publish(day(meter, 0.1), meter.keys(), 1, "pub-none", sink());
        assertThat(none.withoutReceipt()).isEqualTo(profile.kwBySlot().size());
        assertThat(none.allStored()).isFalse();
    }
}
