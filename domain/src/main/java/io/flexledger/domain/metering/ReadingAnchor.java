package io.flexledger.domain.metering;

import io.flexledger.domain.validation.Violations;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The Merkle root of all readings of one aggregator's portfolio on one market day, as anchored on
 * the ledger.
 *
 * @param day the market day
 * @param aggregatorMsp the aggregator whose homes' readings are in the tree
 * @param rootHex the root, lower-case hex
 * @param leafCount the number of readings in the tree
 */
public record ReadingAnchor(LocalDate day, String aggregatorMsp, String rootHex, int leafCount) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public ReadingAnchor {
        Violations v = new Violations();
        v.present(day, "day");
        v.id(aggregatorMsp, "aggregatorMsp");
        if (v.present(rootHex, "rootHex")) {
            v.check(HASH.matcher(rootHex).matches(), "rootHex", "must be 64 lower-case hex digits");
        }
        v.check(leafCount >= 1, "leafCount", "must be at least 1");
        v.throwIfAny();
    }
}
