package io.flexledger.marketplaceapi.api;

import io.flexledger.contract.Anchors;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.Settlements;
import io.flexledger.contract.codec.AnchorRecords;
import io.flexledger.contract.codec.AnchorRecords.StoredAnchor;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredCommitment;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.DisputeHistory;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredDispute;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlementDetails;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.FabricLedger;
import io.flexledger.marketplaceapi.ledger.LedgerReceipt;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import io.flexledger.marketplaceapi.ledger.Page;
import io.flexledger.marketplaceapi.ledger.SettlementLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link SettlementLedger} port over the Fabric Gateway ({@link FabricLedger}): each write is its
 * catalogued transaction with the input written by the ledger contract's codec ({@link MarketRecords},
 * {@link AnchorRecords}, {@link SettlementRecords}), endorsed by the organisations the record's key-level
 * policy names ({@link Endorsers}).
 */
@ApplicationScoped
public class GatewaySettlementLedger extends GatewayPort implements SettlementLedger {
    @Inject
    public GatewaySettlementLedger(FabricLedger fabric) {
        super(fabric);
    }

    /** For the container's client proxy only. */
    protected GatewaySettlementLedger() {
        super();
    }

    @Override
    public LedgerReceipt commitBaseline(String idempotencyKey, BaselineCommitment commitment) {
        return fabric.submitIdempotent(
                Baselines.COMMIT_BASELINE,
                idempotencyKey,
                Map.of(),
                Endorsers.dsoAnd(fabric.mspId()),
                CanonicalJson.write(MarketRecords.commitmentInput(commitment)));
    }

    @Override
    public LedgerReceipt revealBaseline(String idempotencyKey, MarketRecords.Reveal reveal) {
        return fabric.submitIdempotent(
                Baselines.REVEAL_BASELINE,
                idempotencyKey,
                Map.of(Baselines.BASELINE_TRANSIENT, CanonicalJson.write(MarketRecords.revealInput(reveal))),
                Endorsers.dsoAnd(fabric.mspId()));
    }

    @Override
    public StoredCommitment readBaseline(String assetId, String day) {
        return LedgerRecords.record(
                fabric.evaluate(Baselines.READ_BASELINE, assetId, day), MarketRecords::storedCommitmentRecord);
    }

    @Override
    public Page<StoredCommitment> listBaselineVersions(String assetId, String day, String pageSize, String bookmark) {
        return LedgerRecords.page(
                fabric.evaluate(Baselines.LIST_BASELINE_VERSIONS, assetId, day, pageSize, bookmark),
                MarketRecords::storedCommitmentRecord);
    }

    @Override
    public MarketRecords.Reveal readBaselineValues(String assetId, String day) {
        return LedgerRecords.record(
                fabric.evaluate(Baselines.READ_BASELINE_VALUES, assetId, day), MarketRecords::storedReveal);
    }

    @Override
    public LedgerReceipt anchorReadings(String idempotencyKey, ReadingAnchor anchor) {
        return fabric.submitIdempotent(
                Anchors.ANCHOR_READINGS,
                idempotencyKey,
                Map.of(),
                CanonicalJson.write(AnchorRecords.anchorInput(anchor)));
    }

    @Override
    public StoredAnchor readAnchor(String day, String aggregatorMsp) {
        return decoded(fabric.evaluate(Anchors.READ_ANCHOR, day, aggregatorMsp), AnchorRecords::storedAnchor);
    }

    @Override
    public Page<StoredAnchor> listAnchors(String day, String pageSize, String bookmark) {
        return decodedPage(fabric.evaluate(Anchors.LIST_ANCHORS, day, pageSize, bookmark), AnchorRecords::storedAnchor);
    }

    @Override
    public LedgerReceipt settleOrder(String idempotencyKey, String orderId, List<ProvenReading> readings) {
        return fabric.submitIdempotent(
                Settlements.SETTLE_ORDER,
                idempotencyKey,
                Map.of(),
                Endorsers.ofOrder(fabric::evaluate, orderId),
                CanonicalJson.write(SettlementRecords.settleInput(orderId, readings)));
    }

    @Override
    public StoredSettlement readSettlement(String settlementId) {
        return LedgerRecords.record(fabric.evaluate(Settlements.READ_SETTLEMENT, settlementId), StoredSettlement::read);
    }

    @Override
    public StoredSettlementDetails readSettlementDetails(String settlementId) {
        return LedgerRecords.record(
                fabric.evaluate(Settlements.READ_SETTLEMENT_DETAILS, settlementId), SettlementRecords::storedDetails);
    }

    @Override
    public Page<StoredSettlement> listSettlements(String day, String pageSize, String bookmark) {
        return LedgerRecords.page(
                fabric.evaluate(Settlements.LIST_SETTLEMENTS, day, pageSize, bookmark), StoredSettlement::read);
    }

    @Override
    public LedgerReceipt openDispute(String idempotencyKey, Dispute dispute) {
        return fabric.submitIdempotent(
                Disputes.OPEN_DISPUTE,
                idempotencyKey,
                Map.of(),
                Endorsers.ofSettlement(fabric::evaluate, dispute.settlementId()),
                CanonicalJson.write(SettlementRecords.disputeInput(dispute)));
    }

    @Override
    public LedgerReceipt resolveDispute(String idempotencyKey, String disputeId, DisputeOutcome outcome, String note) {
        return fabric.submitIdempotent(
                Disputes.RESOLVE_DISPUTE,
                idempotencyKey,
                Map.of(),
                Endorsers.ofDispute(fabric::evaluate, disputeId),
                CanonicalJson.write(SettlementRecords.resolutionInput(disputeId, outcome, note)));
    }

    @Override
    public StoredDispute readDispute(String disputeId) {
        return LedgerRecords.record(
                fabric.evaluate(Disputes.READ_DISPUTE, disputeId), SettlementRecords::storedDisputeRecord);
    }

    @Override
    public DisputeHistory disputeHistory(String disputeId) {
        return LedgerRecords.record(
                fabric.evaluate(Disputes.DISPUTE_HISTORY, disputeId), SettlementRecords::disputeHistory);
    }

    /** A record the ledger answered, read strictly by the codec; one it cannot read is the ledger's fault. */
    private static <T> T decoded(byte[] json, Function<JsonFields, T> reader) {
        try {
            return reader.apply(MarketRecords.stored(new String(json, StandardCharsets.UTF_8)));
        } catch (InputRefusal | ValidationException e) {
            throw new LedgerUnavailableException("the ledger returned an unreadable record: " + e.getMessage(), e);
        }
    }

    /** A page {@code {records, bookmark}} the ledger answered, each record read strictly by the codec. */
    private static <T> Page<T> decodedPage(byte[] json, Function<JsonFields, T> reader) {
        try {
            JsonFields page = MarketRecords.stored(new String(json, StandardCharsets.UTF_8));
            List<T> records = page.objects("records").stream().map(reader).toList();
            return new Page<>(records, page.string("bookmark"));
        } catch (InputRefusal | ValidationException e) {
            throw new LedgerUnavailableException("the ledger returned an unreadable page: " + e.getMessage(), e);
        }
    }
}
