package io.flexledger.devicebridge.store;

import io.flexledger.devicebridge.reading.AcceptedReading;
import io.flexledger.devicebridge.reading.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Where the ingestion pipeline keeps readings and rejections (one transaction per batch). */
public interface ReadingStore {
    /** The days sealed so far. */
    Set<LocalDate> sealedDays();

    /**
     * Stores a batch in one transaction: the readings and the rejections. A device's day and slot is
     * stored once: a reading of a slot already stored is not stored again; when it says what the stored
     * one says (home, energy, sequence) it is a resend, otherwise it is recorded as a REPLAY rejection.
     *
     * @return which of {@code readings} were resends and which were refused as replays
     * @throws StoreException when nothing was committed
     */
    Committed commit(List<AcceptedReading> readings, List<Rejection> rejections, Instant receivedAt);

    /**
     * What a commit did with the readings it was given, by their indexes; the others were stored.
     *
     * @param resent the same reading as one stored before (a device or the broker sending it again)
     * @param replays another reading of a device's slot already stored: refused as REPLAY
     */
    record Committed(Set<Integer> resent, Set<Integer> replays) {
        /** Nothing resent, nothing refused. */
        public static final Committed ALL_STORED = new Committed(Set.of(), Set.of());
    }
}
