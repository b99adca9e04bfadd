package io.flexledger.settlement.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.codec.AnchorRecords;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain records from the canonical JSON the ledger (through marketplace-api) and the bridge return;
 * offers, orders, anchors, signed readings with their proofs and settlement lines are read strictly by the
 * ledger contract's codecs ({@link MarketRecords}, {@link SettlementRecords}), as the chaincode reads them.
 */
public final class LedgerRecords {
    private LedgerRecords() {}

    /** The revealed baseline values {@code {assetId, day, kwBySlot:[…], salt}}. */
    public static Baseline baseline(JsonNode b) {
        List<Kilowatts> kw = new ArrayList<>();
        b.path("kwBySlot").forEach(v -> kw.add(Kilowatts.parse(v.asText())));
        return new Baseline(
                b.path("assetId").asText(),
                MarketPeriod.of(LocalDate.parse(b.path("day").asText())),
                kw);
    }

    /** A reading anchor {@code {day, aggregatorMsp, rootHex, leafCount}}, read by the ledger contract's codec. */
    public static ReadingAnchor anchor(JsonNode a) {
        return AnchorRecords.anchor(MarketRecords.stored(a.toString()));
    }

    /** A signed reading in the wire form of the bridge and the chaincode, read by the ledger contract's codec. */
    public static SignedReading signedReading(JsonNode r) {
        return SettlementRecords.signedReading(MarketRecords.stored(r.toString()));
    }

    /** A Merkle proof {@code {leafIndex, leafCount, siblings}}, read by the ledger contract's codec. */
    public static MerkleProof proof(JsonNode p) {
        return SettlementRecords.proof(MarketRecords.stored(p.toString()));
    }

    /** The public fields of a settlement record as the ledger contract's codec read it, each as text. */
    public static Map<String, String> fields(SettlementRecords.StoredSettlement s) {
        Map<String, String> out = new LinkedHashMap<>();
        s.toJson().forEach((name, value) -> {
            if (value != null) {
                out.put(name, value.toString());
            }
        });
        return out;
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

    /** The per-slot lines of a settlement's private details, read by the ledger contract's codec. */
    public static List<SettlementLine> lines(JsonNode details) {
        return SettlementRecords.lines(MarketRecords.stored(details.toString()));
    }
}
