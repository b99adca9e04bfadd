package io.flexledger.settlement.audit;

import io.flexledger.settlement.ledger.SettlementFacts;
import io.flexledger.settlement.ledger.SettlementRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Audits a whole period: every settlement, the EVM anchor of the period and the payouts. */
public final class PeriodAuditor {
    private final Auditor auditor;

    /** A period auditor using {@code auditor} for each settlement. */
    public PeriodAuditor(Auditor auditor) {
        this.auditor = auditor;
    }

    /**
     * The report of {@code day}.
     *
     * @param facts one entry per settlement of the day on the ledger
     * @param evmRootHex the root anchored on the EVM chain for the day (lower-case hex), or null
     * @param paidOut the settlement ids the payout token has paid out
     */
    public PeriodReport audit(LocalDate day, List<SettlementFacts> facts, String evmRootHex, Set<String> paidOut) {
        List<SettlementVerdict> verdicts = facts.stream()
                .sorted(Comparator.comparing(f -> f.settlement().id()))
                .map(auditor::audit)
                .toList();
        List<Discrepancy> period = new ArrayList<>();
        String root = null;
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
            // A settlement with a positive net is paid out once; one with none is not paid at all.
            for (SettlementRecord s : records) {
                boolean owed = cents(s.field("netEur")) > 0;
                if (owed != paidOut.contains(s.id())) {
                    period.add(new Discrepancy(
                            "payout of " + s.id(),
                            (owed ? "not paid out, net owed " : "paid out, net ") + s.field("netEur") + " EUR"));
                }
            }
        } else if (evmRootHex != null) {
            period.add(new Discrepancy("EVM anchor of " + day, "a root is anchored but the ledger has no settlement"));
        }
        return new PeriodReport(day, verdicts, root, evmRootHex, period);
    }

    /** Euros in whole cents, rounded half-even (the payout token has 2 decimals). */
    public static long cents(String euros) {
        return new BigDecimal(euros)
                .movePointRight(2)
                .setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
