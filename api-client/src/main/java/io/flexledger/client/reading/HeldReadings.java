package io.flexledger.client.reading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A meter's side of the receipts: every reading it sent is held until the bridge's {@link
 * ReadingReceipt} for its device and slot comes, and is due to be sent again, the same signed
 * payload, when none came within the resend delay. Thread-safe: receipts arrive on the MQTT client's
 * threads while the meter publishes on its own.
 */
public final class HeldReadings {
    /** A reading held for its receipt: its payload and when it was last sent. */
    public record Held(String deviceId, int slot, byte[] payload, long sentAtMillis) {}

    private final Duration resendAfter;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, ReadingReceipt> answered = new ConcurrentHashMap<>();
    private final AtomicInteger resent = new AtomicInteger();

    /** @param resendAfter how long a reading may go without its receipt before it is due again */
    public HeldReadings(Duration resendAfter) {
        this.resendAfter = resendAfter;
    }

    private static String key(String deviceId, int slot) {
        return deviceId + " " + slot;
    }

    /** Holds a reading just sent at {@code nowMillis}, until its receipt. */
    public void hold(String deviceId, int slot, byte[] payload, long nowMillis) {
        held.put(key(deviceId, slot), new Held(deviceId, slot, payload, nowMillis));
    }

    /**
     * Takes a receipt: the reading it answers is no longer held. Returns whether the receipt answered
     * a reading for the first time (a second receipt for the same slot, after a resend, returns
     * false); a receipt naming no slot (nothing of the message could be read) answers nothing.
     */
    public boolean answer(ReadingReceipt receipt) {
        if (receipt.slot() == null) {
            return false;
        }
        String key = key(receipt.deviceId(), receipt.slot());
        held.remove(key);
        return answered.putIfAbsent(key, receipt) == null;
    }

    /**
     * The held readings without a receipt for {@code resendAfter}, now marked as sent at {@code
     * nowMillis}: the caller sends each again.
     */
    public List<Held> due(long nowMillis) {
        List<Held> again = new ArrayList<>();
        for (var e : held.entrySet()) {
            Held h = e.getValue();
            if (nowMillis - h.sentAtMillis() >= resendAfter.toMillis()) {
                Held renewed = new Held(h.deviceId(), h.slot(), h.payload(), nowMillis);
                if (held.replace(e.getKey(), h, renewed)) {
                    again.add(renewed);
                }
            }
        }
        resent.addAndGet(again.size());
        return again;
    }

    /** Readings still held: no receipt yet. */
    public int held() {
        return held.size();
    }

    /** Readings answered by a receipt. */
    public int answered() {
        return answered.size();
    }

    /** Whether the reading of {@code deviceId}'s {@code slot} has its receipt. */
    public boolean isAnswered(String deviceId, int slot) {
        return answered.containsKey(key(deviceId, slot));
    }

    /** Readings sent again for want of a receipt. */
    public int resent() {
        return resent.get();
    }

    /** The receipts by outcome name ({@code STORED}, {@code RESENT}, {@code REJECTED}). */
    public Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new TreeMap<>();
        answered.values().forEach(r -> counts.merge(r.outcome().name(), 1, Integer::sum));
        return counts;
    }

    /** Each refused reading as "device slot N: REASON detail", in device and slot order. */
    public List<String> refused() {
        return answered.values().stream()
                .filter(r -> r.outcome() == ReadingReceipt.Outcome.REJECTED)
                .sorted(java.util.Comparator.comparing(ReadingReceipt::deviceId).thenComparing(ReadingReceipt::slot))
                .map(r -> r.deviceId() + " slot " + r.slot() + ": " + r.reason() + " " + r.detail())
                .toList();
    }
}
