package io.flexledger.marketplaceapi.api;

/**
 * Chaincode transaction names ({@code contract:Transaction}) of the meters, reading anchors, settlements
 * and disputes, in one place: the resources and the endorsement look-ups share them.
 */
final class Transactions {
    private Transactions() {}

    static final String READ_OFFER = "ReadOffer";
    static final String READ_ASSET = "registry:ReadAsset";
    static final String READ_DEVICE = "registry:ReadDevice";
    static final String DEVICE_HISTORY = "registry:DeviceHistory";
    static final String APPROVE_METER = "registry:ApproveMeter";
    static final String PROPOSE_METER_KEY = "registry:ProposeMeterKey";
    static final String READ_ORDER = "orders:ReadOrder";
    static final String CANCEL_ORDER = "orders:CancelOrder";

    static final String ANCHOR_READINGS = "anchors:AnchorReadings";
    static final String READ_ANCHOR = "anchors:ReadAnchor";
    static final String LIST_ANCHORS = "anchors:ListAnchors";

    static final String SETTLE_ORDER = "settlements:SettleOrder";
    static final String READ_SETTLEMENT = "settlements:ReadSettlement";
    static final String READ_SETTLEMENT_DETAILS = "settlements:ReadSettlementDetails";
    static final String LIST_SETTLEMENTS = "settlements:ListSettlements";

    static final String OPEN_DISPUTE = "disputes:OpenDispute";
    static final String RESOLVE_DISPUTE = "disputes:ResolveDispute";
    static final String READ_DISPUTE = "disputes:ReadDispute";
    static final String DISPUTE_HISTORY = "disputes:DisputeHistory";
}
