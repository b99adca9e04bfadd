package io.flexledger.chaincode.codec;

import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.units.Kilowatts;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/** Small helpers to turn domain values into canonical JSON maps. */
public final class Fields {
    private Fields() {}

    /** A new map to fill (order is irrelevant: the writer sorts keys). */
    public static Map<String, Object> record() {
        return MarketRecords.record();
    }

    /** kW per slot as {@code {"68":"2.000",...}}. */
    public static Map<String, Object> kwBySlot(SortedMap<Integer, Kilowatts> kw) {
        return MarketRecords.kwBySlot(kw);
    }

    /** An instant as ISO-8601 UTC text. */
    public static String instant(Instant at) {
        return MarketRecords.instant(at);
    }
}
