package io.flexledger.settlement.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.CommunityClient;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.settlement.billing.SettlementBilling;
import io.flexledger.settlement.blocks.BlockSource;
import io.flexledger.settlement.blocks.BlockVerifier;
import io.flexledger.settlement.blocks.CommittedWrites;
import io.flexledger.settlement.blocks.LedgerBlockSource;
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
import java.time.Clock;
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
    private final Optional<Communities> communities;

    /**
     * Which communities' statements the audit re-derives, read through the auditing party's own API (one
     * of the community's organisations), or why the party reads none.
     *
     * @param read the communities (their operators' MSP ids) whose statements the party may read
     * @param notReadable why it reads none (then {@code read} is empty), or null
     * @param auditor the auditor of each statement
     * @param clock now: whether the day has ended, so that every member with trades should have a statement
     */
    public record Communities(List<String> read, String notReadable, CommunityAuditor auditor, Clock clock) {
        public Communities {
            read = List.copyOf(read);
        }

        /** The statements of {@code communities}, re-derived by {@code auditor}. */
        public static Communities of(List<String> communities, CommunityAuditor auditor, Clock clock) {
            return new Communities(communities, null, auditor, clock);
        }

        /** None: the party cannot read community private data, for {@code reason}. */
        public static Communities notReadable(String reason) {
            return new Communities(List.of(), reason, null, null);
        }
    }

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
        this.communities = Optional.empty();
    }

    private DayAudit(DayAudit all, Optional<String> scope, Optional<Communities> communities) {
        this.ledger = all.ledger;
        this.billing = all.billing;
        this.chain = all.chain;
        this.auditor = all.auditor;
        this.progress = all.progress;
        this.workers = all.workers;
        this.blocks = all.blocks;
        this.scope = scope;
        this.communities = communities;
    }

    /** This audit with the community statements of {@code communities} re-derived (or said unreadable). */
    public DayAudit withCommunities(Communities communities) {
        return new DayAudit(this, scope, Optional.of(communities));
    }

    /**
     * This audit of {@code aggregatorMsp}'s own settlements and orders only: what an aggregator reading
     * as itself sees (the day's EVM root, over every aggregator's settlements, is then not re-derived).
     */
    public DayAudit ofAggregator(String aggregatorMsp) {
        return new DayAudit(this, Optional.of(aggregatorMsp), communities);
    }

    /** The audit report of {@code day}. */
    public PeriodReport audit(LocalDate day) {
        List<String> list = ledger.settlementIds(day);
        Map<String, Optional<ReadingAnchor>> anchors = new ConcurrentHashMap<>();
        AtomicInteger n = new AtomicInteger();
        // Each settlement's facts are gathered on their own.
        List<SettlementFacts> facts = Parallel.map(list, workers, id -> {
            progress.printf("  audit [%d/%d] %s%n", n.incrementAndGet(), list.size(), id);
            SettlementRecord record = ledger.settlement(id);
            FlexOrder order = ledger.order(record.field("orderId")).order();
            FlexOffer offer = ledger.offer(order.offerId());
            String assetId = offer.assetId();
            String aggregator = offer.aggregatorMsp();
            JsonNode values = ledger.baselineValues(day, assetId);
            Map<String, DeviceRegistration> devices = new HashMap<>();
            ledger.devices(assetId).forEach(d -> devices.put(d.id(), d));
            return new SettlementFacts(
                    record,
                    order,
                    offer,
                    ledger.baselineCommitment(day, assetId).path("hashHex").asText(),
                    LedgerRecords.baseline(values),
                    values.path("salt").asText(),
                    anchors.computeIfAbsent(aggregator, a -> ledger.anchor(day, a)),
                    ledger.readings(day, assetId),
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
        List<MarketRecords.StoredOrder> orderList = ledger.orders(day).stream()
                .filter(o -> scope.isEmpty() || scope.get().equals(o.aggregatorMsp()))
                .toList();
        List<DayFacts.Order> orders = Parallel.map(orderList, workers, stored -> {
            FlexOrder o = stored.order();
            String aggregator = null;
            if (o.state() == FlexOrderState.ACCEPTED || o.state() == FlexOrderState.ACTIVATED) {
                aggregator = ledger.offer(o.offerId()).aggregatorMsp();
                anchors.computeIfAbsent(aggregator, a -> ledger.anchor(day, a));
            }
            return new DayFacts.Order(o.id(), o.state().name(), o.offerId(), aggregator);
        });
        Set<String> anchored = new HashSet<>();
        orders.stream()
                .map(DayFacts.Order::aggregatorMsp)
                .filter(a -> a != null && anchors.get(a).isPresent())
                .forEach(anchored::add);
        String evmRoot = chain.anchoredRoot(day).map(Bytes32::hex).orElse(null);
        PeriodReport report = auditor.audit(
                new DayFacts(day, facts, orders, anchored, evmRoot, payouts, billing.isPresent(), scope.orElse(null)));
        List<CommunityFacts> community = List.of();
        if (communities.isPresent()) {
            Communities c = communities.get();
            if (c.notReadable() != null) {
                report = report.withCommunity(CommunityCheck.notReadable(c.notReadable()));
            } else {
                community = c.read().stream()
                        .map(name -> communityFacts(name, day, c.clock(), anchors))
                        .toList();
                report = report.withCommunity(c.auditor().audit(community));
            }
        }
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
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        // Each community statement's transaction: endorsed by its operator's and CommunityMSP's peers.
        for (CommunityFacts c : community) {
            for (CommunityFacts.Statement st : c.statements()) {
                String txId = st.record().path("txId").asText("");
                if (!txId.isEmpty()) {
                    expected.add(new BlockVerifier.Expected(
                            "community statement " + c.community() + "/" + st.homeId(),
                            txId,
                            Set.of(c.community(), Organisation.COMMUNITY_MSP)));
                }
            }
        }
        progress.printf(
                "  audit: %d settlement and community statement transaction(s) in the blocks of %s's peer%n",
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

    /**
     * One community's day as its organisation's API and peer give it: the clearing (public and private),
     * the day's prices, each statement with the public record its transaction wrote (from the block),
     * the home's devices, and the anchor of the operator's portfolio.
     */
    private CommunityFacts communityFacts(
            String community, LocalDate day, Clock clock, Map<String, Optional<ReadingAnchor>> anchors) {
        progress.printf("  audit: community statements of %s%n", community);
        CommunityClient api = ledger.community();
        Optional<JsonNode> clearingRecord = absentIfNotFound(() -> api.prices(community, day));
        Optional<JsonNode> clearing = absentIfNotFound(() -> api.clearing(community, day));
        Optional<JsonNode> dayRecord = absentIfNotFound(() -> api.day(community, day));
        List<JsonNode> list =
                absentIfNotFound(() -> api.statements(community, day)).orElse(List.of());
        BlockSource source = new LedgerBlockSource(ledger);
        List<CommunityFacts.Statement> statements = Parallel.map(list, workers, st -> {
            String home = st.path("homeId").asText();
            Map<String, DeviceRegistration> devices = new HashMap<>();
            ledger.devices(home).forEach(d -> devices.put(d.id(), d));
            String txId = st.path("txId").asText("");
            Optional<CommittedWrites.Committed> committed =
                    txId.isEmpty() ? Optional.empty() : CommittedWrites.of(source, txId);
            return new CommunityFacts.Statement(st, devices, committed);
        });
        boolean ended = !clock.instant().isBefore(MarketPeriod.of(day).end());
        return new CommunityFacts(
                community,
                day,
                clearingRecord,
                clearing,
                dayRecord,
                anchors.computeIfAbsent(community, a -> ledger.anchor(day, a)),
                statements,
                ended);
    }

    /** What {@code read} returns, or empty when the ledger has no such record (a 404 problem). */
    private static <T> Optional<T> absentIfNotFound(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ApiProblemException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
