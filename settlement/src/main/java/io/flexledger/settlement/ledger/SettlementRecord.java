package io.flexledger.settlement.ledger;

import io.flexledger.domain.settlement.SettlementLine;
import java.util.List;
import java.util.Map;

/**
 * A settlement as the ledger holds it: the public record's fields as text, the raw JSON of the
 * private per-slot details as stored, the details parsed into lines, and where it was written.
 *
 * @param fields the public record's fields (decimals as their canonical strings)
 * @param detailsJson the private details exactly as the ledger returned them
 * @param lines the details' per-slot lines
 * @param txId the transaction that recorded it
 * @param blockNumber the block of that transaction, or -1 when unknown
 */
public record SettlementRecord(
        Map<String, String> fields, String detailsJson, List<SettlementLine> lines, String txId, long blockNumber) {
    public SettlementRecord {
        fields = Map.copyOf(fields);
        lines = List.copyOf(lines);
    }

    /** The settlement id. */
    public String id() {
        return fields.get("id");
    }

    /** A public field, or null. */
    public String field(String name) {
        return fields.get(name);
    }
}
