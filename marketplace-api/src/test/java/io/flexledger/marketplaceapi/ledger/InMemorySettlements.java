package io.flexledger.marketplaceapi.ledger;

import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.find;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.refuse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.Anchors;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.DisputeRules;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.ReadingRules;
import io.flexledger.contract.Settlements;
import io.flexledger.contract.codec.AnchorRecords;
import io.flexledger.contract.codec.AnchorRecords.StoredAnchor;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.MarketRecords.StoredCommitment;
import io.flexledger.contract.codec.MarketRecords.StoredOffer;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.DisputeHistory;
import io.flexledger.contract.codec.SettlementRecords.DisputeVersion;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredDispute;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlementDetails;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.DisputeState;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.FlexSettlementState;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.time.MarketPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Baselines and anchors in memory for the tests ({@link SettlementLedger}), enabled by {@link
 * InMemoryLedgerProfile}; its writes are transactions of the {@link InMemoryLedger} and the homes those
 * of the {@link InMemoryRegistry}. It keeps the chaincode's rules the API's answers depend on: a home's
 * baseline committed by its aggregator before the day's gate closes, each commitment a new version
 * until the reveal, revealed once by the committing aggregator with values and salt that hash to the
 * commitment (the domain's {@link Baseline#commitmentHash}), the values read by the DSO and that
 * aggregator only; readings anchored by the DSO once per day and aggregator.
 *
 * <p>It settles an order as the chaincode does: the DSO's accepted order, the home's revealed baseline, the
 * portfolio's anchor, one reading per ordered slot, each of an approved meter of the home, signed with the
 * meter's key of the slot and a leaf of the anchored tree; the domain's settlement rule computes the
 * settlement, written with the ledger contract's codec, and the order becomes SETTLED. A party of a
 * settlement opens a dispute of it once, with a claim the order can be worth; the other party resolves it.
 */
@Alternative
@ApplicationScoped
public class InMemorySettlements implements SettlementLedger {
    private final InMemoryLedger ledger;
    private final InMemoryRegistry registry;
    /** {@code day|assetId} to the day's commitment of the home. */
    private final Map<String, StoredCommitment> baselines = new HashMap<>();
    /** {@code day|assetId} to the commitment's versions by their tag. */
    private final Map<String, SortedMap<String, StoredCommitment>> versions = new HashMap<>();
    /** {@code day|assetId} to the revealed values and salt (the private collection). */
    private final Map<String, MarketRecords.Reveal> revealed = new HashMap<>();
    /** A day's anchors by aggregator. */
    private final Map<String, SortedMap<String, StoredAnchor>> anchors = new HashMap<>();

    private final SortedMap<String, StoredSettlement> settlements = new TreeMap<>();
    private final Map<String, StoredDispute> disputes = new TreeMap<>();
    /** A settlement's private lines, by settlement id. */
    private final Map<String, StoredSettlementDetails> settlementDetails = new HashMap<>();
    /** Every version of each dispute, oldest first. */
    private final Map<String, List<DisputeVersion>> disputeVersions = new HashMap<>();
    /** {@code day|assetId} to the commitment as the records above hold it, and its version. */
    private final Map<String, Committed> committed = new HashMap<>();
    /** {@code day|assetId} to the revealed baseline. */
    private final Map<String, Baseline> revealedBaselines = new HashMap<>();
    /** {@code day|aggregatorMsp} to the anchor. */
    private final Map<String, ReadingAnchor> anchored = new HashMap<>();

    /** A commitment and its version. */
    private record Committed(BaselineCommitment commitment, int version) {}

    /** A reading presented for a settlement, where the input holds it. */
    private record Presented(ProvenReading proven, String path) implements ReadingRules.Presented {
        @Override
        public SignedReading signed() {
            return proven.signed();
        }

        @Override
        public MerkleProof proof() {
            return proven.proof();
        }
    }

    public InMemorySettlements(InMemoryLedger ledger, InMemoryRegistry registry) {
        this.ledger = ledger;
        this.registry = registry;
    }

    /** These contracts as seen by another organisation's instance. */
    public SettlementLedger as(String organisation) {
        return new View(organisation);
    }

    /** Forgets every record (between tests). */
    public void clear() {
        ledger.read(() -> {
            baselines.clear();
            versions.clear();
            revealed.clear();
            anchors.clear();
            committed.clear();
            revealedBaselines.clear();
            anchored.clear();
            settlements.clear();
            disputes.clear();
            settlementDetails.clear();
            disputeVersions.clear();
            return null;
        });
    }

    // The same instance, the same ledger's blocks as the registry's.
    @Override
    public String mspId() {
        return registry.mspId();
    }

    @Override
    public long blockNumberOf(String txId) {
        return registry.blockNumberOf(txId);
    }

    @Override
    public LedgerReceipt commitBaseline(String idempotencyKey, BaselineCommitment commitment) {
        return as(mspId()).commitBaseline(idempotencyKey, commitment);
    }

    @Override
    public LedgerReceipt revealBaseline(String idempotencyKey, MarketRecords.Reveal reveal) {
        return as(mspId()).revealBaseline(idempotencyKey, reveal);
    }

    @Override
    public StoredCommitment readBaseline(String assetId, String day) {
        return as(mspId()).readBaseline(assetId, day);
    }

    @Override
    public Page<StoredCommitment> listBaselineVersions(String assetId, String day, String pageSize, String bookmark) {
        return as(mspId()).listBaselineVersions(assetId, day, pageSize, bookmark);
    }

    @Override
    public MarketRecords.Reveal readBaselineValues(String assetId, String day) {
        return as(mspId()).readBaselineValues(assetId, day);
    }

    @Override
    public LedgerReceipt anchorReadings(String idempotencyKey, ReadingAnchor anchor) {
        return as(mspId()).anchorReadings(idempotencyKey, anchor);
    }

    @Override
    public StoredAnchor readAnchor(String day, String aggregatorMsp) {
        return as(mspId()).readAnchor(day, aggregatorMsp);
    }

    @Override
    public Page<StoredAnchor> listAnchors(String day, String pageSize, String bookmark) {
        return as(mspId()).listAnchors(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt settleOrder(String idempotencyKey, String orderId, List<ProvenReading> readings) {
        return as(mspId()).settleOrder(idempotencyKey, orderId, readings);
    }

    @Override
    public StoredSettlement readSettlement(String settlementId) {
        return as(mspId()).readSettlement(settlementId);
    }

    @Override
    public StoredSettlementDetails readSettlementDetails(String settlementId) {
        return as(mspId()).readSettlementDetails(settlementId);
    }

    @Override
    public Page<StoredSettlement> listSettlements(String day, String pageSize, String bookmark) {
        return as(mspId()).listSettlements(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt openDispute(String idempotencyKey, Dispute dispute) {
        return as(mspId()).openDispute(idempotencyKey, dispute);
    }

    @Override
    public LedgerReceipt resolveDispute(String idempotencyKey, String disputeId, DisputeOutcome outcome, String note) {
        return as(mspId()).resolveDispute(idempotencyKey, disputeId, outcome, note);
    }

    @Override
    public StoredDispute readDispute(String disputeId) {
        return as(mspId()).readDispute(disputeId);
    }

    @Override
    public DisputeHistory disputeHistory(String disputeId) {
        return as(mspId()).disputeHistory(disputeId);
    }

    /**
     * A page of {@code records} in key order, as {@link InMemoryLedger#page} pages: the bookmark is the
     * composite key {@code \0<index>\0<attributes…>\0<key>\0} of the first record of the next page.
     */
    static <T> Page<T> typedPage(
            SortedMap<String, T> records, String index, List<String> attributes, String pageSize, String bookmark) {
        int size = Integer.parseInt(pageSize);
        if (size < 1 || size > 100) {
            throw refuse(ErrorCode.PAGE_SIZE_INVALID, "page size %d is not within 1..100", size);
        }
        String[] parts = bookmark.split("\u0000");
        String from = bookmark.isEmpty() ? "" : parts[parts.length - 1];
        List<Map.Entry<String, T>> matching = records.entrySet().stream()
                .filter(r -> r.getKey().compareTo(from) >= 0)
                .toList();
        String next = matching.size() > size
                ? "\u0000" + index + "\u0000" + String.join("\u0000", attributes) + "\u0000"
                        + matching.get(size).getKey() + "\u0000"
                : "";
        return new Page<>(matching.stream().limit(size).map(Map.Entry::getValue).toList(), next);
    }

    /** One organisation's calls. */
    private final class View extends InMemoryLedger.Calls implements SettlementLedger {
        View(String caller) {
            super(ledger, caller);
        }

        @Override
        public LedgerReceipt commitBaseline(String idempotencyKey, BaselineCommitment input) {
            String request = CanonicalJson.write(MarketRecords.commitmentInput(input));
            return write(Baselines.COMMIT_BASELINE, idempotencyKey, request, txId -> {
                requireAggregator(ErrorCode.BASELINE_MSP_NOT_ALLOWED, "commit baselines");
                String assetId = input.assetId();
                MarketPeriod period = input.period();
                String day = period.day().toString();
                registry.requireOwnAsset(assetId, caller);
                Instant now = Instant.now();
                if (!period.isOpenAt(now)) {
                    throw refuse(
                            ErrorCode.BASELINE_GATE_CLOSED,
                            "gate closure for %s was at %s; transaction time is %s",
                            day,
                            period.gateClosure(),
                            now);
                }
                String key = day + "|" + assetId;
                Committed existing = committed.get(key);
                if (existing != null && existing.commitment().state() == BaselineState.REVEALED) {
                    throw refuse(
                            ErrorCode.BASELINE_ALREADY_REVEALED,
                            "the baseline of %s for %s is already revealed",
                            assetId,
                            day);
                }
                int version = existing == null ? 1 : existing.version() + 1;
                BaselineCommitment c =
                        new BaselineCommitment(assetId, caller, period, input.hashHex(), now, BaselineState.COMMITTED);
                StoredCommitment stored = new StoredCommitment(c, txId, version, null);
                committed.put(key, new Committed(c, version));
                baselines.put(key, stored);
                versions.computeIfAbsent(key, k -> new TreeMap<>()).put(String.format("v%04d", version), stored);
                return InMemoryRegistry.record(MarketRecords.commitment(stored));
            });
        }

        @Override
        public LedgerReceipt revealBaseline(String idempotencyKey, MarketRecords.Reveal reveal) {
            Map<String, Object> values = MarketRecords.revealInput(reveal);
            return write(Baselines.REVEAL_BASELINE, idempotencyKey, CanonicalJson.write(values), txId -> {
                requireAggregator(ErrorCode.BASELINE_MSP_NOT_ALLOWED, "reveal baselines");
                String assetId = reveal.baseline().assetId();
                String day = reveal.baseline().period().day().toString();
                String key = day + "|" + assetId;
                Committed c = committed.get(key);
                if (c == null) {
                    throw refuse(ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", assetId, day);
                }
                if (!c.commitment().aggregatorMsp().equals(caller)) {
                    throw refuse(
                            ErrorCode.BASELINE_MSP_NOT_ALLOWED,
                            "the baseline of %s was committed by %s (caller %s)",
                            assetId,
                            c.commitment().aggregatorMsp(),
                            caller);
                }
                if (c.commitment().state() == BaselineState.REVEALED) {
                    throw refuse(
                            ErrorCode.BASELINE_ALREADY_REVEALED,
                            "the baseline of %s for %s is already revealed",
                            assetId,
                            day);
                }
                if (!c.commitment().matches(reveal.baseline(), reveal.salt())) {
                    throw refuse(
                            ErrorCode.BASELINE_HASH_MISMATCH,
                            "the revealed baseline hashes to %s, the commitment is %s",
                            reveal.baseline().commitmentHash(reveal.salt()),
                            c.commitment().hashHex());
                }
                BaselineCommitment done = c.commitment().withState(BaselineState.REVEALED);
                StoredCommitment stored = new StoredCommitment(done, txId, c.version(), Instant.now());
                committed.put(key, new Committed(done, c.version()));
                baselines.put(key, stored);
                revealed.put(key, reveal);
                revealedBaselines.put(key, reveal.baseline());
                return InMemoryRegistry.record(MarketRecords.commitment(stored));
            });
        }

        @Override
        public StoredCommitment readBaseline(String assetId, String day) {
            return ledger.read(() -> commitment(assetId, day));
        }

        @Override
        public Page<StoredCommitment> listBaselineVersions(
                String assetId, String day, String pageSize, String bookmark) {
            return ledger.read(() -> typedPage(
                    versions.getOrDefault(day + "|" + assetId, new TreeMap<>()),
                    "baselineVersion",
                    List.of(day, assetId),
                    pageSize,
                    bookmark));
        }

        @Override
        public MarketRecords.Reveal readBaselineValues(String assetId, String day) {
            return ledger.read(() -> {
                String committer = commitment(assetId, day).commitment().aggregatorMsp();
                if (!caller.equals(committer) && !Organisation.isDso(caller)) {
                    throw refuse(
                            ErrorCode.BASELINE_MSP_NOT_ALLOWED,
                            "only %s and the DSO may read this baseline (caller %s)",
                            committer,
                            caller);
                }
                MarketRecords.Reveal values = revealed.get(day + "|" + assetId);
                if (values == null) {
                    throw refuse(
                            ErrorCode.BASELINE_NOT_FOUND, "the baseline of %s for %s is not revealed", assetId, day);
                }
                return values;
            });
        }

        @Override
        public LedgerReceipt anchorReadings(String idempotencyKey, ReadingAnchor anchor) {
            String request = CanonicalJson.write(AnchorRecords.anchorInput(anchor));
            return write(Anchors.ANCHOR_READINGS, idempotencyKey, request, txId -> {
                requireDso(ErrorCode.ANCHOR_MSP_NOT_ALLOWED, "anchor readings");
                String aggregator = anchor.aggregatorMsp();
                if (!Organisation.isAggregator(aggregator)) {
                    throw refuse(
                            ErrorCode.INVALID_FIELD,
                            "$.aggregatorMsp: %s is not an aggregator organisation",
                            aggregator);
                }
                String day = anchor.day().toString();
                SortedMap<String, StoredAnchor> ofDay = anchors.computeIfAbsent(day, d -> new TreeMap<>());
                if (ofDay.containsKey(aggregator)) {
                    throw refuse(
                            ErrorCode.ANCHOR_EXISTS, "the readings of %s for %s are already anchored", aggregator, day);
                }
                StoredAnchor stored =
                        new StoredAnchor(anchor, caller, Instant.now().toString(), txId);
                ObjectNode record = InMemoryRegistry.record(AnchorRecords.anchor(stored));
                ofDay.put(aggregator, stored);
                anchored.put(day + "|" + aggregator, anchor);
                return record;
            });
        }

        @Override
        public StoredAnchor readAnchor(String day, String aggregatorMsp) {
            return ledger.read(() -> {
                StoredAnchor anchor = anchors.getOrDefault(day, new TreeMap<>()).get(aggregatorMsp);
                if (anchor == null) {
                    throw refuse(ErrorCode.ANCHOR_NOT_FOUND, "no readings of %s anchored for %s", aggregatorMsp, day);
                }
                return anchor;
            });
        }

        @Override
        public Page<StoredAnchor> listAnchors(String day, String pageSize, String bookmark) {
            return ledger.read(() ->
                    typedPage(anchors.getOrDefault(day, new TreeMap<>()), "anchor", List.of(day), pageSize, bookmark));
        }

        @Override
        public LedgerReceipt settleOrder(String idempotencyKey, String orderId, List<ProvenReading> readings) {
            String request = CanonicalJson.write(SettlementRecords.settleInput(orderId, readings));
            return write(Settlements.SETTLE_ORDER, idempotencyKey, request, txId -> {
                requireDso(ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED, "settle orders");
                StoredOrder orderRecord = ledger.read(() -> ledger.orders().get(orderId));
                if (orderRecord == null) {
                    throw refuse(ErrorCode.ORDER_NOT_FOUND, "$.orderId: order %s does not exist", orderId);
                }
                FlexOrder order = orderRecord.order();
                if (!order.dsoMsp().equals(caller)) {
                    throw refuse(
                            ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED, "order %s belongs to %s", order.id(), order.dsoMsp());
                }
                // Only a live order is settled: accepted (or activated), never cancelled or settled twice.
                if (!order.state().canBecome(FlexOrderState.SETTLED) && order.state() != FlexOrderState.ACCEPTED) {
                    throw refuse(ErrorCode.ORDER_NOT_SETTLEABLE, "order %s is %s", order.id(), order.state());
                }
                FlexOffer offer = offerOf(order);
                String day = offer.period().day().toString();
                String key = day + "|" + offer.assetId();
                Committed c = committed.get(key);
                if (c == null) {
                    throw refuse(
                            ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", offer.assetId(), day);
                }
                Baseline baseline = revealedBaselines.get(key);
                if (c.commitment().state() != BaselineState.REVEALED || baseline == null) {
                    throw refuse(
                            ErrorCode.BASELINE_NOT_REVEALED,
                            "the baseline of %s for %s is not revealed",
                            offer.assetId(),
                            day);
                }
                ReadingAnchor anchor = anchored.get(day + "|" + offer.aggregatorMsp());
                if (anchor == null) {
                    throw refuse(
                            ErrorCode.ANCHOR_NOT_FOUND,
                            "no readings of %s anchored for %s",
                            offer.aggregatorMsp(),
                            day);
                }
                List<ProvenReading> bySlot = checked(offer, anchor, readings);
                FlexSettlement settlement = SettlementRule.DEFAULT.settle(
                        offer,
                        order,
                        baseline,
                        bySlot.stream().map(ProvenReading::reading).toList());
                StoredSettlementDetails details = SettlementRecords.storedDetails(
                        settlement, order.activation().toPlainString(), bySlot);
                StoredSettlement stored = StoredSettlement.of(
                        settlement,
                        anchor.rootHex(),
                        c.commitment().hashHex(),
                        Baseline.sha256Hex(CanonicalJson.write(SettlementRecords.details(details))),
                        Instant.now().toString(),
                        txId);
                settlements.put(settlement.id(), stored);
                settlementDetails.put(settlement.id(), details);
                // Settling an accepted order records that it was operated (activated) and settled.
                FlexOrder settled = new FlexOrder(
                        order.id(), order.dsoMsp(), order.offerId(), order.activation(), FlexOrderState.SETTLED);
                ledger.orders()
                        .put(
                                orderId,
                                new StoredOrder(
                                        settled,
                                        orderRecord.aggregatorMsp(),
                                        orderRecord.assetId(),
                                        orderRecord.congestionPointId(),
                                        orderRecord.kwBySlot(),
                                        orderRecord.cost(),
                                        orderRecord.day(),
                                        InMemoryLedger.at(txId),
                                        txId,
                                        settlement.id()));
                return InMemoryRegistry.record(stored.toJson());
            });
        }

        /**
         * The presented readings checked by the ledger contract's {@link ReadingRules}, as the chaincode
         * checks them, in slot order: one per ordered slot of the order's day, of an approved meter of the
         * order's home, signed with the meter's key of the slot and a leaf of the anchored tree. Only the
         * DSO's approval makes a meter ACTIVE here (registry:ApproveMeter), so its keys need no other.
         */
        private List<ProvenReading> checked(FlexOffer offer, ReadingAnchor anchor, List<ProvenReading> readings) {
            List<Presented> presented = new ArrayList<>();
            for (int i = 0; i < readings.size(); i++) {
                presented.add(new Presented(readings.get(i), "$.readings[" + i + "]"));
            }
            return ReadingRules.check(
                            ReadingRules.Scope.ofOrder(offer),
                            anchor,
                            presented,
                            deviceId -> Optional.ofNullable(registry.storedDevice(deviceId)),
                            (meter, key, at) -> {},
                            (code, message) -> refuse(code, "%s", message))
                    .stream()
                    .map(Presented::proven)
                    .toList();
        }

        @Override
        public StoredSettlement readSettlement(String settlementId) {
            return ledger.read(() -> storedSettlement(settlementId));
        }

        @Override
        public StoredSettlementDetails readSettlementDetails(String settlementId) {
            return ledger.read(() -> {
                StoredSettlement s = storedSettlement(settlementId);
                if (!caller.equals(s.aggregatorMsp()) && !Organisation.isDso(caller)) {
                    throw refuse(
                            ErrorCode.SETTLEMENT_MSP_NOT_ALLOWED,
                            "only %s and the DSO may read the details of %s (caller %s)",
                            s.aggregatorMsp(),
                            settlementId,
                            caller);
                }
                return settlementDetails.get(settlementId);
            });
        }

        @Override
        public Page<StoredSettlement> listSettlements(String day, String pageSize, String bookmark) {
            return ledger.read(() -> {
                SortedMap<String, StoredSettlement> ofDay = new TreeMap<>();
                settlements.forEach((id, s) -> {
                    if (s.day().toString().equals(day)) {
                        ofDay.put(id, s);
                    }
                });
                return typedPage(ofDay, "settlementByDay", List.of(day), pageSize, bookmark);
            });
        }

        @Override
        public LedgerReceipt openDispute(String idempotencyKey, Dispute input) {
            String request = CanonicalJson.write(SettlementRecords.disputeInput(input));
            return write(Disputes.OPEN_DISPUTE, idempotencyKey, request, txId -> {
                requireParty("open disputes");
                // The opener is the caller, whoever the value names.
                Dispute dispute = Dispute.open(
                        input.id(), input.settlementId(), caller, input.reason(), input.evidenceHash(), input.claim());
                StoredSettlement settlement = storedSettlement(dispute.settlementId());
                refuseIf(DisputeRules.opener(caller, settlement.id(), settlement.dsoMsp(), settlement.aggregatorMsp()));
                if (disputes.containsKey(dispute.id())) {
                    throw refuse(ErrorCode.DISPUTE_EXISTS, "dispute %s already exists", dispute.id());
                }
                if (!settlement.state().canBecome(FlexSettlementState.DISPUTED)) {
                    throw refuse(
                            ErrorCode.SETTLEMENT_STATE_INVALID,
                            "settlement %s is %s%s",
                            settlement.id(),
                            settlement.state(),
                            settlement.disputeId() == null ? "" : " (dispute " + settlement.disputeId() + ")");
                }
                requireClaimFits(settlement, dispute.claim());
                String now = Instant.now().toString();
                StoredDispute stored = new StoredDispute(
                        dispute, settlement.dsoMsp(), settlement.aggregatorMsp(), now, null, null, txId);
                ObjectNode record = InMemoryRegistry.record(SettlementRecords.dispute(stored));
                keepDispute(stored);
                settlements.put(settlement.id(), settlement.disputed(dispute.id(), now, txId));
                return record;
            });
        }

        @Override
        public LedgerReceipt resolveDispute(
                String idempotencyKey, String disputeId, DisputeOutcome outcome, String note) {
            String request = CanonicalJson.write(SettlementRecords.resolutionInput(disputeId, outcome, note));
            return write(Disputes.RESOLVE_DISPUTE, idempotencyKey, request, txId -> {
                requireParty("resolve disputes");
                StoredDispute stored = find(disputes, disputeId, ErrorCode.DISPUTE_NOT_FOUND, "dispute");
                Dispute open = stored.dispute();
                StoredSettlement settlement = storedSettlement(open.settlementId());
                refuseIf(DisputeRules.resolver(
                        open, settlement.id(), settlement.dsoMsp(), settlement.aggregatorMsp(), caller));
                if (open.state() != DisputeState.OPEN) {
                    throw refuse(
                            ErrorCode.DISPUTE_NOT_OPEN,
                            "dispute %s is %s (%s)",
                            open.id(),
                            open.state(),
                            open.outcome());
                }
                if (settlement.state() != FlexSettlementState.DISPUTED
                        || !open.id().equals(settlement.disputeId())) {
                    throw refuse(
                            ErrorCode.SETTLEMENT_STATE_INVALID,
                            "settlement %s is %s (dispute %s), not DISPUTED by %s",
                            settlement.id(),
                            settlement.state(),
                            settlement.disputeId(),
                            open.id());
                }
                Dispute resolved = open.resolve(outcome, note);
                String now = Instant.now().toString();
                StoredDispute resolvedRecord = new StoredDispute(
                        resolved, stored.dsoMsp(), stored.aggregatorMsp(), stored.openedAt(), caller, now, txId);
                ObjectNode record = InMemoryRegistry.record(SettlementRecords.dispute(resolvedRecord));
                keepDispute(resolvedRecord);
                settlements.put(settlement.id(), settlement.resolved(resolved, now, txId));
                return record;
            });
        }

        @Override
        public StoredDispute readDispute(String disputeId) {
            return ledger.read(() -> find(disputes, disputeId, ErrorCode.DISPUTE_NOT_FOUND, "dispute"));
        }

        @Override
        public DisputeHistory disputeHistory(String disputeId) {
            return ledger.read(() -> {
                find(disputes, disputeId, ErrorCode.DISPUTE_NOT_FOUND, "dispute");
                // The peer answers the newest version first.
                List<DisputeVersion> history = new ArrayList<>(disputeVersions.get(disputeId));
                Collections.reverse(history);
                return new DisputeHistory(disputeId, history);
            });
        }

        /** Refuses a claim the order could never be worth or whose figures do not follow by the rule. */
        private void requireClaimFits(StoredSettlement settlement, DisputeClaim claim) {
            FlexOrder order = ledger.orders().get(settlement.orderId()).order();
            refuseIf(DisputeRules.claim(SettlementRule.DEFAULT, offerOf(order), order, claim));
        }

        private void requireParty(String action) {
            refuseIf(DisputeRules.party(caller, action));
        }

        /** Throws the refusal a rule of {@link DisputeRules} answered, as the chaincode does. */
        private void refuseIf(java.util.Optional<DisputeRules.Refusal> refusal) {
            if (refusal.isPresent()) {
                throw InMemoryLedger.refuse(
                        refusal.get().code(), "%s", refusal.get().message());
            }
        }

        private void keepDispute(StoredDispute stored) {
            String id = stored.dispute().id();
            disputes.put(id, stored);
            disputeVersions
                    .computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new DisputeVersion(stored.txId(), Instant.EPOCH, false, stored));
        }

        private StoredSettlement storedSettlement(String id) {
            return find(settlements, id, ErrorCode.SETTLEMENT_NOT_FOUND, "settlement");
        }

        /** The offer an order buys, as the order book holds it. */
        private FlexOffer offerOf(FlexOrder order) {
            StoredOffer offer = ledger.offers().get(order.offerId());
            if (offer == null) {
                throw refuse(ErrorCode.OFFER_NOT_FOUND, "offer %s does not exist", order.offerId());
            }
            return offer.offer();
        }

        private StoredCommitment commitment(String assetId, String day) {
            StoredCommitment commitment = baselines.get(day + "|" + assetId);
            if (commitment == null) {
                throw refuse(ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", assetId, day);
            }
            return commitment;
        }
    }
}
