package io.flexledger.devicebridge.store;

import io.flexledger.domain.metering.ReadingAnchor;
import java.time.Instant;

/**
 * An anchor as the bridge keeps it.
 *
 * @param anchor the root of a day's readings of one aggregator
 * @param anchoredAt when the ledger recorded it, null while it has not
 */
public record AnchorRecord(ReadingAnchor anchor, Instant anchoredAt) {
    /** Whether the ledger has recorded the anchor. */
    public boolean onLedger() {
        return anchoredAt != null;
    }
}
