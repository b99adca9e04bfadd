package io.flexledger.devicebridge.pipeline;

import io.flexledger.devicebridge.reading.RejectionReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of accepted readings, of resends and of rejections by reason, since the bridge started. */
public final class BridgeStats {
    /**
     * A copy of the counters.
     *
     * @param accepted readings stored
     * @param resent readings received again after they were stored (answered as stored, not stored twice)
     * @param rejected rejections by reason (every reason present, zero if none)
     */
    public record Snapshot(long accepted, long resent, Map<RejectionReason, Long> rejected) {
        /** All rejections. */
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final LongAdder accepted = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final EnumMap<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);

    public BridgeStats() {
        for (RejectionReason r : RejectionReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    /** Counts {@code n} stored readings. */
    public void accepted(int n) {
        accepted.add(n);
    }

    /** Counts one reading received again after it was stored. */
    public void resent() {
        resent.increment();
    }

    /** Counts one rejection. */
    public void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    /** The counters now. */
    public Snapshot snapshot() {
        Map<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
        rejected.forEach((k, v) -> copy.put(k, v.sum()));
        return new Snapshot(accepted.sum(), resent.sum(), java.util.Collections.unmodifiableMap(copy));
    }
}
