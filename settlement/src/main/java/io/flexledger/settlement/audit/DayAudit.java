package io.flexledger.settlement.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.settlement.billing.SettlementBilling;
import io.flexledger.settlement.blocks.BlockVerifier;
import io.flexledger.settlement.evm.Bytes32;
import io.flexledger.settlement.evm.EvmIds;
import io.flexledger.settlement.evm.Payout;
import io.flexledger.settlement.evm.SettlementChain;
import io.flexledger.settlement.ledger.LedgerRecords;
import io.flexledger.settlement.ledger.MarketLedger;
import io.flexledger.settlement.ledger.SettlementFacts;
import io.flexledger.settlement.ledger.SettlementRecord;
import io.flexledger.settlement.support.Parallel;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gathers a period's facts from the ledger (settlements and orders), the bridge, billing and the EVM
 * chain, and audits them.
 */
public final class DayAudit {
    private final MarketLedger ledger;
    private final Optional<SettlementBilling> billing;
    private final SettlementChain chain;
    private final PeriodAuditor auditor;
    private final PrintStream progress;
    private final int workers;
    private final Optional<Blocks> blocks;
    private final Optional<String> scope;

    /**
     * The blocks to check the settlement transactions in, read through one organisation's own API and
     * peer.
     *
     * @param verifier the verifier over that organisation's peer (kept for the whole audit: it
     *     remembers the chain it walked)
     * @param peerOf the organisation, named in the report
     */
    public record Blocks(BlockVerifier verifier, String peerOf) {}

    /**
     * @param workers how many settlements' facts are gathered side by side
     */
    public DayAudit(
            MarketLedger ledger,
            Optional<SettlementBilling> billing,
            SettlementChain chain,
            PeriodAuditor auditor,
            PrintStream progress,
            int workers) {
        this(ledger, billing, chain, auditor, progress, workers, Optional.empty());
    }

    /**
     * @param workers how many settlements' facts are gathered side by side
     * @param blocks where the settlement transactions are checked in the blocks, if they are
     */
    public DayAudit(
            MarketLedger ledger,
            Optional<SettlementBilling> billing,
            SettlementChain chain,
            PeriodAuditor auditor,
            PrintStream progress,
            int workers,
            Optional<Blocks> blocks) {
        this.ledger = ledger;
        this.billing = billing;
        this.chain = chain;
        this.auditor = auditor;
        this.progress = progress;
        this.workers = workers;
        this.blocks = blocks;
        this.scope = Optional.empty();
    }

    private DayAudit(DayAudit all, String aggregatorMsp) {
        this.ledger = all.ledger;
        this.billing = all.billing;
        this.chain = all.chain;
        this.auditor = all.auditor;
        this.progress = all.progress;
        this.workers = all.workers;
        this.blocks = all.blocks;
        this.scope = Optional.of(aggregatorMsp);
    }

    /**
     * This audit of {@code aggregatorMsp}'s own settlements and orders only: what an aggregator reading
     * as itself sees (the day's EVM root, over every aggregator's settlements, is then not re-derived).
     */
    public DayAudit ofAggregator(String aggregatorMsp) {
        return new DayAudit(this, aggregatorMsp);
    }

    /** The audit report of {@code day}. */
    public PeriodReport audit(LocalDate day) {
        List<JsonNode> list = ledger.settlements(day);
        Map<String, Optional<ReadingAnchor>> anchors = new ConcurrentHashMap<>();
        AtomicInteger n = new AtomicInteger();
        // Each settlement's facts are gathered on their own.
        List<SettlementFacts> facts = Parallel.map(list, workers, s -> {
            String id = s.path("id").asText();
            progress.printf("  audit [%d/%d] %s%n", n.incrementAndGet(), list.size(), id);
            SettlementRecord record = ledger.settlement(id);
            JsonNode order = ledger.order(record.field("orderId"));
            JsonNode offer = ledger.offer(order.path("offerId").asText());
            String assetId = offer.path("assetId").asText();
            String aggregator = offer.path("aggregatorMsp").asText();
            JsonNode values = ledger.baselineValues(day, assetId);
            Map<String, DeviceRegistration> devices = new HashMap<>();
            ledger.devices(assetId).forEach(d -> devices.put(d.id(), d));
            return new SettlementFacts(
                    record,
                    LedgerRecords.order(order),
                    LedgerRecords.offer(offer),
                    ledger.baselineCommitment(day, assetId).path("hashHex").asText(),
                    LedgerRecords.baseline(values),
                    values.path("salt").asText(),
                    anchors.computeIfAbsent(aggregator, a -> ledger.anchor(day, a)),
                    LedgerRecords.homeReadings(ledger.readings(day, assetId)),
                    devices,
                    billing.flatMap(b -> {
                        synchronized (b) {
                            return b.find(id);
                        }
                    }),
                    Optional.ofNullable(record.field("disputeId")).flatMap(ledger::dispute));
        });
        // Each settlement's payout as the token recorded it.
        List<Optional<Payout>> found = Parallel.map(
                facts,
                workers,
                f -> chain.payoutOf(EvmIds.settlementId(f.settlement().id())));
        Map<String, Payout> payouts = new HashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            String id = facts.get(i).settlement().id();
            found.get(i).ifPresent(p -> payouts.put(id, p));
        }
        // Every order of the day; for one not settled nor cancelled, its offer's aggregator and whether
        // that aggregator's readings of the day are anchored (then the order can be settled).
        List<JsonNode> orderList = ledger.orders(day).stream()
                .filter(o -> scope.isEmpty()
                        || scope.get().equals(o.path("aggregatorMsp").asText()))
                .toList();
        List<DayFacts.Order> orders = Parallel.map(orderList, workers, o -> {
            String state = o.path("state").asText();
            String offerId = o.path("offerId").asText();
            String aggregator = null;
            if (state.equals("ACCEPTED") || state.equals("ACTIVATED")) {
                aggregator = ledger.offer(offerId).path("aggregatorMsp").asText();
                anchors.computeIfAbsent(aggregator, a -> ledger.anchor(day, a));
            }
            return new DayFacts.Order(o.path("id").asText(), state, offerId, aggregator);
        });
        Set<String> anchored = new HashSet<>();
        orders.stream()
                .map(DayFacts.Order::aggregatorMsp)
                .filter(a -> a != null && anchors.get(a).isPresent())
                .forEach(anchored::add);
        String evmRoot = chain.anchoredRoot(day).map(Bytes32::hex).orElse(null);
        PeriodReport report = auditor.audit(
                new DayFacts(day, facts, orders, anchored, evmRoot, payouts, billing.isPresent(), scope.orElse(null)));
        if (blocks.isEmpty()) {
            return report;
        }
        // Each settlement transaction: valid in its block, endorsed by the DSO's and its aggregator's
        // peers (signatures against the channel's MSP certificates), its block chained to block 0.
        List<BlockVerifier.Expected> expected = facts.stream()
                .map(f -> new BlockVerifier.Expected(
                        "settlement " + f.settlement().id(),
                        f.settlement().txId(),
                        Set.of(Organisation.DSO_MSP, f.settlement().field("aggregatorMsp"))))
                .toList();
        progress.printf(
                "  audit: %d settlement transaction(s) in the blocks of %s's peer%n",
                expected.size(), blocks.get().peerOf());
        BlockVerifier.Result r = blocks.get().verifier().verify(expected);
        return report.withBlocks(
                new PeriodReport.BlockCheck(
                        r.transactionsChecked(),
                        r.endorsementsVerified(),
                        r.blocksChained(),
                        r.blocksFetched(),
                        blocks.get().peerOf()),
                r.discrepancies());
    }
}
