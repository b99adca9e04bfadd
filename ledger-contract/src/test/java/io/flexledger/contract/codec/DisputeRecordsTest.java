package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.DisputeState;
import io.flexledger.domain.validation.ValidationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dispute and its history as the chaincode stores and answers them (the texts of the chaincode's {@code
 * DisputeContractTest}: an opened dispute, its resolution and {@code DisputeHistory}'s answer): decoded and
 * written again, each is the same text, byte for byte; a text the codec does not write is refused.
 */
class DisputeRecordsTest {
    static final String EVIDENCE = "ab".repeat(32);
    static final String OPENED = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"claim\":{\"creditedKwh\":\"1.325000\","
            + "\"netEur\":\"0.2467\",\"shortfallKwh\":\"0.300000\"},\"dsoMsp\":\"DsoMSP\","
            + "\"evidenceHash\":\"" + EVIDENCE
            + "\",\"id\":\"d-1\",\"openedAt\":\"2026-11-29T10:00:00Z\","
            + "\"openedBy\":\"Aggregator1MSP\",\"reason\":\"slot 70 was metered during a meter swap\","
            + "\"settlementId\":\"stl-ord-1\",\"state\":\"OPEN\",\"txId\":\"tx-9\"}";
    static final String RESOLVED = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"claim\":{\"creditedKwh\":\"1.325000\","
            + "\"netEur\":\"0.2467\",\"shortfallKwh\":\"0.300000\"},\"dsoMsp\":\"DsoMSP\","
            + "\"evidenceHash\":\"" + EVIDENCE + "\",\"id\":\"d-1\",\"note\":\"meter swap confirmed\","
            + "\"openedAt\":\"2026-11-29T10:00:00Z\",\"openedBy\":\"Aggregator1MSP\","
            + "\"outcome\":\"UPHELD\",\"reason\":\"slot 70 was metered during a meter swap\","
            + "\"resolvedAt\":\"2026-11-30T08:00:00Z\",\"resolvedBy\":\"DsoMSP\","
            + "\"settlementId\":\"stl-ord-1\",\"state\":\"RESOLVED\",\"txId\":\"tx-10\"}";
    static final String HISTORY = "{\"history\":[{\"isDelete\":false,\"timestamp\":\"2026-11-29T10:00:00Z\","
            + "\"txId\":\"tx-9\",\"value\":" + OPENED + "},{\"isDelete\":false,"
            + "\"timestamp\":\"2026-11-30T08:00:00Z\",\"txId\":\"tx-10\",\"value\":" + RESOLVED + "}],\"id\":\"d-1\"}";

    static SettlementRecords.StoredDispute read(String json) {
        return SettlementRecords.storedDisputeRecord(MarketRecords.stored(json));
    }

    @Test
    void anOpenAndAResolvedDisputeAreWrittenBackByteForByte() {
        SettlementRecords.StoredDispute open = read(OPENED);
        assertThat(open.dispute().state()).isEqualTo(DisputeState.OPEN);
        assertThat(open.txId()).isEqualTo("tx-9");
        assertThat(open.resolvedBy()).isNull();
        assertThat(CanonicalJson.write(SettlementRecords.dispute(open))).isEqualTo(OPENED);

        SettlementRecords.StoredDispute resolved = read(RESOLVED);
        assertThat(resolved.dispute().outcome()).isEqualTo(DisputeOutcome.UPHELD);
        assertThat(resolved.dispute().note()).isEqualTo("meter swap confirmed");
        assertThat(resolved.resolvedBy()).isEqualTo("DsoMSP");
        assertThat(resolved.resolvedAt()).isEqualTo("2026-11-30T08:00:00Z");
        assertThat(CanonicalJson.write(SettlementRecords.dispute(resolved))).isEqualTo(RESOLVED);
    }

    @Test
    void aDisputeUpheldTheOldWayIsAnsweredAsItIs() {
        // The record an older chaincode wrote (DisputeContractTest.aDisputeResolvedTheOldWayStaysResolved).
        String old = OPENED.replaceAll("\"claim\":\\{[^}]*\\},", "")
                .replace(
                        "\"state\":\"OPEN\"",
                        "\"adjustedNetEur\":\"1000000.0000\",\"outcome\":\"UPHELD\",\"resolvedAt\":"
                                + "\"2026-11-30T08:00:00Z\",\"resolvedBy\":\"DsoMSP\",\"state\":\"RESOLVED\"");
        SettlementRecords.StoredDispute read = read(old);
        assertThat(read.dispute().claim()).isNull();
        assertThat(read.adjustedNetEur().toString()).isEqualTo("1000000.0000");
        // Keys in canonical order, as the old writer wrote them.
        String canonical = CanonicalJson.write(MarketRecords.stored(old).members());
        assertThat(CanonicalJson.write(SettlementRecords.dispute(read))).isEqualTo(canonical);
    }

    @Test
    void aHistoryIsWrittenBackByteForByte() {
        SettlementRecords.DisputeHistory h = SettlementRecords.disputeHistory(MarketRecords.stored(HISTORY));
        assertThat(h.id()).isEqualTo("d-1");
        assertThat(h.history())
                .extracting(SettlementRecords.DisputeVersion::txId)
                .containsExactly("tx-9", "tx-10");
        assertThat(h.history().get(1).timestamp()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(h.history().get(1).value().dispute().state()).isEqualTo(DisputeState.RESOLVED);
        assertThat(CanonicalJson.write(SettlementRecords.disputeHistory(h))).isEqualTo(HISTORY);
        String deleted = "{\"history\":[{\"isDelete\":true,\"timestamp\":\"2026-11-29T10:00:00Z\",\"txId\":\"tx-11\"}],"
                + "\"id\":\"d-1\"}";
        assertThat(CanonicalJson.write(SettlementRecords.disputeHistory(
                        SettlementRecords.disputeHistory(MarketRecords.stored(deleted)))))
                .isEqualTo(deleted);
    }

    @Test
    void aFieldTheCodecDoesNotWriteIsRefusedNotDropped() {
        String extra = OPENED.replace("\"state\"", "\"payoutEur\":\"9.0000\",\"state\"");
        assertThat(catchThrowableOfType(InputRefusal.class, () -> read(extra)).getMessage())
                .isEqualTo("$.payoutEur: is not a known field");
        String claimExtra = OPENED.replace("\"netEur\"", "\"bonusEur\":\"1.0000\",\"netEur\"");
        assertThat(catchThrowableOfType(InputRefusal.class, () -> read(claimExtra))
                        .getMessage())
                .isEqualTo("$.claim.bonusEur: is not a known field");
        String historyExtra = HISTORY.replace("\"isDelete\":false,", "\"isDelete\":false,\"signedBy\":\"x\",");
        assertThat(catchThrowableOfType(
                                InputRefusal.class,
                                () -> SettlementRecords.disputeHistory(MarketRecords.stored(historyExtra)))
                        .getMessage())
                .isEqualTo("$.history[0].signedBy: is not a known field");
        String valueExtra = HISTORY.replace("\"openedBy\"", "\"shownTo\":\"x\",\"openedBy\"");
        assertThat(catchThrowableOfType(
                                InputRefusal.class,
                                () -> SettlementRecords.disputeHistory(MarketRecords.stored(valueExtra)))
                        .getMessage())
                .isEqualTo("$.history[0].value.shownTo: is not a known field");
    }

    @Test
    void aResolutionThatNoResolverWroteIsRefused() {
        // An open dispute naming a resolver, or a resolved one naming none, is not what the chaincode writes.
        String openWithResolver = OPENED.replace("\"settlementId\"", "\"resolvedBy\":\"DsoMSP\",\"settlementId\"");
        String resolvedWithoutResolver = RESOLVED.replace("\"resolvedBy\":\"DsoMSP\",", "");
        for (String json : List.of(openWithResolver, resolvedWithoutResolver)) {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> read(json));
            assertThat(e.violations().get(0).path()).startsWith("$.resolved");
        }
        // A dispute that names no aggregator would be shown by no rule.
        ValidationException unnamed = catchThrowableOfType(
                ValidationException.class,
                () -> read(OPENED.replace("\"Aggregator1MSP\",\"claim\"", "\"\",\"claim\"")));
        assertThat(unnamed.violations().get(0).path()).isEqualTo("$.aggregatorMsp");
        // A version that deletes yet carries a value, or writes none without deleting.
        String deleteWithValue = HISTORY.replaceFirst("\"isDelete\":false", "\"isDelete\":true");
        ValidationException e = catchThrowableOfType(
                ValidationException.class,
                () -> SettlementRecords.disputeHistory(MarketRecords.stored(deleteWithValue)));
        assertThat(e.violations().get(0).path()).isEqualTo("$.history[0].value");
        assertThat(catchThrowableOfType(InputRefusal.class, () -> read(OPENED.replace(",\"txId\":\"tx-9\"", "")))
                        .getMessage())
                .isEqualTo("$.txId: is required");
    }
}
