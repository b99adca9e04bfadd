package io.flexledger.marketplaceapi.ledger;

import io.flexledger.contract.codec.AnchorRecords.StoredAnchor;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredCommitment;
import io.flexledger.contract.codec.SettlementRecords.DisputeHistory;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredDispute;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlementDetails;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeOutcome;
import java.util.List;

/**
 * The port in front of the ledger for what settles an order: one method per transaction of the
 * {@code baselines}, {@code anchors}, {@code settlements} and {@code disputes} contracts that the API
 * calls. See {@link LedgerPort} for records, refusals and idempotency keys.
 */
public interface SettlementLedger extends LedgerPort {
    /** {@code baselines:CommitBaseline}: commits the hash of a home's baseline of this aggregator. */
    LedgerReceipt commitBaseline(String idempotencyKey, BaselineCommitment commitment);

    /** {@code baselines:RevealBaseline}: reveals a committed baseline and its salt, sent as transient data only. */
    LedgerReceipt revealBaseline(String idempotencyKey, MarketRecords.Reveal reveal);

    /** {@code baselines:ReadBaseline}: a home's public commitment of a day, decoded. */
    StoredCommitment readBaseline(String assetId, String day);

    /** {@code baselines:ListBaselineVersions}: a page of the committed versions, oldest first, decoded. */
    Page<StoredCommitment> listBaselineVersions(String assetId, String day, String pageSize, String bookmark);

    /**
     * {@code baselines:ReadBaselineValues}: the revealed values and salt (the DSO and the home's aggregator
     * only), decoded.
     */
    MarketRecords.Reveal readBaselineValues(String assetId, String day);

    /** {@code anchors:AnchorReadings}: the DSO anchors a day's readings of a portfolio. */
    LedgerReceipt anchorReadings(String idempotencyKey, ReadingAnchor anchor);

    /** {@code anchors:ReadAnchor}: the anchor of a day's readings of a portfolio, decoded. */
    StoredAnchor readAnchor(String day, String aggregatorMsp);

    /** {@code anchors:ListAnchors}: a page of a day's anchors, decoded. */
    Page<StoredAnchor> listAnchors(String day, String pageSize, String bookmark);

    /** {@code settlements:SettleOrder}: settles order {@code orderId} with one proven reading per ordered slot. */
    LedgerReceipt settleOrder(String idempotencyKey, String orderId, List<ProvenReading> readings);

    /** {@code settlements:ReadSettlement}: one settlement's public record, decoded. */
    StoredSettlement readSettlement(String settlementId);

    /** {@code settlements:ReadSettlementDetails}: a settlement's per-slot lines (its parties only), decoded. */
    StoredSettlementDetails readSettlementDetails(String settlementId);

    /** {@code settlements:ListSettlements}: a page of a day's settlements, decoded. */
    Page<StoredSettlement> listSettlements(String day, String pageSize, String bookmark);

    /** {@code disputes:OpenDispute}: opens {@code dispute} of its settlement, as this instance's organisation. */
    LedgerReceipt openDispute(String idempotencyKey, Dispute dispute);

    /** {@code disputes:ResolveDispute}: resolves open dispute {@code disputeId} with {@code outcome} (note optional). */
    LedgerReceipt resolveDispute(String idempotencyKey, String disputeId, DisputeOutcome outcome, String note);

    /** {@code disputes:ReadDispute}: one dispute, decoded. */
    StoredDispute readDispute(String disputeId);

    /** {@code disputes:DisputeHistory}: every version of a dispute ({@code {id, history}}), decoded. */
    DisputeHistory disputeHistory(String disputeId);
}
