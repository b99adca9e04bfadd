package io.flexledger.settlement.audit;

import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.EvmAddress;
import io.flexledger.settlement.evm.Payout;
import io.flexledger.settlement.ledger.SettlementFacts;
import io.flexledger.settlement.ledger.SettlementRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Audits a whole period: every settlement, the EVM anchor of the period and the payouts. */
public final class PeriodAuditor {
    private final Auditor auditor;
    private final AggregatorAccounts accounts;

    /**
     * A period auditor.
     *
     * @param auditor the auditor of each settlement
     * @param accounts the aggregators' payout accounts, the configuration the settlement run pays to
     */
    public PeriodAuditor(Auditor auditor, AggregatorAccounts accounts) {
        this.auditor = auditor;
        this.accounts = accounts;
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
            // The EVM chain holds the root of exactly these settlements.
            if (evmRootHex == null) {
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
        int billingRows =
                (int) facts.stream().filter(f -> f.billing().isPresent()).count();
        return new PeriodReport(
                day,
                verdicts,
                root,
                evmRootHex,
                period,
                new PeriodReport.Checked(payoutsChecked, d.billingChecked(), billingRows));
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
        long owed = cents(net);
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

    /** Euros in whole cents, rounded half-even (the payout token has 2 decimals). */
    public static long cents(String euros) {
        return new BigDecimal(euros)
                .movePointRight(2)
                .setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
