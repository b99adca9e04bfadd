package io.flexledger.settlement.settle;

import io.flexledger.client.ApiProblemException;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.settlement.billing.SettlementBilling;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.Bytes32;
import io.flexledger.settlement.evm.ChainReceipt;
import io.flexledger.settlement.evm.EvmIds;
import io.flexledger.settlement.evm.SettlementChain;
import io.flexledger.settlement.ledger.LedgerRecords;
import io.flexledger.settlement.ledger.MarketLedger;
import io.flexledger.settlement.ledger.SettlementRecord;
import io.flexledger.settlement.period.SettlementRoot;
import io.flexledger.settlement.support.Parallel;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settles a market day: for every accepted (or activated) order, the home's meter readings of the
 * ordered slots with their Merkle proofs go to the ledger's SettleOrder (which re-checks everything and
 * is endorsed by the DSO and the aggregator); each settlement is copied to billing; then, once no order
 * of the day is left unsettled, the day's settlement root is anchored on the EVM chain (a root is
 * anchored once and never replaced, so an incomplete day is not anchored), and every positive net is
 * paid out in FLEX tokens. Safe to run again, and to be run again after a run that left orders
 * unsettled: a settled order, an anchored day and a paid settlement are skipped.
 */
public final class DaySettler {

    /** The order states the ledger settles. */
    private static final Set<FlexOrderState> OPEN = Set.of(FlexOrderState.ACCEPTED, FlexOrderState.ACTIVATED);

    private final MarketLedger ledger;
    private final SettlementBilling billing;
    private final SettlementChain chain;
    private final AggregatorAccounts accounts;
    private final PrintStream log;
    private final int workers;

    /**
     * @param workers how many orders are settled side by side (each waits for its commit)
     */
    public DaySettler(
            MarketLedger ledger,
            SettlementBilling billing,
            SettlementChain chain,
            AggregatorAccounts accounts,
            PrintStream log,
            int workers) {
        this.ledger = ledger;
        this.billing = billing;
        this.chain = chain;
        this.accounts = accounts;
        this.log = log;
        this.workers = workers;
    }

    /**
     * What a run did.
     *
     * @param settled orders settled now
     * @param skipped orders that could not be settled, each with the reason
     * @param unsettled the orders of the day still accepted (or activated) after the run: while there is
     *     any, the day is not anchored
     * @param settlements settlements of the day on the ledger after the run
     * @param rootHex the day's settlement root, or null with no settlement
     * @param anchor the EVM anchoring transaction, empty if the day was already anchored or is not
     *     anchored yet
     * @param payouts payouts made now
     */
    public record Outcome(
            List<String> settled,
            List<String> skipped,
            List<String> unsettled,
            int settlements,
            String rootHex,
            Optional<ChainReceipt> anchor,
            int payouts) {}

    /** Settles {@code day}. */
    public Outcome settle(LocalDate day) {
        List<FlexOrder> orders = openOrders(day);
        log.printf("settle %s: %d accepted order(s) on the ledger, %d at a time%n", day, orders.size(), workers);
        AtomicInteger done = new AtomicInteger();
        // Each order is settled on its own; the ledger orders the transactions.
        List<String> failures = Parallel.map(orders, workers, order -> {
            String orderId = order.id();
            try {
                StoredSettlement s = ledger.settle(orderId, readingsOf(day, order), "settle-" + orderId);
                synchronized (billing) {
                    billing.record(LedgerRecords.fields(s));
                }
                log.printf(
                        "  [%d/%d] %s settled: credited %s kWh, shortfall %s kWh, net %s EUR%n",
                        done.incrementAndGet(), orders.size(), orderId, s.creditedKwh(), s.shortfallKwh(), s.netEur());
                return null;
            } catch (ApiProblemException | IllegalStateException | InputRefusal e) {
                log.printf(
                        "  [%d/%d] %s not settled: %s%n",
                        done.incrementAndGet(), orders.size(), orderId, e.getMessage());
                return orderId + ": " + e.getMessage();
            }
        });
        List<String> skipped = new ArrayList<>();
        List<String> settled = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            if (failures.get(i) == null) {
                settled.add(orders.get(i).id());
            } else {
                skipped.add(failures.get(i));
            }
        }

        // What is left: the ledger's orders of the day still to settle (a failed answer may yet have committed).
        List<String> unsettled = openOrders(day).stream().map(FlexOrder::id).toList();
        List<SettlementRecord> records = Parallel.map(ledger.settlementIds(day), workers, ledger::settlement);
        if (records.isEmpty()) {
            log.printf("settle %s: no settlement, nothing to anchor or pay%n", day);
            logUnsettled(day, unsettled);
            return new Outcome(settled, skipped, unsettled, 0, null, Optional.empty(), 0);
        }
        // Billing follows the ledger: settlements of a run that stopped before recording them, and nets
        // changed since by resolved disputes.
        records.forEach(r -> billing.record(r.fields()));
        MerkleTree tree = SettlementRoot.tree(records);
        Bytes32 root = Bytes32.fromHex(tree.rootHex());
        Optional<ChainReceipt> anchored = Optional.empty();
        Optional<Bytes32> existing = chain.anchoredRoot(day);
        if (existing.isEmpty() && !unsettled.isEmpty()) {
            // A day's root is anchored once: anchoring now would leave the orders still to settle out of it.
            logUnsettled(day, unsettled);
        } else if (existing.isEmpty()) {
            ChainReceipt r = chain.anchorPeriod(day, root);
            anchored = Optional.of(r);
            log.printf(
                    "  EVM: settlement root %s anchored in tx %s (block %d)%n",
                    tree.rootHex(), r.txHash(), r.blockNumber());
        } else if (!existing.get().equals(root)) {
            log.printf(
                    "  EVM: the day is anchored with root %s, the ledger's settlements give %s (left for the audit)%n",
                    existing.get().hex(), tree.rootHex());
        }
        int payouts = 0;
        Set<String> seen = new HashSet<>();
        for (SettlementRecord r : records) {
            long cents = SettlementRoot.cents(r.field("netEur"));
            Bytes32 key = EvmIds.settlementId(r.id());
            if (cents <= 0 || !seen.add(r.id()) || chain.paidOut(key)) {
                continue;
            }
            ChainReceipt p = chain.payout(accounts.of(r.field("aggregatorMsp")), cents, key);
            payouts++;
            log.printf(
                    "  EVM: paid %d FLEX cents to %s for %s (tx %s)%n",
                    cents, r.field("aggregatorMsp"), r.id(), p.txHash());
        }
        return new Outcome(settled, skipped, unsettled, records.size(), tree.rootHex(), anchored, payouts);
    }

    /** The orders of the day still to settle: accepted, or activated (the ledger settles both). */
    private List<FlexOrder> openOrders(LocalDate day) {
        return ledger.orders(day).stream()
                .map(MarketRecords.StoredOrder::order)
                .filter(o -> OPEN.contains(o.state()))
                .toList();
    }

    private void logUnsettled(LocalDate day, List<String> unsettled) {
        if (!unsettled.isEmpty()) {
            log.printf(
                    "  EVM: %s is not anchored: %d order(s) of the day not settled yet; run ./flex settle --day %s"
                            + " again to settle them and anchor the day%n",
                    day, unsettled.size(), day);
        }
    }

    /**
     * What settles an order: the home's meter readings of the ordered slots with their proofs, one per
     * slot, in the bridge's order.
     */
    List<ProvenReading> readingsOf(LocalDate day, FlexOrder order) {
        FlexOffer offer;
        try {
            offer = ledger.offer(order.offerId());
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalStateException("offer " + order.offerId() + " is not a valid offer: " + e.getMessage(), e);
        }
        return HomeProofs.readings(
                ledger, day, offer.assetId(), offer.kwBySlot().keySet());
    }
}
