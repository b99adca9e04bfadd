package io.flexledger.devicebridge.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.devicebridge.store.AnchorRecord;
import io.flexledger.devicebridge.support.Harness;
import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sealing a day: one root per aggregator over its homes' readings, proofs that lead to it. */
class AnchorsTest {
    private Harness bridge;
    private LocalDate day;
    private final List<SignedReading> agg1 = new ArrayList<>();
    private final List<SignedReading> agg2 = new ArrayList<>();
    private TestDevice meterC;

    @BeforeEach
    void publishADay() {
        bridge = new Harness();
        bridge.startBridge();
        day = Harness.today().minusDays(1);
        // Two homes of Aggregator1 (one with two meters), one of Aggregator2; ids chosen out of order.
        TestDevice a = TestDevice.create("meter-b", "home-2");
        TestDevice b = TestDevice.create("meter-a", "home-2");
        TestDevice c = TestDevice.create("meter-c", "home-1");
        TestDevice d = TestDevice.create("meter-d", "home-9");
        meterC = c;
        bridge.directory.register(a.device(), "Aggregator1MSP");
        bridge.directory.register(b.device(), "Aggregator1MSP");
        bridge.directory.register(c.device(), "Aggregator1MSP");
        bridge.directory.register(d.device(), "Aggregator2MSP");
        long seq = 1;
        for (int slot = 0; slot < 5; slot++, seq++) {
            for (TestDevice t : List.of(a, b, c)) {
                SignedReading r = t.sign(day, slot, "0." + (slot + 1) + "00", seq);
                agg1.add(r);
                bridge.publish(r);
            }
            SignedReading r = d.sign(day, slot, "-0.25", seq);
            agg2.add(r);
            bridge.publish(r);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.storedReadings() == 20);
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void theRootOfEachAggregatorIsTheMerkleRootOfItsReadingsInAssetDeviceSlotOrder() {
        AnchorService.SealResult result = bridge.anchors().seal(day);

        assertThat(result.ledgerErrors()).isEmpty();
        Map<String, ReadingAnchor> byMsp = new java.util.HashMap<>();
        result.anchors().forEach(a -> byMsp.put(a.anchor().aggregatorMsp(), a.anchor()));
        assertThat(byMsp).containsOnlyKeys("Aggregator1MSP", "Aggregator2MSP");
        assertThat(byMsp.get("Aggregator1MSP")).isEqualTo(expected("Aggregator1MSP", agg1));
        assertThat(byMsp.get("Aggregator2MSP")).isEqualTo(expected("Aggregator2MSP", agg2));
        assertThat(bridge.ledger.all()).containsExactlyInAnyOrderElementsOf(byMsp.values());
        assertThat(result.anchors()).allMatch(AnchorRecord::onLedger);
    }

    @Test
    void everyServedProofLeadsToTheSealedRoot() {
        bridge.anchors().seal(day);
        for (String home : List.of("home-1", "home-2", "home-9")) {
            DayReadings served = bridge.anchors().readingsOf(day, home).orElseThrow();
            assertThat(served.readings()).isNotEmpty();
            for (ProvenReading r : served.readings()) {
                assertThat(r.signed().reading().assetId()).isEqualTo(home);
                assertThat(r.proof().leafCount()).isEqualTo(served.anchor().leafCount());
                assertThat(r.proof()
                                .verify(r.signed().leafHash(), served.anchor().rootHex()))
                        .as("proof of %s", r.signed().reading().canonicalText())
                        .isTrue();
            }
        }
        assertThat(bridge.anchors().readingsOf(day, "home-1").orElseThrow().readings())
                .hasSize(5);
        assertThat(bridge.anchors().readingsOf(day, "home-2").orElseThrow().readings())
                .hasSize(10);
    }

    @Test
    void aReadingChangedInTheDatabaseAfterTheSealNoLongerProves() {
        bridge.anchors().seal(day);
        int changed =
                bridge.execute("UPDATE meter_reading SET net_kwh = 0.050000 WHERE device_id = 'meter-c' AND slot = 2");
        assertThat(changed).isEqualTo(1);

        DayReadings served = bridge.anchors().readingsOf(day, "home-1").orElseThrow();
        ProvenReading tampered = served.readings().stream()
                .filter(r -> r.signed().reading().slot() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(tampered.proof()
                        .verify(tampered.signed().leafHash(), served.anchor().rootHex()))
                .isFalse();
        // The meter's own signature gives the change away too.
        assertThat(tampered.signed().verify(meterC.keys().getPublic())).isFalse();
        // Every other reading still proves against the sealed root: the change is pinned to one leaf.
        assertThat(served.readings())
                .filteredOn(r -> r != tampered)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.proof()
                                .verify(r.signed().leafHash(), served.anchor().rootHex()))
                        .isTrue());
    }

    @Test
    void aDayIsSealedOnceEvenWhenTheLedgerIsAwayAtFirst() {
        bridge.ledger.down(true);
        AnchorService.SealResult first = bridge.anchors().seal(day);
        assertThat(first.ledgerErrors()).hasSize(2);
        assertThat(first.anchors()).noneMatch(AnchorRecord::onLedger);
        assertThat(bridge.ledger.all()).isEmpty();

        bridge.ledger.down(false);
        AnchorService.SealResult again = bridge.anchors().seal(day);
        assertThat(again.ledgerErrors()).isEmpty();
        assertThat(again.anchors()).allMatch(AnchorRecord::onLedger);
        assertThat(again.anchors().stream().map(AnchorRecord::anchor))
                .containsExactlyElementsOf(
                        first.anchors().stream().map(AnchorRecord::anchor).toList());
        assertThat(bridge.ledger.all()).hasSize(2);
    }

    @Test
    void aDayNotSealedHasNoProofsYet() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> bridge.anchors().readingsOf(day, "home-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not sealed");
    }

    /** The root computed here from the published readings, independently of the bridge's query order. */
    private ReadingAnchor expected(String msp, List<SignedReading> readings) {
        List<SignedReading> ordered = new ArrayList<>(readings);
        ordered.sort(
                Comparator.<SignedReading, String>comparing(r -> r.reading().assetId())
                        .thenComparing(r -> r.reading().deviceId())
                        .thenComparingInt(r -> r.reading().slot()));
        MerkleTree tree =
                MerkleTree.of(ordered.stream().map(SignedReading::leafHash).toList());
        return new ReadingAnchor(day, msp, tree.rootHex(), tree.leafCount());
    }
}
