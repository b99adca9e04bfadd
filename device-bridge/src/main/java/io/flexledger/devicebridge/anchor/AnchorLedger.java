package io.flexledger.devicebridge.anchor;

import io.flexledger.domain.metering.ReadingAnchor;

/** Port: records a day's reading root of one aggregator on the ledger. */
public interface AnchorLedger {
    /**
     * Records the anchor. Recording the same anchor twice is not an error.
     *
     * @throws AnchorLedgerException when the ledger refused it or could not be reached
     */
    void anchor(ReadingAnchor anchor);
}
