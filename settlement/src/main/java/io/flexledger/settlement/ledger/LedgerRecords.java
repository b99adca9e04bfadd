package io.flexledger.settlement.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Domain records from the canonical JSON the ledger (through marketplace-api) and the bridge return. */
public final class LedgerRecords {
    private LedgerRecords() {}

    /** An offer record. */
    public static FlexOffer offer(JsonNode o) {
        SortedMap<Integer, Kilowatts> kw = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.path("kwBySlot").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            kw.put(Integer.parseInt(e.getKey()), Kilowatts.parse(e.getValue().asText()));
        }
        return new FlexOffer(
                o.path("id").asText(),
                o.path("aggregatorMsp").asText(),
                o.path("congestionPointId").asText(),
                o.path("assetId").asText(),
                MarketPeriod.of(LocalDate.parse(o.path("day").asText())),
                o.hasNonNull("requestId") ? o.path("requestId").asText() : null,
                kw,
                EurosPerKwh.parse(o.path("price").asText()),
                new BigDecimal(o.path("minActivation").asText()),
                FlexOfferState.valueOf(o.path("state").asText()));
    }

    /** An order record. */
    public static FlexOrder order(JsonNode o) {
        return new FlexOrder(
                o.path("id").asText(),
                o.path("dsoMsp").asText(),
                o.path("offerId").asText(),
                new BigDecimal(o.path("activation").asText()),
                FlexOrderState.valueOf(o.path("state").asText()));
    }

    /** The revealed baseline values {@code {assetId, day, kwBySlot:[…], salt}}. */
    public static Baseline baseline(JsonNode b) {
        List<Kilowatts> kw = new ArrayList<>();
        b.path("kwBySlot").forEach(v -> kw.add(Kilowatts.parse(v.asText())));
        return new Baseline(
                b.path("assetId").asText(),
                MarketPeriod.of(LocalDate.parse(b.path("day").asText())),
                kw);
    }

    /** A reading anchor {@code {day, aggregatorMsp, rootHex, leafCount}}. */
    public static ReadingAnchor anchor(JsonNode a) {
        return new ReadingAnchor(
                LocalDate.parse(a.path("day").asText()),
                a.path("aggregatorMsp").asText(),
                a.path("rootHex").asText(),
                a.path("leafCount").asInt());
    }

    /** A signed reading in the wire form of the bridge and the chaincode. */
    public static SignedReading signedReading(JsonNode r) {
        return new SignedReading(
                new MeterReading(
                        r.path("deviceId").asText(),
                        r.path("assetId").asText(),
                        LocalDate.parse(r.path("day").asText()),
                        r.path("slot").asInt(),
                        KilowattHours.parse(r.path("netKwh").asText()),
                        r.path("sequence").asLong()),
                r.path("signature").asText());
    }

    /** A Merkle proof {@code {leafIndex, leafCount, siblings}}. */
    public static MerkleProof proof(JsonNode p) {
        List<String> siblings = new ArrayList<>();
        p.path("siblings").forEach(s -> siblings.add(s.asText()));
        return new MerkleProof(p.path("leafIndex").asInt(), p.path("leafCount").asInt(), siblings);
    }

    /** The bridge's answer for a home's day: its anchor and the readings with proofs. */
    public static HomeReadings homeReadings(JsonNode h) {
        JsonNode a = h.path("anchor");
        ReadingAnchor anchor = new ReadingAnchor(
                LocalDate.parse(h.path("day").asText()),
                h.path("aggregatorMsp").asText(),
                a.path("rootHex").asText(),
                a.path("leafCount").asInt());
        List<HomeReadings.ProvenReading> readings = new ArrayList<>();
        for (JsonNode r : h.path("readings")) {
            readings.add(new HomeReadings.ProvenReading(signedReading(r), proof(r.path("proof"))));
        }
        return new HomeReadings(anchor, readings);
    }

    /** The public fields of a settlement record, every scalar as text. */
    public static Map<String, String> fields(JsonNode s) {
        Map<String, String> out = new LinkedHashMap<>();
        s.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    /**
     * A dispute with its history, as marketplace-api answers {@code GET /api/disputes/{id}}:
     * {@code {"dispute":{…},"history":[{"txId","timestamp","isDelete","value":{…}}…]}}. Read leniently:
     * a dispute recorded before disputes stated figures has no claim.
     */
    public static DisputeRecord dispute(JsonNode d) {
        List<DisputeRecord.Version> history = new ArrayList<>();
        for (JsonNode v : d.path("history")) {
            if (!v.path("isDelete").asBoolean(false)) {
                history.add(disputeVersion(v.path("txId").asText(null), v.path("value")));
            }
        }
        return new DisputeRecord(disputeVersion(null, d.path("dispute")), history);
    }

    private static DisputeRecord.Version disputeVersion(String txId, JsonNode value) {
        return new DisputeRecord.Version(txId, fields(value), fields(value.path("claim")));
    }

    /** The per-slot lines of a settlement's private details. */
    public static List<SettlementLine> lines(JsonNode details) {
        List<SettlementLine> out = new ArrayList<>();
        for (JsonNode l : details.path("lines")) {
            out.add(new SettlementLine(
                    l.path("slot").asInt(),
                    KilowattHours.parse(l.path("orderedKwh").asText()),
                    KilowattHours.parse(l.path("baselineKwh").asText()),
                    KilowattHours.parse(l.path("meteredKwh").asText()),
                    KilowattHours.parse(l.path("deliveredKwh").asText()),
                    KilowattHours.parse(l.path("creditedKwh").asText()),
                    KilowattHours.parse(l.path("shortfallKwh").asText())));
        }
        return out;
    }
}
