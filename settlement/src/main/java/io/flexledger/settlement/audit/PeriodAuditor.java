package io.flexledger.settlement.audit;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.EvmAddress;
import io.flexledger.settlement.evm.Payout;
import io.flexledger.settlement.finding.Discrepancy;
import io.flexledger.settlement.ledger.SettlementFacts;
import io.flexledger.settlement.ledger.SettlementRecord;
import io.flexledger.settlement.period.SettlementRoot;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Audits a whole period: every settlement, the EVM anchor of the period, the payouts and the day's
 * orders (none left unsettled once it can be settled).
 */
public final class PeriodAuditor {
    private final Auditor auditor;
    private final AggregatorAccounts accounts;
    private final Clock clock;

    /**
     * A period auditor.
     *
     * @param auditor the auditor of each settlement
     * @param accounts the aggregators' payout accounts, the configuration the settlement run pays to
     * @param clock now: whether a day has ended, so that its accepted orders should have been settled
     */
    public PeriodAuditor(Auditor auditor, AggregatorAccounts accounts, Clock clock) {
        this.auditor = auditor;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The report of {@code d.day()}. */
    public PeriodReport audit(DayFacts d) {
        LocalDate day = d.day();
        List<SettlementFacts> facts = d.settlements();
        String evmRootHex = d.evmRootHex();
        List<SettlementVerdict> verdicts = facts.stream()
                .sorted(Comparator.comparing(f -> f.settlement().id()))
                .map(f -> auditor.audit(f, d.billingChecked()))
                .toList();
        List<Discrepancy> period = new ArrayList<>();
        String root = null;
        int payoutsChecked = 0;
        if (!facts.isEmpty()) {
            List<SettlementRecord> records =
                    facts.stream().map(SettlementFacts::settlement).toList();
            root = SettlementRoot.tree(records).rootHex();
            // The EVM chain holds the root of exactly these settlements; it covers every aggregator's,
            // so an audit of one aggregator's own cannot re-derive it (the report says so).
            if (d.scope() != null) {
                // nothing to compare
            } else if (evmRootHex == null) {
                period.add(new Discrepancy("EVM anchor of " + day, "no root anchored for the period"));
            } else if (!evmRootHex.equals(root)) {
                period.add(new Discrepancy(
                        "EVM anchor of " + day,
                        "anchored root " + evmRootHex + ", root of the ledger's settlements " + root));
            }
            for (SettlementRecord s : records.stream()
                    .sorted(Comparator.comparing(SettlementRecord::id))
                    .toList()) {
                if (checkPayout(period, s, d.payouts())) {
                    payoutsChecked++;
                }
            }
        } else if (evmRootHex != null) {
            period.add(new Discrepancy("EVM anchor of " + day, "a root is anchored but the ledger has no settlement"));
        }
        PeriodReport.OrderCounts orders = checkOrders(period, d);
        int billingRows =
                (int) facts.stream().filter(f -> f.billing().isPresent()).count();
        return new PeriodReport(
                day,
                verdicts,
                root,
                evmRootHex,
                period,
                new PeriodReport.Checked(payoutsChecked, d.billingChecked(), billingRows, orders, d.scope()));
    }

    /**
     * Every order of the day that can be settled is settled: an accepted (or activated) order is named
     * once the day has ended or its aggregator's readings of the day are anchored on the ledger (before
     * that it cannot be settled yet). A settled order has its settlement among the day's.
     */
    private PeriodReport.OrderCounts checkOrders(List<Discrepancy> out, DayFacts d) {
        Map<String, String> settlementOfOrder = new HashMap<>();
        d.settlements()
                .forEach(f -> settlementOfOrder.put(
                        f.settlement().field("orderId"), f.settlement().id()));
        Instant end = MarketPeriod.of(d.day()).end();
        boolean ended = !clock.instant().isBefore(end);
        int settled = 0;
        int unsettled = 0;
        int notYet = 0;
        int cancelled = 0;
        for (DayFacts.Order o : d.orders().stream()
                .sorted(Comparator.comparing(DayFacts.Order::id))
                .toList()) {
            String subject = "order " + o.id();
            String settlement = settlementOfOrder.get(o.id());
            switch (o.state()) {
                case "CANCELLED" -> cancelled++;
                case "SETTLED" -> {
                    settled++;
                    if (settlement == null) {
                        out.add(new Discrepancy(
                                subject, "SETTLED, but the ledger lists no settlement of it for " + d.day()));
                    }
                }
                case "ACCEPTED", "ACTIVATED" -> {
                    unsettled++;
                    String state = o.state().toLowerCase(Locale.ROOT);
                    if (settlement != null) {
                        out.add(new Discrepancy(
                                subject, state + " on the ledger, but settlement " + settlement + " settles it"));
                    } else if (ended) {
                        out.add(new Discrepancy(subject, state + ", never settled (the day ended at " + end + ")"));
                    } else if (d.anchoredAggregators().contains(o.aggregatorMsp())) {
                        out.add(new Discrepancy(
                                subject,
                                state + ", never settled (the readings of " + o.aggregatorMsp() + " for " + d.day()
                                        + " are anchored on the ledger)"));
                    } else {
                        notYet++;
                    }
                }
                default -> out.add(new Discrepancy(subject, "state " + o.state() + " is not an order state"));
            }
        }
        return new PeriodReport.OrderCounts(settled, unsettled, notYet, cancelled);
    }

    /**
     * A settlement with a positive net is paid out once, exactly its net in cents, to the account
     * configured for its aggregator; one with none is not paid at all.
     *
     * @return whether a payout's amount and recipient were checked
     */
    private boolean checkPayout(List<Discrepancy> out, SettlementRecord s, Map<String, Payout> payouts) {
        String subject = "payout of " + s.id();
        String net = s.field("netEur");
        long owed = SettlementRoot.cents(net);
        Payout p = payouts.get(s.id());
        if (p == null) {
            if (owed > 0) {
                out.add(new Discrepancy(subject, "not paid out, net owed " + net + " EUR"));
            }
            return false;
        }
        if (owed <= 0) {
            out.add(new Discrepancy(
                    subject,
                    "paid out " + p.cents() + " cents to " + p.recipient() + " (tx " + p.txHash() + "), net " + net
                            + " EUR"));
            return false;
        }
        if (p.cents() != owed) {
            out.add(new Discrepancy(
                    subject,
                    "paid " + p.cents() + " cents (tx " + p.txHash() + "), the net " + net + " EUR is " + owed
                            + " cents"));
        }
        String aggregator = s.field("aggregatorMsp");
        EvmAddress account = accounts.byMsp().get(aggregator);
        if (account == null) {
            out.add(new Discrepancy(
                    subject,
                    "paid to " + p.recipient() + " (tx " + p.txHash() + "), but no EVM account is configured for "
                            + aggregator));
        } else if (!account.equals(p.recipient())) {
            out.add(new Discrepancy(
                    subject,
                    "paid to " + p.recipient() + " (tx " + p.txHash() + "), the account of " + aggregator + " is "
                            + account));
        }
        return true;
    }
}
