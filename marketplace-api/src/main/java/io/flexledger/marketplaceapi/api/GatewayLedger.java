package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredOffer;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.contract.codec.MarketRecords.StoredRequest;
import io.flexledger.contract.codec.MarketRecords.StoredRevocation;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferRevocation;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.Page;
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
    public LedgerReceipt createOffer(String idempotencyKey, FlexOffer offer) {
        return fabric.submitIdempotent(
                Offers.CREATE_OFFER,
                idempotencyKey,
                Map.of(),
                Endorsers.dsoAnd(fabric.mspId()),
                CanonicalJson.write(MarketRecords.offerInput(offer)));
    }

    @Override
    public StoredOffer readOffer(String offerId) {
        return LedgerRecords.record(fabric.evaluate(Offers.READ_OFFER, offerId), MarketRecords::storedOfferRecord);
    }

    @Override
    public Page<StoredOffer> listOffersByDay(String day, String pageSize, String bookmark) {
        return LedgerRecords.page(
                fabric.evaluate(Offers.LIST_OFFERS_BY_DAY, day, pageSize, bookmark), MarketRecords::storedOfferRecord);
    }

    @Override
    public LedgerReceipt revokeOffer(String idempotencyKey, FlexOfferRevocation revocation) {
        return fabric.submitIdempotent(
                Revocations.REVOKE_OFFER,
                idempotencyKey,
                Map.of(),
                Endorsers.dsoAnd(fabric.mspId()),
                CanonicalJson.write(MarketRecords.revocationInput(revocation)));
    }

    @Override
    public StoredRevocation readRevocation(String offerId) {
        return LedgerRecords.record(
                fabric.evaluate(Revocations.READ_REVOCATION, offerId), MarketRecords::storedRevocationRecord);
    }

    @Override
    public LedgerReceipt createRequest(String idempotencyKey, FlexRequest request) {
        return fabric.submitIdempotent(
                Requests.CREATE_REQUEST,
                idempotencyKey,
                Map.of(),
                CanonicalJson.write(MarketRecords.requestInput(request)));
    }

    @Override
    public StoredRequest readRequest(String requestId) {
        return LedgerRecords.record(
                fabric.evaluate(Requests.READ_REQUEST, requestId), MarketRecords::storedRequestRecord);
    }

    @Override
    public Page<StoredRequest> listRequestsByDay(String day, String pageSize, String bookmark) {
        return LedgerRecords.page(
                fabric.evaluate(Requests.LIST_REQUESTS_BY_DAY, day, pageSize, bookmark),
                MarketRecords::storedRequestRecord);
    }

    @Override
    public LedgerReceipt closeRequest(String requestId) {
        return fabric.submit(Requests.CLOSE_REQUEST, requestId);
    }

    @Override
    public LedgerReceipt createOrder(String idempotencyKey, FlexOrder order) {
        return fabric.submitIdempotent(
                Orders.CREATE_ORDER,
                idempotencyKey,
                Map.of(),
                Endorsers.ofOffer(fabric::evaluate, order.offerId()),
                CanonicalJson.write(MarketRecords.orderInput(order)));
    }

    @Override
    public LedgerReceipt placeClearedOrder(String aggregatorMsp, FlexOrder order) {
        return fabric.submit(
                Orders.CREATE_ORDER,
                Map.of(),
                Endorsers.dsoAnd(aggregatorMsp),
                CanonicalJson.write(MarketRecords.orderInput(order)));
    }

    @Override
    public LedgerReceipt cancelOrder(String idempotencyKey, String orderId) {
        return fabric.submitIdempotent(
                Orders.CANCEL_ORDER, idempotencyKey, Map.of(), Endorsers.ofOrder(fabric::evaluate, orderId), orderId);
    }

    @Override
    public StoredOrder readOrder(String orderId) {
        return LedgerRecords.record(fabric.evaluate(Orders.READ_ORDER, orderId), GatewayLedger::storedOrder);
    }

    @Override
    public Page<StoredOrder> listOrdersByDay(String day, String pageSize, String bookmark) {
        return LedgerRecords.page(
                fabric.evaluate(Orders.LIST_ORDERS_BY_DAY, day, pageSize, bookmark), GatewayLedger::storedOrder);
    }

    /** A stored order, every field it holds (the settlement contract's {@code settlementId} included). */
    static StoredOrder storedOrder(JsonFields in) {
        in.onlyFields(MarketRecords.ORDER_RECORD_FIELDS);
        return MarketRecords.storedOrderRecord(in);
    }
}
