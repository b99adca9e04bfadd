package io.flexledger.settlement.ledger;

import java.util.List;
import java.util.Map;

/**
 * A dispute as the ledger holds it: its current version and every committed version before it, each
 * as text (the audit trusts none of them and compares them).
 *
 * @param current the dispute's current version
 * @param history every committed version that was not a deletion, in the order the ledger lists them
 *     (the peer decides that order; the audit does not rely on it)
 */
public record DisputeRecord(Version current, List<Version> history) {
    public DisputeRecord {
        history = List.copyOf(history);
    }

    /**
     * One version of a dispute.
     *
     * @param txId the transaction that wrote it (null for the current version as read)
     * @param fields the dispute's scalar fields (state, outcome, openedBy, resolvedBy, …)
     * @param claim the figures its opener stated ({@code creditedKwh}, {@code shortfallKwh},
     *     {@code netEur}); empty when it states none (a dispute recorded before disputes carried them)
     */
    public record Version(String txId, Map<String, String> fields, Map<String, String> claim) {
        public Version {
            fields = Map.copyOf(fields);
            claim = Map.copyOf(claim);
        }

        /** A field, or null. */
        public String field(String name) {
            return fields.get(name);
        }
    }

    /** The dispute id. */
    public String id() {
        return current.field("id");
    }

    /** A field of the current version, or null. */
    public String field(String name) {
        return current.field(name);
    }

    /** The claim of the current version (empty when none). */
    public Map<String, String> claim() {
        return current.claim();
    }
}
