package io.flexledger.settlement.audit;

import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.participants.DeviceState;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import io.flexledger.settlement.finding.Discrepancy;
import io.flexledger.settlement.ledger.DisputeRecord;
import io.flexledger.settlement.ledger.SettlementFacts;
import io.flexledger.settlement.ledger.SettlementRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * The verdict on one settlement.
     *
     * @param billingChecked whether a billing store was read: then a settlement without a billing row is
     *     a discrepancy; without one, billing is not checked
     */
    public SettlementVerdict audit(SettlementFacts f, boolean billingChecked) {
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
            ReadingAnchor bridge = f.readings().anchor();
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
            DeviceRegistration registration = f.devices().get(r.deviceId());
            if (registration == null
                    || registration.device().kind() != DeviceKind.METER
                    || !registration.device().assetId().equals(f.offer().assetId())) {
                continue;
            }
            checked++;
            String subject = "reading " + r.deviceId() + " slot " + r.slot();
            boolean good = true;
            if (registration.state() != DeviceState.ACTIVE) {
                out.add(new Discrepancy(
                        subject,
                        "meter " + r.deviceId() + " is " + registration.state() + ": the DSO has not approved it"));
                good = false;
            }
            // With a key that was the meter's during the slot: one retired before it or approved after it
            // does not count.
            if (registration.signerOf(pr.signed()).isEmpty()) {
                out.add(new Discrepancy(
                        subject,
                        "the signature does not verify with any key the ledger registered for the meter during the"
                                + " slot (" + registration.keys().size() + " key(s) on record)"));
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
        Euros derivedNet = null;
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
                derivedNet = expected.netEur();
            } catch (ValidationException e) {
                out.add(new Discrepancy("settlement " + id, "cannot be re-derived: " + e.getMessage()));
            }
        }
        // The net is the re-derived one, unless an upheld dispute applied the figures its opener stated.
        checkNet(out, f, derivedNet);

        // The private details are the ones the public record commits to.
        String detailsHash = Baseline.sha256Hex(s.detailsJson());
        same(out, "field detailsHash", "ledger", s.field("detailsHash"), "hash of the details", detailsHash);

        // The billing store pays what the ledger settled, and it pays every settlement.
        if (f.billing().isPresent()) {
            for (Map.Entry<String, String> e : new TreeMap<>(f.billing().get()).entrySet()) {
                same(out, "billing " + e.getKey(), "billing", e.getValue(), "ledger", s.field(e.getKey()));
            }
        } else if (billingChecked) {
            out.add(new Discrepancy("billing row of " + id, "missing"));
        }
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

    /**
     * The net on the ledger against {@code derivedNet} (null when it could not be re-derived) and the
     * settlement's dispute: an upheld dispute replaces the net by its claim's, keeping the settled one
     * as {@code originalNetEur}; anything else leaves the re-derived net.
     */
    private void checkNet(List<Discrepancy> out, SettlementFacts f, Euros derivedNet) {
        SettlementRecord s = f.settlement();
        String derived = derivedNet == null ? null : derivedNet.toString();
        String state = s.field("state");
        if ("DISPUTED".equals(state)) {
            // A disputed settlement waits for its dispute, which is open.
            String open = f.dispute().map(d -> d.field("state")).orElse(null);
            if (!"OPEN".equals(open)) {
                out.add(new Discrepancy(
                        "dispute " + s.field("disputeId"),
                        "the settlement is DISPUTED, the dispute is " + (open == null ? "not on the ledger" : open)));
            }
        }
        Optional<String> applied = "RESOLVED".equals(state) ? appliedNet(out, f) : Optional.empty();
        if (applied.isPresent()) {
            // Exactly the figures the opener stated and the other party accepted; the settled net is kept.
            same(
                    out,
                    "field netEur",
                    "ledger",
                    s.field("netEur"),
                    "claim of upheld dispute " + s.field("disputeId"),
                    applied.get());
            if (derived != null) {
                same(out, "field originalNetEur", "ledger", s.field("originalNetEur"), "re-derived", derived);
            }
            return;
        }
        // Without an upheld dispute that states it, the net is what the rule gives.
        if (derived != null) {
            same(out, "field netEur", "ledger", s.field("netEur"), "re-derived", derived);
        }
        if (s.field("originalNetEur") != null) {
            out.add(new Discrepancy(
                    "field originalNetEur",
                    "ledger " + s.field("originalNetEur") + ", but no upheld dispute replaced the net"));
        }
    }

    /**
     * The net an upheld dispute applied to a RESOLVED settlement: its claim's, when the dispute and its
     * history show that one party of the settlement opened it with those figures, once, that the other
     * party resolved it, once, and that the figures follow by the rule within what the order can be
     * worth. Anything else is named, and then no net was applied (empty, also for a rejected dispute).
     */
    private Optional<String> appliedNet(List<Discrepancy> out, SettlementFacts f) {
        SettlementRecord s = f.settlement();
        String disputeId = s.field("disputeId");
        if (disputeId == null || f.dispute().isEmpty()) {
            out.add(new Discrepancy(
                    "settlement " + s.id(),
                    "RESOLVED, but "
                            + (disputeId == null ? "it names no dispute" : "the ledger has no dispute " + disputeId)));
            return Optional.empty();
        }
        DisputeRecord d = f.dispute().get();
        String subject = "dispute " + disputeId;
        int before = out.size();
        same(out, subject + " settlementId", "dispute", d.field("settlementId"), "settlement", s.id());
        same(out, subject + " state", "dispute", d.field("state"), "settlement", "RESOLVED");
        same(out, subject + " outcome", "dispute", d.field("outcome"), "settlement", s.field("disputeOutcome"));
        // Opened by one party of the settlement, resolved by the other.
        String dso = s.field("dsoMsp");
        String aggregator = s.field("aggregatorMsp");
        String openedBy = d.field("openedBy");
        String resolver =
                Objects.equals(dso, openedBy) ? aggregator : Objects.equals(aggregator, openedBy) ? dso : null;
        if (resolver == null) {
            out.add(new Discrepancy(
                    subject + " openedBy",
                    openedBy + " is neither party of the settlement (" + dso + ", " + aggregator + ")"));
        } else {
            same(out, subject + " resolvedBy", "dispute", d.field("resolvedBy"), "the other party", resolver);
        }
        checkHistory(out, subject, d);
        if (!"UPHELD".equals(d.field("outcome")) || out.size() != before) {
            return Optional.empty();
        }
        // The figures the opener stated: the net follows from them by the rule, within the order's worth.
        Map<String, String> c = d.claim();
        if (c.isEmpty()) {
            out.add(new Discrepancy(
                    subject + " claim",
                    "upheld, but it states no figures: its net "
                            + Objects.requireNonNullElse(d.field("adjustedNetEur"), "(none)")
                            + " was set by the resolver alone"));
            return Optional.empty();
        }
        DisputeClaim claim;
        try {
            claim = new DisputeClaim(
                    KilowattHours.parse(c.get("creditedKwh")),
                    KilowattHours.parse(c.get("shortfallKwh")),
                    Euros.parse(c.get("netEur")));
        } catch (ValidationException e) {
            out.add(new Discrepancy(subject + " claim", "cannot be read: " + c + " (" + e.getMessage() + ")"));
            return Optional.empty();
        }
        KilowattHours ordered = rule.orderedKwh(f.offer(), f.order());
        List<Violation> wrong =
                new ArrayList<>(claim.outOfBounds(rule, ordered, f.offer().price()));
        wrong.addAll(claim.inconsistencies(rule, ordered, f.offer().price()));
        wrong.forEach(v -> out.add(new Discrepancy(subject + " claim " + v.path(), v.reason())));
        return wrong.isEmpty() ? Optional.of(claim.netEur().toString()) : Optional.empty();
    }

    /**
     * A dispute's history: opened once and resolved once (in whatever order the ledger lists the
     * versions), by the same opener, with the same claim in every version.
     */
    private static void checkHistory(List<Discrepancy> out, String subject, DisputeRecord d) {
        long opened = d.history().stream()
                .filter(v -> "OPEN".equals(v.field("state")))
                .count();
        long resolved = d.history().stream()
                .filter(v -> "RESOLVED".equals(v.field("state")))
                .count();
        if (opened != 1 || resolved != 1 || d.history().size() != 2) {
            out.add(new Discrepancy(
                    subject + " history",
                    d.history().size() + " version(s), " + opened + " OPEN and " + resolved
                            + " RESOLVED; a dispute is opened once and resolved once"));
        }
        for (DisputeRecord.Version v : d.history()) {
            String at = subject + " history " + v.txId();
            same(out, at + " openedBy", "version", v.field("openedBy"), "dispute", d.field("openedBy"));
            // The figures were fixed when it was opened: the resolution accepted them, it did not change them.
            same(out, at + " claim", "version", sorted(v.claim()), "dispute", sorted(d.claim()));
            if ("RESOLVED".equals(v.field("state"))) {
                same(out, at + " outcome", "version", v.field("outcome"), "dispute", d.field("outcome"));
                same(out, at + " resolvedBy", "version", v.field("resolvedBy"), "dispute", d.field("resolvedBy"));
            }
        }
    }

    private static String sorted(Map<String, String> m) {
        return new TreeMap<>(m).toString();
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
