package io.flexledger.settlement.audit;

import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.settlement.ledger.HomeReadings.ProvenReading;
import io.flexledger.settlement.ledger.SettlementFacts;
import io.flexledger.settlement.ledger.SettlementRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Re-derives a settlement from first principles: the committed baseline, the devices' signatures,
 * the readings' Merkle proofs against the anchor on the ledger, and the settlement rule; then
 * compares every field the ledger (and the billing store) holds with what it re-derived. It trusts
 * none of them: each check names exactly what disagrees.
 */
public final class Auditor {
    private final SettlementRule rule;

    /** An auditor applying {@code rule}, which must be the market's. */
    public Auditor(SettlementRule rule) {
        this.rule = rule;
    }

    /** The verdict on one settlement. */
    public SettlementVerdict audit(SettlementFacts f) {
        List<Discrepancy> out = new ArrayList<>();
        SettlementRecord s = f.settlement();
        String id = s.id();

        // The revealed baseline is the one committed before gate closure.
        Baseline baseline = f.revealedBaseline();
        String revealedHash = baseline.commitmentHash(f.revealedSalt());
        if (!revealedHash.equals(f.committedBaselineHash())) {
            out.add(new Discrepancy(
                    "baseline of " + baseline.assetId(),
                    "the revealed values hash to " + revealedHash + ", the commitment on the ledger is "
                            + f.committedBaselineHash()));
        }
        same(out, "field baselineHash", "ledger", s.field("baselineHash"), "commitment", f.committedBaselineHash());

        // The bridge's proofs lead to the anchor the ledger holds, not to one of the bridge's own.
        ReadingAnchor anchor = f.ledgerAnchor().orElse(null);
        if (anchor == null) {
            out.add(new Discrepancy(
                    "anchor of " + f.offer().aggregatorMsp() + " on "
                            + f.offer().period().day(),
                    "no reading anchor on the ledger"));
        } else {
            ReadingAnchor bridge = f.readings().bridgeAnchor();
            same(out, "anchor rootHex", "bridge", bridge.rootHex(), "ledger", anchor.rootHex());
            same(
                    out,
                    "anchor leafCount",
                    "bridge",
                    String.valueOf(bridge.leafCount()),
                    "ledger",
                    String.valueOf(anchor.leafCount()));
            same(out, "field anchorRootHex", "settlement", s.field("anchorRootHex"), "ledger anchor", anchor.rootHex());
        }

        // Each reading of the home's meter in an ordered slot: the device's own, signed, and anchored.
        Map<Integer, MeterReading> meterBySlot = new TreeMap<>();
        int checked = 0;
        for (ProvenReading pr : f.readings().readings()) {
            MeterReading r = pr.signed().reading();
            if (!f.offer().kwBySlot().containsKey(r.slot())) {
                continue;
            }
            Device device = f.devices().get(r.deviceId());
            if (device == null
                    || device.kind() != DeviceKind.METER
                    || !device.assetId().equals(f.offer().assetId())) {
                continue;
            }
            checked++;
            String subject = "reading " + r.deviceId() + " slot " + r.slot();
            boolean good = true;
            if (!pr.signed().verify(device.publicKey())) {
                out.add(new Discrepancy(
                        subject, "the signature does not verify with the key registered on the ledger"));
                good = false;
            }
            if (anchor != null) {
                byte[] leaf = pr.signed().leafHash();
                if (pr.proof().leafCount() != anchor.leafCount() || !pr.proof().verify(leaf, anchor.rootHex())) {
                    out.add(new Discrepancy(
                            subject,
                            "its Merkle proof (leaf " + pr.proof().leafIndex() + " of "
                                    + pr.proof().leafCount()
                                    + ", leaf hash " + MerkleTree.hex(leaf) + ") does not lead to the ledger anchor "
                                    + anchor.rootHex()));
                    good = false;
                }
            }
            MeterReading before = meterBySlot.putIfAbsent(r.slot(), r);
            if (before != null) {
                out.add(new Discrepancy(subject, "a second meter reading for this slot"));
            } else if (!good) {
                // The slot still counts as read: its value is re-derived below and compared.
                meterBySlot.put(r.slot(), r);
            }
        }
        for (int slot : f.offer().kwBySlot().keySet()) {
            if (!meterBySlot.containsKey(slot)) {
                out.add(new Discrepancy(
                        "slot " + slot, "no meter reading of " + f.offer().assetId() + " from the bridge"));
            }
        }

        // The settlement re-derived with the market's rule equals the one on the ledger, field by field.
        if (meterBySlot.keySet().containsAll(f.offer().kwBySlot().keySet())) {
            try {
                FlexSettlement expected = rule.settle(
                        f.offer(),
                        f.order(),
                        baseline,
                        f.offer().kwBySlot().keySet().stream()
                                .map(meterBySlot::get)
                                .toList());
                compare(out, s, expected);
            } catch (ValidationException e) {
                out.add(new Discrepancy("settlement " + id, "cannot be re-derived: " + e.getMessage()));
            }
        }

        // The private details are the ones the public record commits to.
        String detailsHash = Baseline.sha256Hex(s.detailsJson());
        same(out, "field detailsHash", "ledger", s.field("detailsHash"), "hash of the details", detailsHash);

        // The billing store pays what the ledger settled.
        f.billing().ifPresent(billing -> {
            for (Map.Entry<String, String> e : new TreeMap<>(billing).entrySet()) {
                same(out, "billing " + e.getKey(), "billing", e.getValue(), "ledger", s.field(e.getKey()));
            }
        });
        return new SettlementVerdict(id, s.txId(), s.blockNumber(), out, checked);
    }

    private static void compare(List<Discrepancy> out, SettlementRecord s, FlexSettlement e) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", e.id());
        expected.put("orderId", e.orderId());
        expected.put("offerId", e.offerId());
        expected.put("aggregatorMsp", e.aggregatorMsp());
        expected.put("dsoMsp", e.dsoMsp());
        expected.put("assetId", e.assetId());
        expected.put("day", e.day().toString());
        expected.put("creditedKwh", e.creditedKwh().toString());
        expected.put("shortfallKwh", e.shortfallKwh().toString());
        expected.put("paymentEur", e.paymentEur().toString());
        expected.put("penaltyEur", e.penaltyEur().toString());
        for (Map.Entry<String, String> x : expected.entrySet()) {
            same(out, "field " + x.getKey(), "ledger", s.field(x.getKey()), "re-derived", x.getValue());
        }
        // A resolved dispute may adjust the net; until then it is payment minus penalty.
        if (!"RESOLVED".equals(s.field("state"))) {
            same(
                    out,
                    "field netEur",
                    "ledger",
                    s.field("netEur"),
                    "re-derived",
                    e.netEur().toString());
        }
        Map<Integer, SettlementLine> ledgerLines = new TreeMap<>();
        s.lines().forEach(l -> ledgerLines.put(l.slot(), l));
        for (SettlementLine want : e.lines()) {
            SettlementLine got = ledgerLines.remove(want.slot());
            String subject = "line slot " + want.slot();
            if (got == null) {
                out.add(new Discrepancy(subject, "missing from the ledger's details"));
                continue;
            }
            same(out, subject + " orderedKwh", "ledger", str(got.orderedKwh()), "re-derived", str(want.orderedKwh()));
            same(
                    out,
                    subject + " baselineKwh",
                    "ledger",
                    str(got.baselineKwh()),
                    "re-derived",
                    str(want.baselineKwh()));
            same(out, subject + " meteredKwh", "ledger", str(got.meteredKwh()), "re-derived", str(want.meteredKwh()));
            same(
                    out,
                    subject + " creditedKwh",
                    "ledger",
                    str(got.creditedKwh()),
                    "re-derived",
                    str(want.creditedKwh()));
        }
        ledgerLines.keySet().forEach(slot -> out.add(new Discrepancy("line slot " + slot, "not an ordered slot")));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static void same(List<Discrepancy> out, String subject, String aName, String a, String bName, String b) {
        if (!Objects.equals(a, b)) {
            out.add(new Discrepancy(subject, aName + " " + a + ", " + bName + " " + b));
        }
    }
}
