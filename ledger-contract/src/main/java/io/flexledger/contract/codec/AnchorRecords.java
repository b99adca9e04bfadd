package io.flexledger.contract.codec;

import io.flexledger.domain.metering.ReadingAnchor;
import java.time.LocalDate;
import java.util.Map;

/**
 * The one codec of reading anchors (the Merkle root of an aggregator's readings of a day): domain record
 * to the map {@link CanonicalJson} writes, and JSON read by {@link JsonFields} (input or stored) to the
 * domain record.
 */
public final class AnchorRecords {
    private AnchorRecords() {}

    /** An anchor, input or stored. */
    public static ReadingAnchor anchor(JsonFields in) {
        LocalDate day = in.day("day");
        String aggregator = in.string("aggregatorMsp");
        String root = in.string("rootHex");
        Integer leafCount = in.integer("leafCount");
        return in.build(() -> new ReadingAnchor(day, aggregator, root, leafCount));
    }

    /** An anchor's input, as {@link #anchor(JsonFields)} reads it. */
    public static Map<String, Object> anchorInput(ReadingAnchor a) {
        Map<String, Object> m = MarketRecords.record();
        m.put("day", a.day().toString());
        m.put("aggregatorMsp", a.aggregatorMsp());
        m.put("rootHex", a.rootHex());
        m.put("leafCount", a.leafCount());
        return m;
    }

    /**
     * An anchor as the ledger stores it: the anchor, who anchored it, when, and the transaction that wrote it.
     *
     * @param anchoredBy the organisation that anchored the readings (the DSO)
     * @param anchoredAt when (transaction time, ISO-8601)
     * @param txId the transaction that wrote the record
     */
    public record StoredAnchor(ReadingAnchor anchor, String anchoredBy, String anchoredAt, String txId) {}

    /** Reads a stored anchor: the anchor and the ledger's fields beside it. */
    public static StoredAnchor storedAnchor(JsonFields in) {
        String anchoredBy = in.string("anchoredBy");
        String anchoredAt = in.string("anchoredAt");
        String txId = in.string("txId");
        ReadingAnchor anchor = anchor(in);
        return new StoredAnchor(anchor, anchoredBy, anchoredAt, txId);
    }

    /** A stored anchor as JSON, as {@link #anchor(ReadingAnchor, String, String, String)} wrote it. */
    public static Map<String, Object> anchor(StoredAnchor s) {
        return anchor(s.anchor(), s.anchoredBy(), s.anchoredAt(), s.txId());
    }

    /** An anchor as JSON, with who anchored it and when. */
    public static Map<String, Object> anchor(ReadingAnchor a, String anchoredBy, String at, String txId) {
        Map<String, Object> m = MarketRecords.record();
        m.put("day", a.day().toString());
        m.put("aggregatorMsp", a.aggregatorMsp());
        m.put("rootHex", a.rootHex());
        m.put("leafCount", a.leafCount());
        m.put("anchoredBy", anchoredBy);
        m.put("anchoredAt", at);
        m.put("txId", txId);
        return m;
    }
}
