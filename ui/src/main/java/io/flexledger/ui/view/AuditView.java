package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
import io.flexledger.ui.upstream.Reply;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
        List<JsonNode> settlements =
                calls.dayRecords("settlements", d, "the day's settlements").orElse(List.of());
        Map<String, JsonNode> verdicts = new HashMap<>();
        calls.audit(d)
                .ifPresent(a ->
                        a.json().path("settlements").forEach(v -> verdicts.put(Fmt.text(v, "settlementId"), v)));
        List<Row> rows = new ArrayList<>();
        int lookups = 0;
        for (JsonNode s : settlements) {
            String id = Fmt.text(s, "id");
            String block = "";
            if (lookups++ < MAX_BLOCK_LOOKUPS) {
                block = calls.one("settlements", id, "the block of " + id)
                        .map(Reply::ledgerBlock)
                        .orElse("");
            }
            JsonNode v = verdicts.get(id);
            List<String> discrepancies = new ArrayList<>();
            if (v != null) {
                v.path("discrepancies").forEach(x -> discrepancies.add(x.isTextual() ? x.asText() : x.toString()));
            }
            rows.add(new Row(
                    id,
                    Fmt.text(s, "orderId"),
                    Fmt.text(s, "aggregatorMsp"),
                    Fmt.text(s, "assetId"),
                    Fmt.text(s, "creditedKwh"),
                    Fmt.text(s, "netEur"),
                    Fmt.text(s, "state"),
                    Fmt.text(s, "txId"),
                    block == null ? "" : block,
                    v == null ? "NOT AUDITED" : Fmt.text(v, "verdict"),
                    String.join("; ", discrepancies)));
        }
        long verified =
                rows.stream().filter(r -> r.verdict().equals("VERIFIED")).count();
        long bad = rows.stream().filter(r -> r.verdict().equals("DISCREPANCY")).count();
        return new Built(new Body(rows, verified, bad, rows.size() - verified - bad), List.of());
    }

    /** The proof of one settlement: its readings, their Merkle paths, the anchor on the ledger. */
    public Built proof(Calls calls, String settlementId) {
        Optional<Reply> settlement = calls.one("settlements", settlementId, "the settlement " + settlementId);
        if (settlement.isEmpty()) {
            return new Built(
                    new Proof(settlementId, false, "", "", "", "", "", "", "", "", "", false, 0, List.of()), List.of());
        }
        JsonNode s = settlement.get().json();
        String day = Fmt.text(s, "day");
        String asset = Fmt.text(s, "assetId");
        String aggregator = Fmt.text(s, "aggregatorMsp");
        // The ordered slots: those of the order's offer (all the home's readings when unknown).
        Set<Integer> slots = calls.one("orders", Fmt.text(s, "orderId"), "the order " + Fmt.text(s, "orderId"))
                .flatMap(o -> calls.one("offers", Fmt.text(o.json(), "offerId"), "the offer of the order"))
                .map(o -> Slots.bySlot(o.json().path("kwBySlot")).keySet())
                .orElse(Set.of());
        Optional<Reply> readings = calls.readings(day, asset);
        String bridgeRoot =
                readings.map(r -> Fmt.text(r.json().path("anchor"), "rootHex")).orElse("");
        String leafCount = readings.map(r -> Fmt.text(r.json().path("anchor"), "leafCount"))
                .orElse("");
        String ledgerRoot = calls.anchor(day, aggregator)
                .map(a -> Fmt.text(a.json(), "rootHex"))
                .orElse("");
        List<ReadingProof> proofs = new ArrayList<>();
        if (readings.isPresent()) {
            for (JsonNode r : readings.get().json().path("readings")) {
                int slot = r.path("slot").asInt();
                if (!slots.isEmpty() && !slots.contains(slot)) {
                    continue;
                }
                byte[] leafHash = leafHash(r);
                String leaf = MerkleTree.hex(leafHash);
                JsonNode p = r.path("proof");
                List<String> siblings = new ArrayList<>();
                p.path("siblings").forEach(x -> siblings.add(x.asText()));
                boolean ok = !bridgeRoot.isEmpty()
                        && leadsTo(
                                leafHash,
                                p.path("leafIndex").asInt(),
                                p.path("leafCount").asInt(),
                                siblings,
                                bridgeRoot);
                proofs.add(new ReadingProof(
                        slot,
                        Fmt.text(r, "deviceId"),
                        Fmt.text(r, "netKwh"),
                        r.path("sequence").asLong(),
                        Fmt.text(r, "signature"),
                        leaf,
                        p.path("leafIndex").asInt(),
                        siblings,
                        ok));
            }
        }
        String settlementRoot = Fmt.text(s, "anchorRootHex");
        // The anchor the bridge proves against, the ledger's and the one the settlement names must be one.
        boolean agree = !bridgeRoot.isEmpty()
                && bridgeRoot.equalsIgnoreCase(ledgerRoot)
                && (settlementRoot.isEmpty() || settlementRoot.equalsIgnoreCase(ledgerRoot));
        return new Built(
                new Proof(
                        settlementId,
                        true,
                        Fmt.text(s, "orderId"),
                        asset,
                        aggregator,
                        Fmt.text(s, "txId"),
                        settlement.get().ledgerBlock() == null
                                ? ""
                                : settlement.get().ledgerBlock(),
                        settlementRoot,
                        bridgeRoot,
                        ledgerRoot,
                        leafCount,
                        agree,
                        proofs.stream().filter(ReadingProof::verified).count(),
                        proofs),
                List.of());
    }

    /** The Merkle leaf of a reading's JSON: its canonical text and signature, as the bridge anchored it. */
    static byte[] leafHash(JsonNode r) {
        return MerkleTree.leafHash(canonicalText(r) + "|" + Fmt.text(r, "signature"));
    }

    /**
     * Whether the path from {@code leafHash} (leaf {@code leafIndex} of {@code leafCount}) leads to
     * {@code rootHex}; a path that does not fit a tree's shape leads nowhere.
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

    /** The text a device signs (spec section 1), from a reading's JSON. */
    static String canonicalText(JsonNode r) {
        String kwh = Fmt.text(r, "netKwh");
        try {
            kwh = new BigDecimal(kwh).setScale(6, RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException | NumberFormatException e) {
            // Not a 6-decimal amount: the text as given, so that the path check fails visibly.
        }
        return String.join(
                "|",
                "flexledger-reading-v1",
                Fmt.text(r, "deviceId"),
                Fmt.text(r, "assetId"),
                Fmt.text(r, "day"),
                Fmt.text(r, "slot"),
                kwh,
                Fmt.text(r, "sequence"));
    }
}
