package io.flexledger.contract;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of every chaincode transaction, one class per contract ({@link Offers}, {@link
 * Requests}, {@link Orders}, ...). No client or contract spells a transaction's name itself.
 */
public final class Transactions {
    private Transactions() {}

    /** Every transaction of every contract. */
    public static final List<Tx> ALL = List.of(
            Anchors.ANCHOR_READINGS,
            Anchors.READ_ANCHOR,
            Anchors.LIST_ANCHORS,
            Baselines.COMMIT_BASELINE,
            Baselines.LIST_BASELINE_VERSIONS,
            Baselines.REVEAL_BASELINE,
            Baselines.READ_BASELINE,
            Baselines.READ_BASELINE_VALUES,
            Baselines.LIST_BASELINES,
            Baselines.RECORD_PROGNOSIS,
            Baselines.READ_PROGNOSIS,
            Community.OPEN_DAY,
            Community.READ_DAY,
            Community.PROPOSE_MEMBERSHIP,
            Community.APPROVE_MEMBERSHIP,
            Community.READ_MEMBERSHIP,
            Community.LIST_MEMBERSHIPS,
            Community.POST_ORDER,
            Community.LIST_ORDERS,
            Community.RECORD_CLEARING,
            Community.READ_CLEARING,
            Community.READ_PRICES,
            Community.SETTLE_MEMBER,
            Community.READ_STATEMENT,
            Community.LIST_STATEMENTS,
            Disputes.OPEN_DISPUTE,
            Disputes.RESOLVE_DISPUTE,
            Disputes.READ_DISPUTE,
            Disputes.DISPUTE_HISTORY,
            IdempotencyRecords.READ_RECORD,
            Offers.CREATE_OFFER,
            Offers.READ_OFFER,
            Offers.LIST_OFFERS,
            Offers.LIST_OFFERS_BY_DAY,
            Orders.CREATE_ORDER,
            Orders.CANCEL_ORDER,
            Orders.READ_ORDER,
            Orders.LIST_ORDERS_BY_DAY,
            Registry.REGISTER_ORGANISATION,
            Registry.READ_ORGANISATION,
            Registry.REGISTER_CONGESTION_POINT,
            Registry.READ_CONGESTION_POINT,
            Registry.LIST_CONGESTION_POINTS,
            Registry.REGISTER_ASSET,
            Registry.READ_ASSET,
            Registry.READ_HOME_DETAILS,
            Registry.LIST_PORTFOLIO,
            Registry.REGISTER_DEVICE,
            Registry.APPROVE_METER,
            Registry.PROPOSE_METER_KEY,
            Registry.DEVICE_HISTORY,
            Registry.READ_DEVICE,
            Registry.LIST_DEVICES,
            Requests.CREATE_REQUEST,
            Requests.CLOSE_REQUEST,
            Requests.CANCEL_REQUEST,
            Requests.READ_REQUEST,
            Requests.LIST_REQUESTS_BY_DAY,
            Revocations.REVOKE_OFFER,
            Revocations.READ_REVOCATION,
            Settlements.SETTLE_ORDER,
            Settlements.READ_SETTLEMENT,
            Settlements.READ_SETTLEMENT_DETAILS,
            Settlements.LIST_SETTLEMENTS,
            Uftp.REGISTER_PARTICIPANT,
            Uftp.READ_PARTICIPANT,
            Uftp.PARTICIPANT_HISTORY,
            Uftp.LIST_PARTICIPANTS,
            Uftp.RECORD_MESSAGE,
            Uftp.READ_MESSAGE,
            Uftp.LIST_MESSAGES,
            Uftp.CREATE_OFFERS,
            Uftp.REVOKE_OFFERS,
            Uftp.READ_OFFER_OPTIONS);

    /** The transaction called {@code fullName} ({@code contract:Name}), if there is one. */
    public static Optional<Tx> named(String fullName) {
        return ALL.stream().filter(t -> t.fullName().equals(fullName)).findFirst();
    }
}
