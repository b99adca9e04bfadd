package io.flexledger.client.reading;

import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A home's readings of a sealed day as the device bridge serves them ({@code GET
 * /bridge/readings/{day}/{assetId}}): {@code {day, assetId, aggregatorMsp, anchor:{rootHex, leafCount},
 * readings:[signed reading with its proof, …]}}, each reading with its path to the anchor of the home's
 * aggregator. Written by the bridge and read by settlement with this one codec; the readings in the
 * ledger contract's form ({@link SettlementRecords#proven}), as a settlement presents them.
 *
 * @param day the day
 * @param assetId the home
 * @param aggregatorMsp the aggregator whose anchor holds the readings
 * @param anchor that anchor as the bridge sealed it
 * @param readings the readings in leaf order
 */
public record DayReadings(
        LocalDate day, String assetId, String aggregatorMsp, ReadingAnchor anchor, List<ProvenReading> readings) {
    /** The fields of the answer, no others. */
    public static final Set<String> FIELDS = Set.of("day", "assetId", "aggregatorMsp", "anchor", "readings");
    /** The fields of its anchor. */
    public static final Set<String> ANCHOR_FIELDS = Set.of("rootHex", "leafCount");

    public DayReadings {
        readings = List.copyOf(readings);
    }

    /** The answer's JSON, fields in the documented order. */
    public Map<String, Object> toJson() {
        Map<String, Object> a = MarketRecords.record();
        a.put("rootHex", anchor.rootHex());
        a.put("leafCount", anchor.leafCount());
        Map<String, Object> m = MarketRecords.record();
        m.put("day", day.toString());
        m.put("assetId", assetId);
        m.put("aggregatorMsp", aggregatorMsp);
        m.put("anchor", a);
        m.put(
                "readings",
                readings.stream()
                        .map(r -> SettlementRecords.proven(r.signed(), r.proof()))
                        .toList());
        return m;
    }

    /**
     * Reads the bridge's answer strictly: no unknown field, every reading well-formed with its proof and of
     * the answer's home and day (a reading of another home or day is refused, naming it). Throws {@link
     * io.flexledger.contract.codec.InputRefusal} naming the JSON path at fault.
     */
    public static DayReadings read(String json) {
        return read(MarketRecords.stored(json));
    }

    /** {@link #read(String)} of fields already parsed (their problems thrown at once). */
    public static DayReadings read(JsonFields in) {
        in.onlyFields(FIELDS);
        LocalDate day = in.day("day");
        String assetId = in.string("assetId");
        String aggregatorMsp = in.string("aggregatorMsp");
        JsonFields a = in.object("anchor");
        String rootHex = null;
        Integer leafCount = null;
        if (a != null) {
            a.onlyFields(ANCHOR_FIELDS);
            rootHex = a.string("rootHex");
            leafCount = a.integer("leafCount");
        }
        List<ProvenReading> readings = new ArrayList<>();
        List<JsonFields> list = in.objects("readings");
        in.done();
        for (JsonFields r : list) {
            if (r == null) {
                throw new io.flexledger.contract.codec.InputRefusal(
                        io.flexledger.contract.ErrorCode.INVALID_FIELD, in.at("readings"), "must hold objects");
            }
            r.onlyFields(SettlementRecords.READING_FIELDS);
            ProvenReading p = SettlementRecords.proven(r);
            SignedReading s = p.signed();
            // A reading answers for the home and day asked about, or it is not the home's reading of the day.
            if (!s.reading().assetId().equals(assetId)) {
                r.problems().report(r.at("assetId"), "must be the answer's home (" + assetId + ")");
            }
            if (!s.reading().day().equals(day)) {
                r.problems().report(r.at("day"), "must be the answer's day (" + day + ")");
            }
            readings.add(p);
        }
        String root = rootHex;
        int leaves = leafCount == null ? 0 : leafCount;
        return in.build(() -> new DayReadings(
                day, assetId, aggregatorMsp, new ReadingAnchor(day, aggregatorMsp, root, leaves), readings));
    }
}
