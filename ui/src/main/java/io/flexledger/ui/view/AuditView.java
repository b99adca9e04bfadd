package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.ui.upstream.Calls;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The auditor's page: a day's settlements with their transaction, block and verdict; the proof on demand. */
@ApplicationScoped
public class AuditView {
    /** Settlements whose block is looked up one by one, at most. */
    private static final int MAX_BLOCK_LOOKUPS = 50;

    @TemplateData
    public record Body(List<Row> settlements, long verified, long discrepancies, long unaudited) {}

    @TemplateData
    public record Row(
            String id,
            String orderId,
            String aggregatorMsp,
            String assetId,
            String creditedKwh,
            String netEur,
            String state,
            String txId,
            String block,
            String verdict,
            String discrepancies) {}

    /** The proof behind one settlement. */
    @TemplateData
    public record Proof(
            String settlementId,
            boolean found,
            String orderId,
            String assetId,
            String aggregatorMsp,
            String txId,
            String block,
            String settlementRootHex,
            String bridgeRootHex,
            String ledgerRootHex,
            String leafCount,
            boolean rootsAgree,
            long pathsVerified,
            List<ReadingProof> readings) {}

    /** One reading, its leaf and its path to the anchor root. */
    @TemplateData
    public record ReadingProof(
            int slot,
            String deviceId,
            String netKwh,
            long sequence,
            String signature,
            String leafHash,
            int leafIndex,
            List<String> siblings,
            boolean verified) {}

    public Built build(Calls calls, LocalDate day) {
        String d = day.toString();
        List<StoredSettlement> settlements = calls.settlements(d).orElse(List.of());
        Map<String, JsonNode> verdicts = new HashMap<>();
        calls.audit(d)
                .ifPresent(a -> a.json().path("settlements").forEach(v -> verdicts.put(text(v, "settlementId"), v)));
        List<Row> rows = new ArrayList<>();
        int lookups = 0;
        for (StoredSettlement s : settlements) {
            String id = s.id();
            String block = "";
            if (lookups++ < MAX_BLOCK_LOOKUPS) {
                block = calls.settlement(id, "the block of " + id)
                        .map(Calls.Ledgered::ledgerBlock)
                        .orElse("");
            }
            JsonNode v = verdicts.get(id);
            List<String> discrepancies = new ArrayList<>();
            if (v != null) {
                v.path("discrepancies").forEach(x -> discrepancies.add(x.isTextual() ? x.asText() : x.toString()));
            }
            rows.add(new Row(
                    id,
                    s.orderId(),
                    s.aggregatorMsp(),
                    s.assetId(),
                    s.creditedKwh().toString(),
                    s.netEur().toString(),
                    s.state().name(),
                    s.txId(),
                    block == null ? "" : block,
                    v == null ? "NOT AUDITED" : text(v, "verdict"),
                    String.join("; ", discrepancies)));
        }
        long verified =
                rows.stream().filter(r -> r.verdict().equals("VERIFIED")).count();
        long bad = rows.stream().filter(r -> r.verdict().equals("DISCREPANCY")).count();
        return new Built(new Body(rows, verified, bad, rows.size() - verified - bad), List.of());
    }

    /** A field of the settlement service's verdict (its own answer, not a ledger record), or empty. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    /** The proof of one settlement: its readings, their Merkle paths, the anchor on the ledger. */
    public Built proof(Calls calls, String settlementId) {
        Optional<Calls.Ledgered<StoredSettlement>> settlement =
                calls.settlement(settlementId, "the settlement " + settlementId);
        if (settlement.isEmpty()) {
            return new Built(
                    new Proof(settlementId, false, "", "", "", "", "", "", "", "", "", false, 0, List.of()), List.of());
        }
        StoredSettlement s = settlement.get().value();
        String day = s.day().toString();
        String asset = s.assetId();
        String aggregator = s.aggregatorMsp();
        // The ordered slots: those of the order's offer (all the home's readings when unknown).
        Set<Integer> slots = calls.order(s.orderId(), "the order " + s.orderId())
                .flatMap(o -> calls.offer(o.offerId(), "the offer of the order"))
                .map(o -> o.kwBySlot().keySet())
                .orElse(Set.of());
        Optional<DayReadings> readings = calls.readings(day, asset);
        String bridgeRoot = readings.map(r -> r.anchor().rootHex()).orElse("");
        String leafCount =
                readings.map(r -> Integer.toString(r.anchor().leafCount())).orElse("");
        String ledgerRoot =
                calls.anchor(day, aggregator).map(ReadingAnchor::rootHex).orElse("");
        List<ReadingProof> proofs = new ArrayList<>();
        for (ProvenReading r : readings.map(DayReadings::readings).orElse(List.of())) {
            int slot = r.reading().slot();
            if (!slots.isEmpty() && !slots.contains(slot)) {
                continue;
            }
            // The leaf is the domain's: the reading's canonical text and signature, as the bridge anchored it.
            byte[] leafHash = r.signed().leafHash();
            List<String> siblings = r.proof().siblingsHex();
            boolean ok = !bridgeRoot.isEmpty()
                    && leadsTo(leafHash, r.proof().leafIndex(), r.proof().leafCount(), siblings, bridgeRoot);
            proofs.add(new ReadingProof(
                    slot,
                    r.reading().deviceId(),
                    r.reading().netKwh().toString(),
                    r.reading().sequence(),
                    r.signed().signatureBase64(),
                    MerkleTree.hex(leafHash),
                    r.proof().leafIndex(),
                    siblings,
                    ok));
        }
        String settlementRoot = s.anchorRootHex();
        // The anchor the bridge proves against, the ledger's and the one the settlement names must be one.
        boolean agree = !bridgeRoot.isEmpty()
                && bridgeRoot.equalsIgnoreCase(ledgerRoot)
                && (settlementRoot.isEmpty() || settlementRoot.equalsIgnoreCase(ledgerRoot));
        String block = settlement.get().ledgerBlock();
        return new Built(
                new Proof(
                        settlementId,
                        true,
                        s.orderId(),
                        asset,
                        aggregator,
                        s.txId(),
                        block == null ? "" : block,
                        settlementRoot,
                        bridgeRoot,
                        ledgerRoot,
                        leafCount,
                        agree,
                        proofs.stream().filter(ReadingProof::verified).count(),
                        proofs),
                List.of());
    }

    /**
     * Whether the path from {@code leafHash} (leaf {@code leafIndex} of {@code leafCount}) leads to
     * {@code rootHex}, by the domain's {@link MerkleProof}; a path that does not fit a tree's shape leads
     * nowhere.
     */
    static boolean leadsTo(byte[] leafHash, int leafIndex, int leafCount, List<String> siblingsHex, String rootHex) {
        try {
            List<String> siblings =
                    siblingsHex.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            return new MerkleProof(leafIndex, leafCount, siblings).verify(leafHash, rootHex.toLowerCase(Locale.ROOT));
        } catch (ValidationException e) {
            return false;
        }
    }
}
