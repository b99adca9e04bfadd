package io.flexledger.settlement.audit;

import io.flexledger.settlement.finding.Discrepancy;
import java.time.LocalDate;
import java.util.List;

/**
 * The audit of one period (market day): a verdict per settlement and the period-level checks (the
 * settlement root anchored on the EVM chain, the payouts, the day's orders).
 *
 * @param day the period
 * @param settlements one verdict per settlement, by id
 * @param settlementRootHex the root re-derived from the ledger's settlements, or null if none
 * @param evmRootHex the root anchored on the EVM chain for the period, or null if none
 * @param periodDiscrepancies what disagrees at the period level
 * @param checked what the period-level checks covered
 * @param blocks what the check of the settlement transactions in the blocks covered, or null when the
 *     blocks were not read
 * @param community the audit of the day's community statements, or null when they were not audited
 */
public record PeriodReport(
        LocalDate day,
        List<SettlementVerdict> settlements,
        String settlementRootHex,
        String evmRootHex,
        List<Discrepancy> periodDiscrepancies,
        Checked checked,
        BlockCheck blocks,
        CommunityCheck community) {
    public PeriodReport {
        settlements = List.copyOf(settlements);
        periodDiscrepancies = List.copyOf(periodDiscrepancies);
    }

    /** A report whose blocks were not read. */
    public PeriodReport(
            LocalDate day,
            List<SettlementVerdict> settlements,
            String settlementRootHex,
            String evmRootHex,
            List<Discrepancy> periodDiscrepancies,
            Checked checked) {
        this(day, settlements, settlementRootHex, evmRootHex, periodDiscrepancies, checked, null, null);
    }

    /** A report whose community statements were not audited. */
    public PeriodReport(
            LocalDate day,
            List<SettlementVerdict> settlements,
            String settlementRootHex,
            String evmRootHex,
            List<Discrepancy> periodDiscrepancies,
            Checked checked,
            BlockCheck blocks) {
        this(day, settlements, settlementRootHex, evmRootHex, periodDiscrepancies, checked, blocks, null);
    }

    /**
     * What the block check covered: the settlement transactions found valid in their blocks, the
     * endorsement signatures verified against the MSP certificates of the channel configuration, the
     * blocks hash-chained back to the genesis block, and whose peer they were read from.
     */
    public record BlockCheck(
            int transactions, int endorsements, long blocksChained, int blocksFetched, String peerOf) {}

    /** This report with the block check's counts and discrepancies added. */
    public PeriodReport withBlocks(BlockCheck check, List<Discrepancy> found) {
        List<Discrepancy> all = new java.util.ArrayList<>(periodDiscrepancies);
        all.addAll(found);
        return new PeriodReport(day, settlements, settlementRootHex, evmRootHex, all, checked, check, community);
    }

    /** This report with the audit of the day's community statements. */
    public PeriodReport withCommunity(CommunityCheck check) {
        return new PeriodReport(
                day, settlements, settlementRootHex, evmRootHex, periodDiscrepancies, checked, blocks, check);
    }

    /**
     * What the audit checked beyond each settlement's own fields.
     *
     * @param payouts payouts whose amount and recipient were compared with the settlement
     * @param billingChecked whether a billing store was read
     * @param billingRows billing rows compared with the ledger (0 when not checked)
     * @param orders the orders of the day by state
     */
    public record Checked(int payouts, boolean billingChecked, int billingRows, OrderCounts orders, String scope) {
        /** What an audit of every party's settlements checked. */
        public Checked(int payouts, boolean billingChecked, int billingRows, OrderCounts orders) {
            this(payouts, billingChecked, billingRows, orders, null);
        }
    }

    /**
     * The orders of the day.
     *
     * @param settled orders SETTLED on the ledger
     * @param unsettled orders ACCEPTED or ACTIVATED
     * @param notYetSettleable of those, the ones that cannot be settled yet (the day has not ended and
     *     their readings are not anchored)
     * @param cancelled orders CANCELLED
     */
    public record OrderCounts(int settled, int unsettled, int notYetSettleable, int cancelled) {
        /** Every order of the day. */
        public int total() {
            return settled + unsettled + cancelled;
        }
    }

    /** The readings checked over all settlements (signature and Merkle proof). */
    public int readingsChecked() {
        return settlements.stream().mapToInt(SettlementVerdict::readingsChecked).sum();
    }

    /** The overall verdict of a period. */
    public enum State {
        /** Every settlement, community statement and period-level check verified. */
        VERIFIED,
        /** Something disagrees (see the discrepancies). */
        DISCREPANCIES,
        /**
         * Nothing disagrees, but nothing was settled either: no settlement on the ledger, no root on the
         * EVM chain (no order, or only cancelled ones or ones that cannot be settled yet) and no community
         * statement read.
         */
        NOTHING_TO_AUDIT
    }

    /**
     * The overall verdict: discrepancies first (community statements included); a day without any
     * settlement or community statement verifies nothing.
     */
    public State state() {
        if (!periodDiscrepancies.isEmpty()
                || !settlements.stream().allMatch(SettlementVerdict::verified)
                || community != null && !community.clean()) {
            return State.DISCREPANCIES;
        }
        // A root anchored for a day without settlement is a discrepancy, so this day has neither.
        boolean statements = community != null && !community.statements().isEmpty();
        return settlements.isEmpty() && !statements ? State.NOTHING_TO_AUDIT : State.VERIFIED;
    }

    /** Whether at least one settlement was audited and every settlement and period-level check verified. */
    public boolean verified() {
        return state() == State.VERIFIED;
    }

    /** The report as text: one line per settlement, then the period checks and the overall verdict. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("audit of ")
                .append(day)
                .append(": ")
                .append(settlements.size())
                .append(" settlement(s)\n");
        for (SettlementVerdict v : settlements) {
            b.append(String.format(
                    "  %-40s %-11s tx %s block %d, %d reading(s) checked%n",
                    v.settlementId(),
                    v.verified() ? "VERIFIED" : "DISCREPANCY",
                    v.txId(),
                    v.blockNumber(),
                    v.readingsChecked()));
            v.discrepancies().forEach(d -> b.append("      - ").append(d).append('\n'));
        }
        b.append("  settlement root   ").append(settlementRootHex).append('\n');
        b.append("  EVM anchored root ").append(evmRootHex);
        if (checked.scope() != null) {
            b.append(" (not re-derived: it covers every aggregator's settlements and ")
                    .append(checked.scope())
                    .append(" reads its own; audit as the DSO or --as auditor for it)");
        }
        b.append('\n');
        b.append("  settlements       ").append(settlements.size()).append(" checked\n");
        b.append("  readings          ").append(readingsChecked()).append(" checked (signature and Merkle proof)\n");
        b.append("  payouts           ").append(checked.payouts()).append(" checked (amount and recipient)\n");
        b.append("  billing rows      ")
                .append(
                        checked.billingChecked()
                                ? checked.billingRows() + " checked"
                                : "not checked (no billing store)")
                .append('\n');
        OrderCounts o = checked.orders();
        b.append("  orders of the day ")
                .append(o.total())
                .append(": ")
                .append(o.settled())
                .append(" settled, ")
                .append(o.unsettled())
                .append(" unsettled");
        if (o.notYetSettleable() > 0) {
            b.append(" (").append(o.notYetSettleable()).append(" not yet settleable)");
        }
        b.append(", ").append(o.cancelled()).append(" cancelled\n");
        if (blocks == null) {
            b.append("  blocks            not checked\n");
        } else {
            b.append(String.format(
                    "  blocks            %d transaction(s) valid in their blocks, %d endorsement signature(s)"
                            + " verified against the channel's MSP certificates, %d block(s) hash-chained to"
                            + " the genesis block (%d read from %s's peer)%n",
                    blocks.transactions(),
                    blocks.endorsements(),
                    blocks.blocksChained(),
                    blocks.blocksFetched(),
                    blocks.peerOf()));
        }
        periodDiscrepancies.forEach(d -> b.append("  - ").append(d).append('\n'));
        if (community != null) {
            b.append(community.toText());
        }
        State state = state();
        if (state == State.NOTHING_TO_AUDIT) {
            b.append("  nothing settled for ")
                    .append(day)
                    .append(": no settlement on the ledger, no root on the EVM chain, no community statement read\n");
        }
        b.append(
                        switch (state) {
                            case VERIFIED -> "VERIFIED";
                            case DISCREPANCIES -> "DISCREPANCIES FOUND";
                            case NOTHING_TO_AUDIT -> "NOTHING TO AUDIT";
                        })
                .append('\n');
        return b.toString();
    }
}
