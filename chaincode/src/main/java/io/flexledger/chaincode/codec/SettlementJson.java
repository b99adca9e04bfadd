package io.flexledger.chaincode.codec;

import io.flexledger.contract.ReadingRules;
import io.flexledger.contract.codec.AnchorRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredDispute;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.settlement.FlexSettlement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON of reading anchors, settlements (public record and private lines) and disputes. Inputs are
 * read strictly; every quantity is a decimal string at its unit's scale.
 */
public final class SettlementJson {
    /** Fields of an anchor. */
    public static final Set<String> ANCHOR_INPUT = Set.of("day", "aggregatorMsp", "rootHex", "leafCount");
    /** Fields of a settle request. */
    public static final Set<String> SETTLE_INPUT = Set.of("orderId", "readings");
    /** Fields of one presented reading: the signed reading and its Merkle proof. */
    public static final Set<String> READING_INPUT = SettlementRecords.READING_FIELDS;
    /** Fields of a dispute. */
    public static final Set<String> DISPUTE_INPUT = Set.of("id", "settlementId", "reason", "evidenceHash", "claim");
    /** Fields of a dispute's resolution. */
    public static final Set<String> RESOLUTION_INPUT = Set.of("id", "outcome", "note");

    private SettlementJson() {}

    // ---- anchors

    /** Reads an anchor (input or stored) by the ledger contract's codec. */
    public static ReadingAnchor anchor(JsonInput in) {
        return Build.read(() -> AnchorRecords.anchor(in.fields()));
    }

    /** An anchor as JSON, with who anchored it and when. */
    public static Map<String, Object> anchor(ReadingAnchor a, String anchoredBy, String at, String txId) {
        return AnchorRecords.anchor(a, anchoredBy, at, txId);
    }

    // ---- settle requests

    /** A reading as presented for settlement: signed by its device, with its path to the anchored root. */
    public record PresentedReading(SignedReading signed, MerkleProof proof, String path)
            implements ReadingRules.Presented {}

    /** A settle request: the order and the readings of its slots. */
    public record SettleRequest(String orderId, List<PresentedReading> readings) {}

    /** Reads a settle request. */
    public static SettleRequest settleRequest(JsonInput in) {
        String orderId = in.string("orderId");
        List<JsonInput> items = in.objects("readings");
        in.done();
        List<PresentedReading> readings = new ArrayList<>();
        for (JsonInput r : items) {
            readings.add(presented(r.onlyFields(READING_INPUT)));
        }
        in.done();
        return new SettleRequest(orderId, readings);
    }

    /** Reads the presented readings of {@code in}'s field {@code readings}, each strictly. */
    static List<PresentedReading> readings(JsonInput in) {
        List<JsonInput> items = in.objects("readings");
        List<PresentedReading> readings = new ArrayList<>();
        if (items != null) {
            for (JsonInput r : items) {
                readings.add(presented(r.onlyFields(READING_INPUT)));
            }
        }
        return readings;
    }

    /** A presented reading as JSON, in the form it is presented: the signed reading and its proof. */
    public static Map<String, Object> presented(PresentedReading p) {
        return SettlementRecords.proven(p.signed(), p.proof());
    }

    private static PresentedReading presented(JsonInput in) {
        ProvenReading r = Build.read(() -> SettlementRecords.proven(in.fields()));
        return new PresentedReading(r.signed(), r.proof(), in.path());
    }

    // ---- settlements

    /** The private lines of a settlement, with the device and counter of the reading behind each. */
    public static Map<String, Object> details(FlexSettlement s, String activation, List<PresentedReading> bySlot) {
        return SettlementRecords.details(
                s,
                activation,
                bySlot.stream()
                        .map(r -> new ProvenReading(r.signed(), r.proof()))
                        .toList());
    }

    /** Reads a stored public settlement record. */
    public static StoredSettlement storedSettlement(JsonInput in) {
        return Build.read(() -> StoredSettlement.read(in.fields()));
    }

    // ---- disputes

    /** Reads a dispute input opened by {@code caller}, with the claim it states. */
    public static Dispute dispute(JsonInput in, String caller) {
        return Build.read(() -> SettlementRecords.dispute(in.fields(), caller));
    }

    /** A resolution input: which dispute, the outcome, an optional note. */
    public record Resolution(String id, DisputeOutcome outcome, String note) {}

    /** The amount fields a resolution input carries, in name order (none is allowed). */
    public static List<String> resolutionAmounts(JsonInput in) {
        return Dispute.RESOLUTION_AMOUNTS.stream().filter(in::has).sorted().toList();
    }

    /** Reads a resolution input. */
    public static Resolution resolution(JsonInput in) {
        String id = in.string("id");
        DisputeOutcome outcome = in.enumValue("outcome", DisputeOutcome.class);
        String note = in.optionalString("note");
        in.done();
        return new Resolution(id, outcome, note);
    }

    /** Applies a resolution to an open dispute, refusing inconsistent fields with their JSON path. */
    public static Dispute resolve(JsonInput in, Dispute open, Resolution r) {
        return Build.of(in, () -> open.resolve(r.outcome(), r.note()));
    }

    /** Reads a stored dispute ({@link SettlementRecords#storedDispute}). */
    public static StoredDispute storedDispute(JsonInput in) {
        return Build.read(() -> SettlementRecords.storedDispute(in.fields()));
    }
}
