package io.flexledger.marketplaceapi.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Registry;
import io.flexledger.contract.Settlements;
import io.flexledger.contract.Tx;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import java.util.List;

/**
 * The organisations that must endorse a transaction on a record binding the DSO and an aggregator:
 * offers, baseline commitments, orders, settlements, disputes and devices carry the state-based
 * endorsement policy AND(DsoMSP.peer, aggregator.peer), and new offers and baseline versions are countersigned
 * in the aggregator's DSO collection (policy AND(aggregator, DSO)). The endorsers are the DSO and the
 * record's aggregator, found by reading the record first where the caller is not that aggregator
 * (each record names it). The gateway cannot infer a key-level policy, so the client names them.
 */
public final class Endorsers {
    /** Evaluates one read-only transaction of the ledger. */
    @FunctionalInterface
    public interface Reader {
        byte[] evaluate(Tx transaction, String... args);
    }

    private Endorsers() {}

    /** DSO and the aggregator of order {@code orderId} (the order records its offer's aggregator). */
    static List<String> ofOrder(Reader ledger, String orderId) {
        return dsoAnd(LedgerResponses.aggregatorOf(ledger.evaluate(Orders.READ_ORDER, orderId)));
    }

    /** DSO and the aggregator of offer {@code offerId}. */
    public static List<String> ofOffer(Reader ledger, String offerId) {
        return dsoAnd(LedgerResponses.aggregatorOf(ledger.evaluate(Offers.READ_OFFER, offerId)));
    }

    /** DSO and the aggregator of settlement {@code settlementId}. */
    public static List<String> ofSettlement(Reader ledger, String settlementId) {
        return dsoAnd(LedgerResponses.aggregatorOf(ledger.evaluate(Settlements.READ_SETTLEMENT, settlementId)));
    }

    /**
     * DSO and the aggregator of device {@code deviceId}: the device records the aggregator that registered
     * it; a record written before it did is attributed to its home's aggregator (the asset's record).
     */
    static List<String> ofDevice(Reader ledger, String deviceId) {
        JsonNode device = LedgerResponses.json(ledger.evaluate(Registry.READ_DEVICE, deviceId));
        String aggregator = device.path("aggregatorMsp").asText("");
        if (aggregator.isEmpty()) {
            String assetId = device.path("assetId").asText("");
            if (assetId.isEmpty()) {
                throw new LedgerUnavailableException(
                        "the ledger returned device " + deviceId + " without its home (assetId)", null);
            }
            aggregator = LedgerResponses.aggregatorOf(ledger.evaluate(Registry.READ_ASSET, assetId));
        }
        return dsoAnd(aggregator);
    }

    /** DSO and the aggregator of dispute {@code disputeId} (the dispute records its settlement's parties). */
    static List<String> ofDispute(Reader ledger, String disputeId) {
        return dsoAnd(LedgerResponses.aggregatorOf(ledger.evaluate(Disputes.READ_DISPUTE, disputeId)));
    }

    /** The DSO and {@code aggregatorMsp}, which must be an aggregator. */
    public static List<String> dsoAnd(String aggregatorMsp) {
        // Both parties of an order endorse changes to it: the DSO and an aggregator, never another.
        if (!Organisation.isAggregator(aggregatorMsp)) {
            throw new LedgerUnavailableException(
                    "the ledger names " + aggregatorMsp + " as the aggregator of a record; not an aggregator", null);
        }
        return List.of(Organisation.DSO_MSP, aggregatorMsp);
    }
}
