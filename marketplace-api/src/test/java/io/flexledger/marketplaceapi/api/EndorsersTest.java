package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endorsing organisations of offer, order, settlement and dispute changes, read from a stand-in ledger. */
class EndorsersTest {
    private final List<String> calls = new ArrayList<>();

    private Endorsers.Reader ledger(Map<String, String> records) {
        return (transaction, args) -> {
            String call = transaction + " " + String.join(" ", args);
            calls.add(call);
            String json = records.get(call);
            if (json == null) {
                throw new ChaincodeRejection("NOT_FOUND", call);
            }
            return json.getBytes(StandardCharsets.UTF_8);
        };
    }

    @Test
    void anOrderIsEndorsedByTheDsoAndTheAggregatorOfItsOffer() {
        Endorsers.Reader l =
                ledger(Map.of("orders:ReadOrder ord-1", "{\"id\":\"ord-1\",\"aggregatorMsp\":\"Aggregator2MSP\"}"));
        assertThat(Endorsers.ofOrder(l, "ord-1")).containsExactly("DsoMSP", "Aggregator2MSP");
    }

    @Test
    void anOrderToBePlacedIsEndorsedByTheDsoAndTheOffersAggregator() {
        Endorsers.Reader l =
                ledger(Map.of("offers:ReadOffer o-1", "{\"id\":\"o-1\",\"aggregatorMsp\":\"Aggregator1MSP\"}"));
        assertThat(Endorsers.ofOffer(l, "o-1")).containsExactly("DsoMSP", "Aggregator1MSP");
        assertThatThrownBy(() -> Endorsers.ofOffer(l, "o-2")).isInstanceOf(ChaincodeRejection.class);
    }

    @Test
    void aSettlementAndADisputeAreEndorsedByTheDsoAndTheirAggregator() {
        Endorsers.Reader l = ledger(Map.of(
                "disputes:ReadDispute d-1",
                "{\"id\":\"d-1\",\"settlementId\":\"stl-ord-1\",\"dsoMsp\":\"DsoMSP\",\"aggregatorMsp\":\"Aggregator1MSP\"}",
                "settlements:ReadSettlement stl-ord-2",
                "{\"id\":\"stl-ord-2\",\"aggregatorMsp\":\"Aggregator2MSP\"}"));
        assertThat(Endorsers.ofDispute(l, "d-1")).containsExactly("DsoMSP", "Aggregator1MSP");
        assertThat(Endorsers.ofSettlement(l, "stl-ord-2")).containsExactly("DsoMSP", "Aggregator2MSP");
        assertThat(calls).containsExactly("disputes:ReadDispute d-1", "settlements:ReadSettlement stl-ord-2");
    }

    @Test
    void aMetersApprovalAndNewKeyAreEndorsedByTheDsoAndTheDevicesAggregator() {
        Endorsers.Reader l = ledger(Map.of(
                "registry:ReadDevice meter-1",
                "{\"id\":\"meter-1\",\"assetId\":\"home-1\",\"aggregatorMsp\":\"Aggregator2MSP\"}",
                // A device recorded before devices named their aggregator: its home's aggregator.
                "registry:ReadDevice meter-0",
                "{\"id\":\"meter-0\",\"assetId\":\"home-0\"}",
                "registry:ReadAsset home-0",
                "{\"id\":\"home-0\",\"aggregatorMsp\":\"Aggregator1MSP\"}"));
        assertThat(Endorsers.ofDevice(l, "meter-1")).containsExactly("DsoMSP", "Aggregator2MSP");
        assertThat(Endorsers.ofDevice(l, "meter-0")).containsExactly("DsoMSP", "Aggregator1MSP");
        assertThat(calls)
                .containsExactly(
                        "registry:ReadDevice meter-1", "registry:ReadDevice meter-0", "registry:ReadAsset home-0");
        assertThatThrownBy(() -> Endorsers.ofDevice(l, "meter-9")).isInstanceOf(ChaincodeRejection.class);
    }

    @Test
    void aRecordThatNamesNoAggregatorIsTheLedgersFault() {
        Endorsers.Reader l = ledger(Map.of(
                "orders:ReadOrder ord-1", "{\"aggregatorMsp\":\"CommunityMSP\"}",
                "orders:ReadOrder ord-2", "{\"id\":\"ord-2\"}"));
        assertThatThrownBy(() -> Endorsers.ofOrder(l, "ord-1"))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("CommunityMSP");
        assertThatThrownBy(() -> Endorsers.ofOrder(l, "ord-2")).isInstanceOf(LedgerUnavailableException.class);
    }

    @Test
    void anUnknownOrderIsTheChaincodesRefusal() {
        assertThatThrownBy(() -> Endorsers.ofOrder(ledger(Map.of()), "ord-9")).isInstanceOf(ChaincodeRejection.class);
    }
}
