package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredCommitment;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.DisputeHistory;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The baselines' and disputes' answers of the chaincode as {@code GatewaySettlementLedger} decodes them:
 * written back as they came, and a text the codec does not write refused as an unavailable ledger.
 */
class BaselineAndDisputeRecordsTest {
    private static final String COMMITTED = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\","
            + "\"committedAt\":\"2030-05-31T10:15:30.123456789Z\",\"day\":\"2030-06-01\",\"hashHex\":\""
            + "ab".repeat(32) + "\",\"state\":\"COMMITTED\",\"txId\":\"tx-1\",\"version\":1}";
    private static final String DISPUTE = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"claim\":{\"creditedKwh\":"
            + "\"1.125000\",\"netEur\":\"0.2362\",\"shortfallKwh\":\"0.000000\"},\"dsoMsp\":\"DsoMSP\","
            + "\"evidenceHash\":\"" + "cd".repeat(32) + "\",\"id\":\"d-1\",\"openedAt\":\"2030-06-02T08:00:00Z\","
            + "\"openedBy\":\"Aggregator1MSP\",\"reason\":\"meter swap\",\"settlementId\":\"stl-ord-1\","
            + "\"state\":\"OPEN\",\"txId\":\"tx-9\"}";

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void commitmentsAndAPageOfVersionsAreWrittenBackAsTheLedgerAnsweredThem() {
        StoredCommitment one = LedgerRecords.record(bytes(COMMITTED), MarketRecords::storedCommitmentRecord);
        assertThat(CanonicalJson.write(MarketRecords.commitment(one))).isEqualTo(COMMITTED);
        String v2 = COMMITTED.replace("\"version\":1", "\"version\":2").replace("tx-1", "tx-2");
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("records", List.of(new CanonicalJson.Raw(COMMITTED), new CanonicalJson.Raw(v2)));
        page.put("bookmark", "");
        Page<StoredCommitment> versions =
                LedgerRecords.page(CanonicalJson.bytes(page), MarketRecords::storedCommitmentRecord);
        assertThat(versions.records())
                .extracting(StoredCommitment::versionNumber)
                .containsExactly(1, 2);
        assertThat(CanonicalJson.write(
                        MarketRecords.commitment(versions.records().get(1))))
                .isEqualTo(v2);
    }

    @Test
    void aDisputeAndItsHistoryAreWrittenBackAsTheLedgerAnsweredThemAnOtherSpellingOfATimeRefused() {
        assertThat(CanonicalJson.write(SettlementRecords.dispute(
                        LedgerRecords.record(bytes(DISPUTE), SettlementRecords::storedDisputeRecord))))
                .isEqualTo(DISPUTE);
        String history = "{\"history\":[{\"isDelete\":false,\"timestamp\":\"2030-06-02T08:00:00.5Z\",\"txId\":"
                + "\"tx-9\",\"value\":" + DISPUTE + "}],\"id\":\"d-1\"}";
        assertThatThrownBy(() -> LedgerRecords.record(bytes(history), SettlementRecords::disputeHistory))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.history[0].timestamp: must be written as 2030-06-02T08:00:00.500Z");
        String asWritten = history.replace(".5Z", ".500Z");
        DisputeHistory h = LedgerRecords.record(bytes(asWritten), SettlementRecords::disputeHistory);
        assertThat(CanonicalJson.write(SettlementRecords.disputeHistory(h))).isEqualTo(asWritten);
    }

    @Test
    void whatTheCodecDoesNotWriteIsAnUnavailableLedgerNotAReshapedAnswer() {
        // A field added beside the record would vanish from the answer: refused instead.
        String extra = COMMITTED.replace("\"state\"", "\"shownTo\":\"Aggregator2MSP\",\"state\"");
        assertThatThrownBy(() -> LedgerRecords.record(bytes(extra), MarketRecords::storedCommitmentRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.shownTo");
        String values = "{\"assetId\":\"home-1\",\"day\":\"2030-06-01\",\"kwBySlot\":[\"1.250\"],\"salt\":\""
                + "0f".repeat(16) + "\"}";
        assertThatThrownBy(() -> LedgerRecords.record(bytes(values), MarketRecords::storedReveal))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("kwBySlot");
        // A dispute that names no aggregator would be shown to nobody's rule: refused, as before.
        String unnamed = DISPUTE.replace("\"aggregatorMsp\":\"Aggregator1MSP\"", "\"aggregatorMsp\":\"\"");
        assertThatThrownBy(() -> LedgerRecords.record(bytes(unnamed), SettlementRecords::storedDisputeRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.aggregatorMsp");
        String resolvedBy = DISPUTE.replace("\"reason\"", "\"resolvedBy\":\"DsoMSP\",\"reason\"");
        assertThatThrownBy(() -> LedgerRecords.record(bytes(resolvedBy), SettlementRecords::storedDisputeRecord))
                .isInstanceOf(LedgerUnavailableException.class);
    }
}
