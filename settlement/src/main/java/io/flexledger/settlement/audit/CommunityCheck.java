package io.flexledger.settlement.audit;

import io.flexledger.settlement.finding.Discrepancy;
import java.util.List;

/**
 * The audit of the day's community statements: a verdict per member's statement and what disagrees at
 * the level of each community (its clearing, members with trades and no statement); or, for a party that
 * cannot read a community's private data, why not.
 *
 * @param notReadable why the auditing party reads no community statement, or null when it read them
 * @param communities the communities whose statements were re-derived
 * @param statements one verdict per statement, by community and home
 * @param discrepancies what disagrees at the level of a community
 */
public record CommunityCheck(
        String notReadable,
        List<String> communities,
        List<StatementVerdict> statements,
        List<Discrepancy> discrepancies) {
    public CommunityCheck {
        communities = List.copyOf(communities);
        statements = List.copyOf(statements);
        discrepancies = List.copyOf(discrepancies);
    }

    /** The check of a party that cannot read the community statements, saying why. */
    public static CommunityCheck notReadable(String reason) {
        return new CommunityCheck(reason, List.of(), List.of(), List.of());
    }

    /**
     * The audit's verdict on one member's statement.
     *
     * @param community the community
     * @param homeId the member's home
     * @param txId the ledger transaction that recorded it
     * @param blockNumber its block, or -1 when the peer does not know the transaction
     * @param discrepancies what does not agree; empty when verified
     * @param readingsChecked the readings checked (meter, key, signature, Merkle proof)
     */
    public record StatementVerdict(
            String community,
            String homeId,
            String txId,
            long blockNumber,
            List<Discrepancy> discrepancies,
            int readingsChecked) {
        public StatementVerdict {
            discrepancies = List.copyOf(discrepancies);
        }

        /** Whether nothing disagreed. */
        public boolean verified() {
            return discrepancies.isEmpty();
        }
    }

    /** Whether the statements were read. */
    public boolean read() {
        return notReadable == null;
    }

    /** Whether nothing disagrees (true as well when nothing could be read). */
    public boolean clean() {
        return discrepancies.isEmpty() && statements.stream().allMatch(StatementVerdict::verified);
    }

    /** The readings checked over all statements. */
    public int readingsChecked() {
        return statements.stream().mapToInt(StatementVerdict::readingsChecked).sum();
    }

    /** The report's lines of this check, indented as {@link PeriodReport#toText()} prints them. */
    String toText() {
        StringBuilder b = new StringBuilder();
        if (!read()) {
            b.append("  community statements: not readable by this party (")
                    .append(notReadable)
                    .append(")\n");
            return b.toString();
        }
        b.append("  community statements ")
                .append(statements.size())
                .append(" re-derived (")
                .append(String.join(", ", communities))
                .append("), ")
                .append(readingsChecked())
                .append(" reading(s) checked\n");
        for (StatementVerdict v : statements) {
            b.append(String.format(
                    "    %-40s %-11s tx %s block %d, %d reading(s) checked%n",
                    v.community() + "/" + v.homeId(),
                    v.verified() ? "VERIFIED" : "DISCREPANCY",
                    v.txId(),
                    v.blockNumber(),
                    v.readingsChecked()));
            v.discrepancies().forEach(d -> b.append("      - ").append(d).append('\n'));
        }
        discrepancies.forEach(d -> b.append("  - ").append(d).append('\n'));
        return b.toString();
    }
}
