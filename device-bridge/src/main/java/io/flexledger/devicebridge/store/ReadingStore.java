package io.flexledger.devicebridge.store;

import io.flexledger.devicebridge.pipeline.AcceptedReading;
import io.flexledger.devicebridge.pipeline.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Where the ingestion pipeline keeps readings and rejections (one transaction per batch). */
public interface ReadingStore {
    /** The highest sequence stored for the device, 0 when none. */
    long lastSequence(String deviceId);

    /** The days sealed so far. */
    Set<LocalDate> sealedDays();

    /**
     * Stores a batch in one transaction: the readings (a reading whose device, day and slot is already
     * stored is not stored again but recorded as a REPLAY rejection) and the rejections.
     *
     * @return the indexes into {@code readings} of those already stored
     * @throws StoreException when nothing was committed
     */
    Set<Integer> commit(List<AcceptedReading> readings, List<Rejection> rejections, Instant receivedAt);
}
