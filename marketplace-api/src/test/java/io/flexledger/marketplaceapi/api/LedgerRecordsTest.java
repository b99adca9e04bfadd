package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredOffer;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chaincode's answers decoded by the codec: pages and records, and what is refused rather than dropped. */
class LedgerRecordsTest {
    private static final Instant AT = Instant.parse("2030-05-31T10:15:30.123456789Z");
    private static final String OFFER = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-001\","
            + "\"congestionPointId\":\"TX1\",\"day\":\"2030-06-01\",\"id\":\"o-1\",\"kwBySlot\":{\"68\":\"2.000\"},"
            + "\"minActivation\":\"0.5\",\"price\":\"0.21000\",\"state\":\"OFFERED\",\"txId\":\"tx-1\","
            + "\"updatedAt\":\"2030-05-31T10:15:30.123456789Z\"}";

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A page as the chaincode writes it: its records verbatim and the bookmark. */
    private static byte[] page(String bookmark, String... records) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(
                "records",
                java.util.Arrays.stream(records).map(CanonicalJson.Raw::new).toList());
        page.put("bookmark", bookmark);
        return CanonicalJson.bytes(page);
    }

    @Test
    void aPageIsItsRecordsDecodedAndTheLedgersBookmark() {
        FlexOffer offer = MarketRecords.storedOffer(MarketRecords.stored(OFFER));
        FlexOrder order = new FlexOrder("ord-1", "DsoMSP", "o-1", BigDecimal.ONE, FlexOrderState.ACCEPTED);
        Map<String, Object> settled = MarketRecords.order(
                order.withState(FlexOrderState.ACTIVATED).withState(FlexOrderState.SETTLED), offer, AT, "tx-2");
        settled.put("settlementId", "s-1");
        String orderJson = CanonicalJson.write(settled);

        Page<StoredOrder> orders =
                LedgerRecords.page(page("\u0000byDay\u0000x\u0000", orderJson), GatewayLedger::storedOrder);

        assertThat(orders.bookmark()).isEqualTo("\u0000byDay\u0000x\u0000");
        assertThat(orders.records()).hasSize(1);
        assertThat(orders.records().get(0).settlementId()).isEqualTo("s-1");
        assertThat(CanonicalJson.write(MarketRecords.order(orders.records().get(0))))
                .isEqualTo(orderJson);
        StoredOffer one = LedgerRecords.record(bytes(OFFER), MarketRecords::storedOfferRecord);
        assertThat(CanonicalJson.write(MarketRecords.offer(one))).isEqualTo(OFFER);
        assertThat(one.updatedAt()).isEqualTo(AT);
    }

    @Test
    void aRecordWithAFieldTheCodecDoesNotCarryIsRefusedNotDropped() {
        // Dropping it would change the answer silently; the ledger's answer is refused as unavailable instead.
        String extra = OFFER.replace("\"id\":\"o-1\",", "\"id\":\"o-1\",\"discount\":\"0.5\",");
        assertThatThrownBy(() -> LedgerRecords.record(bytes(extra), MarketRecords::storedOfferRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.discount");
        assertThatThrownBy(() -> LedgerRecords.page(page("", OFFER, extra), MarketRecords::storedOfferRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.records[1].discount");
    }

    @Test
    void aRecordTheDomainRefusesOrThatIsNotJsonIsRefused() {
        String negative = OFFER.replace("\"68\":\"2.000\"", "\"68\":\"-2.000\"");
        assertThatThrownBy(() -> LedgerRecords.record(bytes(negative), MarketRecords::storedOfferRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("kwBySlot");
        assertThatThrownBy(() -> LedgerRecords.record(bytes("{\"id\":"), MarketRecords::storedOfferRecord))
                .isInstanceOf(LedgerUnavailableException.class);
        assertThatThrownBy(() -> LedgerRecords.page(
                        bytes("{\"records\":[],\"bookmark\":\"\",\"more\":1}"), MarketRecords::storedOfferRecord))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.more");
        assertThat(LedgerRecords.page(page(""), MarketRecords::storedOfferRecord)
                        .records())
                .isEqualTo(List.of());
    }

    private static final String SETTLEMENT = "{\"aggregatorMsp\":\"Aggregator1MSP\",\"anchorRootHex\":\"ab\","
            + "\"assetId\":\"home-001\",\"baselineHash\":\"cd\",\"creditedKwh\":\"1.000000\",\"day\":\"2030-06-01\","
            + "\"detailsHash\":\"ef\",\"dsoMsp\":\"DsoMSP\",\"id\":\"stl-ord-1\",\"netEur\":\"0.1969\","
            + "\"offerId\":\"o-1\",\"orderId\":\"ord-1\",\"paymentEur\":\"0.2100\",\"penaltyEur\":\"0.0131\","
            + "\"settledAt\":\"2030-06-02T05:00:00Z\",\"shortfallKwh\":\"0.125000\",\"state\":\"SETTLED\","
            + "\"txId\":\"tx-s\"}";

    @Test
    void settlementsAndTheirDetailsAreDecodedAndWhatTheCodecRefusesIsUnavailable() {
        Page<SettlementRecords.StoredSettlement> page =
                LedgerRecords.page(page("", SETTLEMENT), SettlementRecords.StoredSettlement::read);
        assertThat(CanonicalJson.write(page.records().get(0).toJson())).isEqualTo(SETTLEMENT);
        // A state the domain does not know, or a field the record does not carry, is not answered.
        String unknownState = SETTLEMENT.replace("\"SETTLED\"", "\"PAID\"");
        assertThatThrownBy(() -> LedgerRecords.record(bytes(unknownState), SettlementRecords.StoredSettlement::read))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.state");
        String extra = SETTLEMENT.replace("\"state\":", "\"iban\":\"NL00\",\"state\":");
        assertThatThrownBy(
                        () -> LedgerRecords.page(page("", SETTLEMENT, extra), SettlementRecords.StoredSettlement::read))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.records[1].iban");
        String details = "{\"activation\":\"1\",\"assetId\":\"home-001\",\"day\":\"2030-06-01\",\"id\":\"stl-ord-1\","
                + "\"lines\":[{\"baselineKwh\":\"1.000000\",\"creditedKwh\":\"0.500000\",\"deliveredKwh\":\"0.500000\","
                + "\"deviceId\":\"m-1\",\"leafIndex\":0,\"meteredKwh\":\"0.500000\",\"orderedKwh\":\"0.500000\","
                + "\"sequence\":168,\"shortfallKwh\":\"0.000000\",\"slot\":68}],\"orderId\":\"ord-1\","
                + "\"penaltyFactor\":\"0.5\",\"price\":\"0.21000\"}";
        assertThat(CanonicalJson.write(SettlementRecords.details(
                        LedgerRecords.record(bytes(details), SettlementRecords::storedDetails))))
                .isEqualTo(details);
        // A line crediting more than was delivered is the ledger's fault, not an answer.
        String overCredited = details.replace("\"creditedKwh\":\"0.500000\"", "\"creditedKwh\":\"0.600000\"");
        assertThatThrownBy(() -> LedgerRecords.record(bytes(overCredited), SettlementRecords::storedDetails))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("$.lines[0]");
    }
}
