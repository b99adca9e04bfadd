package io.flexledger.devicebridge.support;

import io.flexledger.devicebridge.anchor.AnchorLedger;
import io.flexledger.devicebridge.anchor.AnchorLedgerException;
import io.flexledger.domain.metering.ReadingAnchor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger's anchors in the tests: one per (day, aggregator), like the chaincode's rule. */
public final class InMemoryAnchorLedger implements AnchorLedger {
    private final Map<String, ReadingAnchor> anchors = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** Makes every call fail (true) or work again (false). */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    @Override
    public void anchor(ReadingAnchor anchor) {
        if (down) {
            throw new AnchorLedgerException("ledger unreachable (test)", null);
        }
        String key = anchor.day() + "|" + anchor.aggregatorMsp();
        ReadingAnchor before = anchors.putIfAbsent(key, anchor);
        // A second anchor of one (day, aggregator) is refused unless it is the same one.
        if (before != null && !before.equals(anchor)) {
            throw new AnchorLedgerException("ANCHOR_EXISTS", null);
        }
    }

    /** The anchors recorded. */
    public List<ReadingAnchor> all() {
        return List.copyOf(anchors.values());
    }
}
