package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A home's baseline records as the chaincode stores them (the texts of the chaincode's {@code
 * BaselineContractTest.StoredText}): decoded and written again, each is the same text, byte for byte; a
 * text the codec does not write is refused, not reshaped.
 */
class BaselineRecordsTest {
    static final String SALT = "00112233445566778899aabbccddeeff";
    static final List<Kilowatts> VALUES = values();
    static final String HASH =
            new Baseline("home-1", MarketPeriod.of(LocalDate.of(2026, 11, 27)), VALUES).commitmentHash(SALT);
    static final String COMMITTED = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\","
            + "\"committedAt\":\"2026-11-26T12:00:00Z\",\"day\":\"2026-11-27\",\"hashHex\":\"" + HASH
            + "\",\"state\":\"COMMITTED\",\"txId\":\"tx-7\",\"version\":1}";
    static final String REVEALED = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\","
            + "\"committedAt\":\"2026-11-26T12:00:00Z\",\"day\":\"2026-11-27\",\"hashHex\":\"" + HASH
            + "\",\"revealedAt\":\"2026-11-28T09:00:00Z\",\"state\":\"REVEALED\",\"txId\":\"tx-8\",\"version\":1}";
    static final String VALUES_JSON = "{\"assetId\":\"home-1\",\"day\":\"2026-11-27\",\"kwBySlot\":["
            + VALUES.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(",")) + "],\"salt\":\"" + SALT
            + "\"}";

    static List<Kilowatts> values() {
        List<Kilowatts> v = new ArrayList<>(Collections.nCopies(96, Kilowatts.of("0.4")));
        v.set(70, Kilowatts.of("3.2"));
        return v;
    }

    static MarketRecords.StoredCommitment read(String json) {
        return MarketRecords.storedCommitmentRecord(MarketRecords.stored(json));
    }

    @Test
    void aCommittedAndARevealedCommitmentAreWrittenBackByteForByte() {
        MarketRecords.StoredCommitment committed = read(COMMITTED);
        assertThat(committed.commitment().state()).isEqualTo(BaselineState.COMMITTED);
        assertThat(committed.commitment().hashHex()).isEqualTo(HASH);
        assertThat(committed.txId()).isEqualTo("tx-7");
        assertThat(committed.revealedAt()).isNull();
        assertThat(CanonicalJson.write(MarketRecords.commitment(committed))).isEqualTo(COMMITTED);

        MarketRecords.StoredCommitment revealed = read(REVEALED);
        assertThat(revealed.commitment().state()).isEqualTo(BaselineState.REVEALED);
        assertThat(revealed.revealedAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(revealed.versionNumber()).isEqualTo(1);
        assertThat(CanonicalJson.write(MarketRecords.commitment(revealed))).isEqualTo(REVEALED);
        // The writer the chaincode commits with is the same text as the stored record's writer.
        assertThat(CanonicalJson.write(MarketRecords.commitment(committed.commitment(), "tx-7", 1)))
                .isEqualTo(COMMITTED);
    }

    @Test
    void aCommitmentWrittenBeforeVersionsExistedStaysWithoutOne() {
        String unversioned = COMMITTED.replace(",\"version\":1", "");
        MarketRecords.StoredCommitment read = read(unversioned);
        assertThat(read.version()).isNull();
        assertThat(read.versionNumber()).isEqualTo(1);
        assertThat(CanonicalJson.write(MarketRecords.commitment(read))).isEqualTo(unversioned);
    }

    @Test
    void revealedValuesAreWrittenBackByteForByte() {
        MarketRecords.Reveal reveal = MarketRecords.storedReveal(MarketRecords.stored(VALUES_JSON));
        assertThat(reveal.salt()).isEqualTo(SALT);
        assertThat(reveal.baseline().kwBySlot()).isEqualTo(VALUES);
        assertThat(reveal.baseline().commitmentHash(reveal.salt())).isEqualTo(HASH);
        assertThat(CanonicalJson.write(MarketRecords.revealInput(reveal))).isEqualTo(VALUES_JSON);
    }

    @Test
    void aFieldTheCodecDoesNotWriteIsRefusedNotDropped() {
        String extra = REVEALED.replace("\"state\"", "\"note\":\"x\",\"state\"");
        assertThat(catchThrowableOfType(InputRefusal.class, () -> read(extra)).getMessage())
                .isEqualTo("$.note: is not a known field");
        String values = VALUES_JSON.replace("\"salt\"", "\"shownTo\":\"Aggregator2MSP\",\"salt\"");
        assertThat(catchThrowableOfType(
                                InputRefusal.class, () -> MarketRecords.storedReveal(MarketRecords.stored(values)))
                        .getMessage())
                .isEqualTo("$.shownTo: is not a known field");
    }

    @Test
    void aRevealTimeAndAStateThatDisagreeAreRefused() {
        // A record claiming REVEALED that no reveal wrote, or a reveal time on a commitment still open.
        String revealedWithoutTime = REVEALED.replace("\"revealedAt\":\"2026-11-28T09:00:00Z\",", "");
        String committedWithTime = COMMITTED.replace("\"state\"", "\"revealedAt\":\"2026-11-28T09:00:00Z\",\"state\"");
        for (String json : List.of(revealedWithoutTime, committedWithTime)) {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> read(json));
            assertThat(e.violations().get(0).path()).isEqualTo("$.revealedAt");
        }
        ValidationException zero = catchThrowableOfType(
                ValidationException.class, () -> read(COMMITTED.replace("\"version\":1", "\"version\":0")));
        assertThat(zero.violations().get(0).path()).isEqualTo("$.version");
    }

    @Test
    void valuesThatAreNotABaselineOfTheDayAreRefused() {
        // 95 values for a 96-slot day: the domain refuses the baseline.
        String short95 = VALUES_JSON.replace("\"0.400\",\"0.400\"]", "\"0.400\"]");
        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> MarketRecords.storedReveal(MarketRecords.stored(short95)));
        assertThat(e.violations().get(0).path()).isEqualTo("$.kwBySlot");
    }
}
