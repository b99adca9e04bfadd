package io.flexledger.settlement.period;

import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.settlement.ledger.SettlementRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * The root anchored on the EVM chain for a day: a Merkle tree (as for readings) over one leaf per
 * settlement, ordered by settlement id. A leaf commits to the settlement's terms, which never change
 * after settlement (a dispute changes its state, not these).
 */
public final class SettlementRoot {
    /** The settled terms in a leaf, in this order. */
    static final List<String> LEAF_FIELDS = List.of(
            "id",
            "orderId",
            "aggregatorMsp",
            "assetId",
            "day",
            "creditedKwh",
            "shortfallKwh",
            "paymentEur",
            "penaltyEur",
            "netEur",
            "anchorRootHex",
            "baselineHash",
            "detailsHash");

    private SettlementRoot() {}

    /** Euros in whole cents, rounded half-even (the payout token has 2 decimals). */
    public static long cents(String euros) {
        return new BigDecimal(euros)
                .movePointRight(2)
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /**
     * The leaf text: {@code flexledger-settlement-v1|} and the leaf fields joined by {@code |}. The
     * net is the one settled: after an upheld dispute the ledger keeps it as {@code originalNetEur}.
     */
    public static String leafText(SettlementRecord s) {
        StringBuilder b = new StringBuilder("flexledger-settlement-v1");
        for (String f : LEAF_FIELDS) {
            String value =
                    f.equals("netEur") && s.field("originalNetEur") != null ? s.field("originalNetEur") : s.field(f);
            b.append('|').append(value);
        }
        return b.toString();
    }

    /** The root over a day's settlements (at least one). */
    public static MerkleTree tree(List<SettlementRecord> settlements) {
        return MerkleTree.of(settlements.stream()
                .sorted(Comparator.comparing(SettlementRecord::id))
                .map(s -> MerkleTree.leafHash(leafText(s)))
                .toList());
    }
}
