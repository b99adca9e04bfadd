package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The order book's port in front of the ledger ({@link Ledger}) over the Fabric Gateway ({@link
 * FabricLedger}): each method is its catalogued transaction, endorsed by the organisations the record's
 * key-level policy names ({@link Endorsers}).
 */
@ApplicationScoped
public class GatewayLedger extends GatewayPort implements Ledger {
    public GatewayLedger(FabricLedger fabric) {
        super(fabric);
    }

    @Override
    public LedgerReceipt createOffer(String idempotencyKey, String offerJson) {
        return fabric.submitIdempotent(
                Offers.CREATE_OFFER, idempotencyKey, Map.of(), Endorsers.dsoAnd(fabric.mspId()), offerJson);
    }

    @Override
    public byte[] readOffer(String offerId) {
        return fabric.evaluate(Offers.READ_OFFER, offerId);
    }

    @Override
    public byte[] listOffersByDay(String day, String pageSize, String bookmark) {
        return fabric.evaluate(Offers.LIST_OFFERS_BY_DAY, day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt revokeOffer(String idempotencyKey, String revocationJson) {
        return fabric.submitIdempotent(
                Revocations.REVOKE_OFFER, idempotencyKey, Map.of(), Endorsers.dsoAnd(fabric.mspId()), revocationJson);
    }

    @Override
    public byte[] readRevocation(String offerId) {
        return fabric.evaluate(Revocations.READ_REVOCATION, offerId);
    }

    @Override
    public LedgerReceipt createRequest(String idempotencyKey, String requestJson) {
        return fabric.submitIdempotent(Requests.CREATE_REQUEST, idempotencyKey, Map.of(), requestJson);
    }

    @Override
    public byte[] readRequest(String requestId) {
        return fabric.evaluate(Requests.READ_REQUEST, requestId);
    }

    @Override
    public byte[] listRequestsByDay(String day, String pageSize, String bookmark) {
        return fabric.evaluate(Requests.LIST_REQUESTS_BY_DAY, day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt closeRequest(String requestId) {
        return fabric.submit(Requests.CLOSE_REQUEST, requestId);
    }

    @Override
    public LedgerReceipt createOrder(String idempotencyKey, String offerId, String orderJson) {
        return fabric.submitIdempotent(
                Orders.CREATE_ORDER, idempotencyKey, Map.of(), Endorsers.ofOffer(fabric::evaluate, offerId), orderJson);
    }

    @Override
    public LedgerReceipt placeClearedOrder(String aggregatorMsp, String orderJson) {
        return fabric.submit(Orders.CREATE_ORDER, Map.of(), Endorsers.dsoAnd(aggregatorMsp), orderJson);
    }

    @Override
    public LedgerReceipt cancelOrder(String idempotencyKey, String orderId) {
        return fabric.submitIdempotent(
                Orders.CANCEL_ORDER, idempotencyKey, Map.of(), Endorsers.ofOrder(fabric::evaluate, orderId), orderId);
    }

    @Override
    public byte[] readOrder(String orderId) {
        return fabric.evaluate(Orders.READ_ORDER, orderId);
    }

    @Override
    public byte[] listOrdersByDay(String day, String pageSize, String bookmark) {
        return fabric.evaluate(Orders.LIST_ORDERS_BY_DAY, day, pageSize, bookmark);
    }
}
