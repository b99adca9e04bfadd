package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Anchors;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Registry;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Revocations;
import io.flexledger.contract.Settlements;
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
import io.flexledger.marketplaceapi.ledger.RegistryLedger;
import io.flexledger.marketplaceapi.ledger.SettlementLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The ports in front of the ledger ({@link Ledger}, {@link RegistryLedger}, {@link SettlementLedger})
 * over the Fabric Gateway ({@link FabricLedger}): each method is its catalogued transaction, endorsed
 * by the organisations the record's key-level policy names ({@link Endorsers}).
 */
@ApplicationScoped
public class GatewayLedger extends GatewayPort implements Ledger, RegistryLedger, SettlementLedger {
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

    @Override
    public LedgerReceipt registerCongestionPoint(String idempotencyKey, String congestionPointJson) {
        return fabric.submitIdempotent(
                Registry.REGISTER_CONGESTION_POINT, idempotencyKey, Map.of(), congestionPointJson);
    }

    @Override
    public byte[] readCongestionPoint(String id) {
        return fabric.evaluate(Registry.READ_CONGESTION_POINT, id);
    }

    @Override
    public LedgerReceipt registerAsset(String idempotencyKey, String assetJson, String homeJson) {
        return fabric.submitIdempotent(Registry.REGISTER_ASSET, idempotencyKey, Map.of("home", homeJson), assetJson);
    }

    @Override
    public byte[] readAsset(String assetId) {
        return fabric.evaluate(Registry.READ_ASSET, assetId);
    }

    @Override
    public LedgerReceipt registerDevice(String idempotencyKey, String deviceJson) {
        return fabric.submitIdempotent(Registry.REGISTER_DEVICE, idempotencyKey, Map.of(), deviceJson);
    }

    @Override
    public LedgerReceipt approveMeter(String idempotencyKey, String deviceId, String approvalJson) {
        return fabric.submitIdempotent(
                Registry.APPROVE_METER,
                idempotencyKey,
                Map.of(),
                Endorsers.ofDevice(fabric::evaluate, deviceId),
                approvalJson);
    }

    @Override
    public LedgerReceipt proposeMeterKey(String idempotencyKey, String deviceId, String keyJson) {
        return fabric.submitIdempotent(
                Registry.PROPOSE_METER_KEY,
                idempotencyKey,
                Map.of(),
                Endorsers.ofDevice(fabric::evaluate, deviceId),
                keyJson);
    }

    @Override
    public byte[] readDevice(String deviceId) {
        return fabric.evaluate(Registry.READ_DEVICE, deviceId);
    }

    @Override
    public byte[] deviceHistory(String deviceId) {
        return fabric.evaluate(Registry.DEVICE_HISTORY, deviceId);
    }

    @Override
    public byte[] listDevices(String assetId, String pageSize, String bookmark) {
        return fabric.evaluate(Registry.LIST_DEVICES, assetId, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt commitBaseline(String idempotencyKey, String commitmentJson) {
        return fabric.submitIdempotent(
                Baselines.COMMIT_BASELINE, idempotencyKey, Map.of(), Endorsers.dsoAnd(fabric.mspId()), commitmentJson);
    }

    @Override
    public LedgerReceipt revealBaseline(String idempotencyKey, String baselineJson) {
        return fabric.submitIdempotent(
                Baselines.REVEAL_BASELINE,
                idempotencyKey,
                Map.of(BaselinesResource.BASELINE_TRANSIENT, baselineJson),
                Endorsers.dsoAnd(fabric.mspId()));
    }

    @Override
    public byte[] readBaseline(String assetId, String day) {
        return fabric.evaluate(Baselines.READ_BASELINE, assetId, day);
    }

    @Override
    public byte[] listBaselineVersions(String assetId, String day, String pageSize, String bookmark) {
        return fabric.evaluate(Baselines.LIST_BASELINE_VERSIONS, assetId, day, pageSize, bookmark);
    }

    @Override
    public byte[] readBaselineValues(String assetId, String day) {
        return fabric.evaluate(Baselines.READ_BASELINE_VALUES, assetId, day);
    }

    @Override
    public LedgerReceipt anchorReadings(String idempotencyKey, String anchorJson) {
        return fabric.submitIdempotent(Anchors.ANCHOR_READINGS, idempotencyKey, Map.of(), anchorJson);
    }

    @Override
    public byte[] readAnchor(String day, String aggregatorMsp) {
        return fabric.evaluate(Anchors.READ_ANCHOR, day, aggregatorMsp);
    }

    @Override
    public byte[] listAnchors(String day, String pageSize, String bookmark) {
        return fabric.evaluate(Anchors.LIST_ANCHORS, day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt settleOrder(String idempotencyKey, String orderId, String inputJson) {
        return fabric.submitIdempotent(
                Settlements.SETTLE_ORDER,
                idempotencyKey,
                Map.of(),
                Endorsers.ofOrder(fabric::evaluate, orderId),
                inputJson);
    }

    @Override
    public byte[] readSettlement(String settlementId) {
        return fabric.evaluate(Settlements.READ_SETTLEMENT, settlementId);
    }

    @Override
    public byte[] readSettlementDetails(String settlementId) {
        return fabric.evaluate(Settlements.READ_SETTLEMENT_DETAILS, settlementId);
    }

    @Override
    public byte[] listSettlements(String day, String pageSize, String bookmark) {
        return fabric.evaluate(Settlements.LIST_SETTLEMENTS, day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt openDispute(String idempotencyKey, String settlementId, String disputeJson) {
        return fabric.submitIdempotent(
                Disputes.OPEN_DISPUTE,
                idempotencyKey,
                Map.of(),
                Endorsers.ofSettlement(fabric::evaluate, settlementId),
                disputeJson);
    }

    @Override
    public LedgerReceipt resolveDispute(String idempotencyKey, String disputeId, String resolutionJson) {
        return fabric.submitIdempotent(
                Disputes.RESOLVE_DISPUTE,
                idempotencyKey,
                Map.of(),
                Endorsers.ofDispute(fabric::evaluate, disputeId),
                resolutionJson);
    }

    @Override
    public byte[] readDispute(String disputeId) {
        return fabric.evaluate(Disputes.READ_DISPUTE, disputeId);
    }

    @Override
    public byte[] disputeHistory(String disputeId) {
        return fabric.evaluate(Disputes.DISPUTE_HISTORY, disputeId);
    }
}
