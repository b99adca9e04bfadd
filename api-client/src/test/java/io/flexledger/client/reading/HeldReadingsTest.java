package io.flexledger.client.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The meter's side of receipts, and the receipt's one JSON form both ends use. */
class HeldReadingsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);
    private static final byte[] PAYLOAD = "{\"reading\":1}".getBytes(StandardCharsets.UTF_8);

    private static ReadingReceipt receipt(String device, int slot, ReadingReceipt.Outcome outcome) {
        return new ReadingReceipt(device, DAY, slot, slot + 1L, outcome, null, null);
    }

    @Test
    void aReadingIsHeldUntilItsReceiptAndDueAgainOnlyAfterTheDelay() {
        HeldReadings meter = new HeldReadings(Duration.ofSeconds(10));
        meter.hold("m1", 4, PAYLOAD, 1_000);
        meter.hold("m1", 5, PAYLOAD, 1_000);
        assertThat(meter.due(10_999)).isEmpty();
        assertThat(meter.due(11_000)).extracting(HeldReadings.Held::slot).containsExactlyInAnyOrder(4, 5);
        // Sent again at 11 s: due again only 10 s later.
        assertThat(meter.due(20_000)).isEmpty();
        assertThat(meter.answer(receipt("m1", 4, ReadingReceipt.Outcome.STORED)))
                .isTrue();
        assertThat(meter.due(21_000)).extracting(HeldReadings.Held::slot).containsExactly(5);
        assertThat(meter.held()).isEqualTo(1);
        assertThat(meter.resent()).isEqualTo(3);
        assertThat(meter.isAnswered("m1", 4)).isTrue();
        assertThat(meter.isAnswered("m1", 5)).isFalse();
    }

    @Test
    void theFirstReceiptOfASlotCountsAndTheResendsAnswerChangesNothing() {
        HeldReadings meter = new HeldReadings(Duration.ofSeconds(10));
        meter.hold("m1", 7, PAYLOAD, 0);
        assertThat(meter.answer(receipt("m1", 7, ReadingReceipt.Outcome.STORED)))
                .isTrue();
        assertThat(meter.answer(receipt("m1", 7, ReadingReceipt.Outcome.RESENT)))
                .isFalse();
        assertThat(meter.outcomes()).containsExactly(java.util.Map.entry("STORED", 1));
        assertThat(meter.answered()).isEqualTo(1);
    }

    @Test
    void refusalsAreListedWithTheirReason() {
        HeldReadings meter = new HeldReadings(Duration.ofSeconds(10));
        meter.hold("m2", 1, PAYLOAD, 0);
        meter.answer(new ReadingReceipt(
                "m2", DAY, 1, 2L, ReadingReceipt.Outcome.REJECTED, "REPLAY", "slot 1 already stored"));
        // A receipt for a message of which nothing could be read answers no reading.
        assertThat(meter.answer(new ReadingReceipt(
                        "m2", null, null, null, ReadingReceipt.Outcome.REJECTED, "MALFORMED", "not JSON")))
                .isFalse();
        assertThat(meter.refused()).containsExactly("m2 slot 1: REPLAY slot 1 already stored");
        assertThat(meter.held()).isZero();
    }

    @Test
    void aReceiptReadsBackAsWritten() {
        ReadingReceipt stored = receipt("m3", 95, ReadingReceipt.Outcome.STORED);
        assertThat(ReadingReceipt.parse(stored.toJson())).isEqualTo(stored);
        ReadingReceipt refused =
                new ReadingReceipt("m3", null, null, null, ReadingReceipt.Outcome.REJECTED, "MALFORMED", "oops");
        assertThat(ReadingReceipt.parse(refused.toJson())).isEqualTo(refused);
        assertThat(new String(refused.toJson(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"deviceId\":\"m3\",\"outcome\":\"REJECTED\",\"reason\":\"MALFORMED\",\"detail\":\"oops\"}");
    }

    @Test
    void aMalformedReceiptNamesTheFieldAtFault() {
        assertThatThrownBy(() -> ReadingReceipt.parse("{\"outcome\":\"STORED\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReadingException.class)
                .hasMessageStartingWith("$.deviceId");
        assertThatThrownBy(() -> ReadingReceipt.parse(
                        "{\"deviceId\":\"m\",\"outcome\":\"LOST\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("$.outcome");
        assertThatThrownBy(() -> ReadingReceipt.parse(
                        "{\"deviceId\":\"m\",\"outcome\":\"STORED\",\"slot\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("$.slot");
        assertThatThrownBy(() -> ReadingReceipt.parse("[1".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("$:");
    }
}
