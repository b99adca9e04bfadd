package io.flexledger.marketplaceapi.ledger;

import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.bytes;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.find;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.object;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.Anchors;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.ErrorCode;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Settling an order (signed readings, Merkle proofs to the anchor, the settlement rule) and disputes
 * are not kept in memory: those writes throw {@link UnsupportedOperationException}, so nothing is
 * settled or disputed here and their reads answer not found.
 */
@Alternative
@ApplicationScoped
public class InMemorySettlements implements SettlementLedger {
    private final InMemoryLedger ledger;
    private final InMemoryRegistry registry;
    /** {@code day|assetId} to the day's commitment of the home. */
    private final Map<String, ObjectNode> baselines = new HashMap<>();
    /** {@code day|assetId} to the commitment's versions by their tag. */
    private final Map<String, Map<String, ObjectNode>> versions = new HashMap<>();
    /** {@code day|assetId} to the revealed values and salt (the private collection). */
    private final Map<String, ObjectNode> revealed = new HashMap<>();
    /** A day's anchors by aggregator. */
    private final Map<String, Map<String, ObjectNode>> anchors = new HashMap<>();

    private final Map<String, ObjectNode> settlements = new TreeMap<>();
    private final Map<String, ObjectNode> disputes = new TreeMap<>();

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
    public LedgerReceipt commitBaseline(String idempotencyKey, String commitmentJson) {
        return as(mspId()).commitBaseline(idempotencyKey, commitmentJson);
    }

    @Override
    public LedgerReceipt revealBaseline(String idempotencyKey, String baselineJson) {
        return as(mspId()).revealBaseline(idempotencyKey, baselineJson);
    }

    @Override
    public byte[] readBaseline(String assetId, String day) {
        return as(mspId()).readBaseline(assetId, day);
    }

    @Override
    public byte[] listBaselineVersions(String assetId, String day, String pageSize, String bookmark) {
        return as(mspId()).listBaselineVersions(assetId, day, pageSize, bookmark);
    }

    @Override
    public byte[] readBaselineValues(String assetId, String day) {
        return as(mspId()).readBaselineValues(assetId, day);
    }

    @Override
    public LedgerReceipt anchorReadings(String idempotencyKey, String anchorJson) {
        return as(mspId()).anchorReadings(idempotencyKey, anchorJson);
    }

    @Override
    public byte[] readAnchor(String day, String aggregatorMsp) {
        return as(mspId()).readAnchor(day, aggregatorMsp);
    }

    @Override
    public byte[] listAnchors(String day, String pageSize, String bookmark) {
        return as(mspId()).listAnchors(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt settleOrder(String idempotencyKey, String orderId, String inputJson) {
        return as(mspId()).settleOrder(idempotencyKey, orderId, inputJson);
    }

    @Override
    public byte[] readSettlement(String settlementId) {
        return as(mspId()).readSettlement(settlementId);
    }

    @Override
    public byte[] readSettlementDetails(String settlementId) {
        return as(mspId()).readSettlementDetails(settlementId);
    }

    @Override
    public byte[] listSettlements(String day, String pageSize, String bookmark) {
        return as(mspId()).listSettlements(day, pageSize, bookmark);
    }

    @Override
    public LedgerReceipt openDispute(String idempotencyKey, String settlementId, String disputeJson) {
        return as(mspId()).openDispute(idempotencyKey, settlementId, disputeJson);
    }

    @Override
    public LedgerReceipt resolveDispute(String idempotencyKey, String disputeId, String resolutionJson) {
        return as(mspId()).resolveDispute(idempotencyKey, disputeId, resolutionJson);
    }

    @Override
    public byte[] readDispute(String disputeId) {
        return as(mspId()).readDispute(disputeId);
    }

    @Override
    public byte[] disputeHistory(String disputeId) {
        return as(mspId()).disputeHistory(disputeId);
    }

    /** One organisation's calls. */
    private final class View extends InMemoryLedger.Calls implements SettlementLedger {
        View(String caller) {
            super(ledger, caller);
        }

        @Override
        public LedgerReceipt commitBaseline(String idempotencyKey, String commitmentJson) {
            return write(Baselines.COMMIT_BASELINE, idempotencyKey, commitmentJson, txId -> {
                requireAggregator(ErrorCode.BASELINE_MSP_NOT_ALLOWED, "commit baselines");
                ObjectNode commitment = object(commitmentJson);
                String assetId = commitment.path("assetId").asText();
                String day = commitment.path("day").asText();
                registry.requireOwnAsset(assetId, caller);
                MarketPeriod period = MarketRules.DEFAULT.period(LocalDate.parse(day));
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
                ObjectNode existing = baselines.get(key);
                if (existing != null && "REVEALED".equals(existing.path("state").asText())) {
                    throw refuse(
                            ErrorCode.BASELINE_ALREADY_REVEALED,
                            "the baseline of %s for %s is already revealed",
                            assetId,
                            day);
                }
                int version = existing == null ? 1 : existing.path("version").asInt() + 1;
                commitment.put("aggregatorMsp", caller);
                commitment.put("state", "COMMITTED");
                commitment.put("version", version);
                commitment.put("committedAt", now.toString());
                commitment.put("txId", txId);
                baselines.put(key, commitment);
                versions.computeIfAbsent(key, k -> new TreeMap<>())
                        .put(String.format("v%04d", version), commitment.deepCopy());
                return commitment;
            });
        }

        @Override
        public LedgerReceipt revealBaseline(String idempotencyKey, String baselineJson) {
            return write(Baselines.REVEAL_BASELINE, idempotencyKey, baselineJson, txId -> {
                requireAggregator(ErrorCode.BASELINE_MSP_NOT_ALLOWED, "reveal baselines");
                ObjectNode reveal = object(baselineJson);
                String assetId = reveal.path("assetId").asText();
                String day = reveal.path("day").asText();
                String key = day + "|" + assetId;
                ObjectNode commitment = baselines.get(key);
                if (commitment == null) {
                    throw refuse(ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", assetId, day);
                }
                String committer = commitment.path("aggregatorMsp").asText();
                if (!committer.equals(caller)) {
                    throw refuse(
                            ErrorCode.BASELINE_MSP_NOT_ALLOWED,
                            "the baseline of %s was committed by %s (caller %s)",
                            assetId,
                            committer,
                            caller);
                }
                if ("REVEALED".equals(commitment.path("state").asText())) {
                    throw refuse(
                            ErrorCode.BASELINE_ALREADY_REVEALED,
                            "the baseline of %s for %s is already revealed",
                            assetId,
                            day);
                }
                List<Kilowatts> kw = new ArrayList<>();
                for (JsonNode value : reveal.path("kwBySlot")) {
                    kw.add(new Kilowatts(new BigDecimal(value.asText())));
                }
                String hash = new Baseline(assetId, MarketRules.DEFAULT.period(LocalDate.parse(day)), kw)
                        .commitmentHash(reveal.path("salt").asText());
                if (!hash.equals(commitment.path("hashHex").asText())) {
                    throw refuse(
                            ErrorCode.BASELINE_HASH_MISMATCH,
                            "the revealed baseline hashes to %s, the commitment is %s",
                            hash,
                            commitment.path("hashHex").asText());
                }
                ObjectNode done = commitment.deepCopy();
                done.put("state", "REVEALED");
                done.put("revealedAt", Instant.now().toString());
                done.put("txId", txId);
                baselines.put(key, done);
                revealed.put(key, reveal);
                return done;
            });
        }

        @Override
        public byte[] readBaseline(String assetId, String day) {
            return ledger.read(() -> bytes(commitment(assetId, day)));
        }

        @Override
        public byte[] listBaselineVersions(String assetId, String day, String pageSize, String bookmark) {
            return ledger.read(() -> InMemoryLedger.page(
                    versions.getOrDefault(day + "|" + assetId, Map.of()),
                    r -> true,
                    "baselineVersion",
                    List.of(day, assetId),
                    pageSize,
                    bookmark));
        }

        @Override
        public byte[] readBaselineValues(String assetId, String day) {
            return ledger.read(() -> {
                String committer =
                        commitment(assetId, day).path("aggregatorMsp").asText();
                if (!caller.equals(committer) && !Organisation.isDso(caller)) {
                    throw refuse(
                            ErrorCode.BASELINE_MSP_NOT_ALLOWED,
                            "only %s and the DSO may read this baseline (caller %s)",
                            committer,
                            caller);
                }
                ObjectNode values = revealed.get(day + "|" + assetId);
                if (values == null) {
                    throw refuse(
                            ErrorCode.BASELINE_NOT_FOUND, "the baseline of %s for %s is not revealed", assetId, day);
                }
                return bytes(values);
            });
        }

        @Override
        public LedgerReceipt anchorReadings(String idempotencyKey, String anchorJson) {
            return write(Anchors.ANCHOR_READINGS, idempotencyKey, anchorJson, txId -> {
                requireDso(ErrorCode.ANCHOR_MSP_NOT_ALLOWED, "anchor readings");
                ObjectNode anchor = object(anchorJson);
                String day = anchor.path("day").asText();
                String aggregator = anchor.path("aggregatorMsp").asText();
                if (!Organisation.isAggregator(aggregator)) {
                    throw refuse(
                            ErrorCode.INVALID_FIELD,
                            "$.aggregatorMsp: %s is not an aggregator organisation",
                            aggregator);
                }
                Map<String, ObjectNode> ofDay = anchors.computeIfAbsent(day, d -> new TreeMap<>());
                if (ofDay.containsKey(aggregator)) {
                    throw refuse(
                            ErrorCode.ANCHOR_EXISTS, "the readings of %s for %s are already anchored", aggregator, day);
                }
                anchor.put("anchoredBy", caller);
                anchor.put("anchoredAt", Instant.now().toString());
                anchor.put("txId", txId);
                ofDay.put(aggregator, anchor);
                return anchor;
            });
        }

        @Override
        public byte[] readAnchor(String day, String aggregatorMsp) {
            return ledger.read(() -> {
                ObjectNode anchor = anchors.getOrDefault(day, Map.of()).get(aggregatorMsp);
                if (anchor == null) {
                    throw refuse(ErrorCode.ANCHOR_NOT_FOUND, "no readings of %s anchored for %s", aggregatorMsp, day);
                }
                return bytes(anchor);
            });
        }

        @Override
        public byte[] listAnchors(String day, String pageSize, String bookmark) {
            return ledger.read(() -> InMemoryLedger.page(
                    anchors.getOrDefault(day, Map.of()), r -> true, "anchor", List.of(day), pageSize, bookmark));
        }

        @Override
        public LedgerReceipt settleOrder(String idempotencyKey, String orderId, String inputJson) {
            throw new UnsupportedOperationException("settling an order is not kept in memory");
        }

        @Override
        public byte[] readSettlement(String settlementId) {
            return ledger.read(
                    () -> bytes(find(settlements, settlementId, ErrorCode.SETTLEMENT_NOT_FOUND, "settlement")));
        }

        @Override
        public byte[] readSettlementDetails(String settlementId) {
            return readSettlement(settlementId);
        }

        @Override
        public byte[] listSettlements(String day, String pageSize, String bookmark) {
            return ledger.read(() -> InMemoryLedger.page(
                    settlements,
                    r -> r.path("day").asText().equals(day),
                    "settlementByDay",
                    List.of(day),
                    pageSize,
                    bookmark));
        }

        @Override
        public LedgerReceipt openDispute(String idempotencyKey, String settlementId, String disputeJson) {
            throw new UnsupportedOperationException("disputes are not kept in memory");
        }

        @Override
        public LedgerReceipt resolveDispute(String idempotencyKey, String disputeId, String resolutionJson) {
            throw new UnsupportedOperationException("disputes are not kept in memory");
        }

        @Override
        public byte[] readDispute(String disputeId) {
            return ledger.read(() -> bytes(find(disputes, disputeId, ErrorCode.DISPUTE_NOT_FOUND, "dispute")));
        }

        @Override
        public byte[] disputeHistory(String disputeId) {
            return readDispute(disputeId);
        }

        private ObjectNode commitment(String assetId, String day) {
            ObjectNode commitment = baselines.get(day + "|" + assetId);
            if (commitment == null) {
                throw refuse(ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", assetId, day);
            }
            return commitment;
        }
    }
}
