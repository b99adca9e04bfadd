package io.flexledger.settlement.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityStatementLine;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.participants.DeviceState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.settlement.blocks.CommittedWrites;
import io.flexledger.settlement.finding.Discrepancy;
import io.flexledger.settlement.ledger.LedgerRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Re-derives each member's community statement of a day from first principles (decision 0021): the
 * private statement hashes to the public record its transaction wrote; the clearing it cites hashes to
 * the clearing's public hash and holds the home's trades; each reading is the home's meter's, signed
 * with a key it had during the slot, and proven against the anchor the ledger holds for the operator's
 * portfolio; lines and totals are {@link CommunitySettlementRule} applied to those readings, the trades
 * and the day's grid prices. Every member with trades of a settled day has a statement. It trusts none
 * of the records: each check names exactly what disagrees.
 */
public final class CommunityAuditor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CommunitySettlementRule rule;

    /** An auditor applying {@code rule}, which must be the market's. */
    public CommunityAuditor(CommunitySettlementRule rule) {
        this.rule = rule;
    }

    /**
     * The check of several communities' days, read by a party that may read them.
     *
     * @param communities the facts of each community's day
     */
    public CommunityCheck audit(List<CommunityFacts> communities) {
        List<CommunityCheck.StatementVerdict> verdicts = new ArrayList<>();
        List<Discrepancy> out = new ArrayList<>();
        for (CommunityFacts c : communities) {
            audit(c, verdicts, out);
        }
        return new CommunityCheck(
                null, communities.stream().map(CommunityFacts::community).toList(), verdicts, out);
    }

    private void audit(CommunityFacts c, List<CommunityCheck.StatementVerdict> verdicts, List<Discrepancy> out) {
        String where = c.community() + " on " + c.day();
        // The clearing's trades are the ones its public hash was recorded for.
        String clearingSha256 =
                c.clearingRecord().map(r -> r.path("sha256").asText(null)).orElse(null);
        SortedMap<String, List<JsonNode>> tradesByHome = new TreeMap<>();
        if (c.clearing().isPresent()) {
            String hash = Baseline.sha256Hex(c.clearing().get().toString());
            if (clearingSha256 == null) {
                out.add(new Discrepancy("clearing of " + where, "trades are readable, but no public record of them"));
            } else if (!hash.equals(clearingSha256)) {
                out.add(new Discrepancy(
                        "clearing of " + where,
                        "its trades hash to " + hash + ", the public record's sha256 is " + clearingSha256));
            }
            for (JsonNode t : c.clearing().get().path("trades")) {
                tradesByHome
                        .computeIfAbsent(t.path("homeId").asText(), h -> new ArrayList<>())
                        .add(t);
            }
        } else if (clearingSha256 != null) {
            out.add(new Discrepancy("clearing of " + where, "a public record, but its trades cannot be read"));
        }
        Map<String, CommunityFacts.Statement> byHome = new TreeMap<>();
        for (CommunityFacts.Statement s : c.statements()) {
            if (byHome.putIfAbsent(s.homeId(), s) != null) {
                out.add(new Discrepancy(
                        "statement " + c.community() + "/" + s.homeId(), "listed twice for " + c.day()));
            }
        }
        for (CommunityFacts.Statement s : byHome.values()) {
            verdicts.add(statement(c, s, clearingSha256, tradesByHome.getOrDefault(s.homeId(), List.of())));
        }
        // Every member with trades has a statement once the day can be settled.
        for (var e : tradesByHome.entrySet()) {
            if (byHome.containsKey(e.getKey())) {
                continue;
            }
            String subject = "statement " + c.community() + "/" + e.getKey();
            int n = e.getValue().size();
            if (c.anchor().isPresent()) {
                out.add(new Discrepancy(
                        subject,
                        "missing: the home has " + n + " trade(s) on " + c.day() + " and the readings of "
                                + c.community() + " are anchored on the ledger"));
            } else if (c.dayEnded()) {
                out.add(new Discrepancy(
                        subject, "missing: the home has " + n + " trade(s) on " + c.day() + " and the day has ended"));
            }
        }
    }

    private CommunityCheck.StatementVerdict statement(
            CommunityFacts c, CommunityFacts.Statement s, String clearingSha256, List<JsonNode> homeTrades) {
        List<Discrepancy> out = new ArrayList<>();
        JsonNode st = s.record();
        String home = s.homeId();
        String txId = st.path("txId").asText(null);
        same(out, "field community", "statement", text(st, "community"), "listed under", c.community());
        same(
                out,
                "field day",
                "statement",
                text(st, "day"),
                "listed under",
                c.day().toString());

        // The private statement is the one the public record, as its transaction wrote it, commits to.
        long block = -1;
        if (s.committed().isEmpty()) {
            out.add(new Discrepancy(
                    "transaction " + txId, "the auditing party's peer does not know it: no public record to check"));
        } else {
            CommittedWrites.Committed committed = s.committed().get();
            block = committed.blockNumber();
            if (!"VALID".equals(committed.validationCode())) {
                out.add(new Discrepancy(
                        "transaction " + txId,
                        "committed in block " + block + " as " + committed.validationCode() + ", not VALID"));
            }
            Optional<JsonNode> pub =
                    publicRecord(committed, c.community(), c.day().toString(), home);
            if (pub.isEmpty()) {
                out.add(new Discrepancy(
                        "public record",
                        "transaction " + txId + " (block " + block + ") wrote no public statement of home " + home));
            } else {
                JsonNode p = pub.get();
                String hash = Baseline.sha256Hex(st.toString());
                same(out, "public sha256", "public record", text(p, "sha256"), "hash of the private statement", hash);
                same(
                        out,
                        "field anchorRoot",
                        "statement",
                        text(st, "anchorRoot"),
                        "public record",
                        text(p, "anchorRoot"));
                same(
                        out,
                        "field clearingSha256",
                        "statement",
                        text(st, "clearingSha256"),
                        "public record",
                        text(p, "clearingSha256"));
            }
        }

        // It cites the day's clearing, and settles the home's trades in it.
        same(
                out,
                "field clearingSha256",
                "statement",
                text(st, "clearingSha256"),
                "clearing's public record",
                clearingSha256);
        if (homeTrades.isEmpty()) {
            out.add(new Discrepancy("trades", "the clearing of " + c.day() + " has no trade of home " + home));
        }
        Set<String> members = new TreeSet<>();
        homeTrades.forEach(t -> members.add(t.path("member").asText()));
        if (members.size() == 1) {
            same(
                    out,
                    "field member",
                    "statement",
                    text(st, "member"),
                    "clearing",
                    members.iterator().next());
        }
        SortedMap<Integer, List<String>> tradeSlots = new TreeMap<>();
        homeTrades.forEach(t -> tradeSlots
                .computeIfAbsent(t.path("slot").asInt(), k -> new ArrayList<>())
                .add(t.path("orderId").asText()));
        Set<Integer> lineSlots = new TreeSet<>();
        st.path("lines").forEach(l -> lineSlots.add(l.path("slot").asInt()));
        for (var e : tradeSlots.entrySet()) {
            if (!lineSlots.contains(e.getKey())) {
                out.add(new Discrepancy(
                        "line slot " + e.getKey(), "missing: the home traded in it (trade(s) " + e.getValue() + ")"));
            }
        }
        for (int slot : lineSlots) {
            if (!tradeSlots.containsKey(slot)) {
                out.add(new Discrepancy("line slot " + slot, "the clearing has no trade of home " + home + " in it"));
            }
        }

        // Each reading: the home's meter's, signed with a key it had during the slot, proven to the anchor.
        ReadingAnchor anchor = c.anchor().orElse(null);
        if (anchor == null) {
            out.add(new Discrepancy(
                    "anchor of " + c.community() + " on " + c.day(), "no reading anchor on the ledger"));
        } else {
            same(out, "field anchorRoot", "statement", text(st, "anchorRoot"), "ledger anchor", anchor.rootHex());
        }
        List<MeterReading> readings = new ArrayList<>();
        int checked = 0;
        for (JsonNode r : st.path("readings")) {
            SignedReading signed;
            MerkleProof proof;
            try {
                signed = LedgerRecords.signedReading(r);
                proof = LedgerRecords.proof(r.path("proof"));
            } catch (RuntimeException e) {
                out.add(new Discrepancy("reading " + r, "cannot be read: " + e.getMessage()));
                continue;
            }
            MeterReading m = signed.reading();
            readings.add(m);
            checked++;
            String subject = "reading " + m.deviceId() + " slot " + m.slot();
            same(out, subject + " assetId", "reading", m.assetId(), "statement", home);
            same(
                    out,
                    subject + " day",
                    "reading",
                    m.day().toString(),
                    "statement",
                    c.day().toString());
            DeviceRegistration registration = s.devices().get(m.deviceId());
            if (registration == null
                    || registration.device().kind() != DeviceKind.METER
                    || !registration.device().assetId().equals(home)) {
                out.add(new Discrepancy(subject, m.deviceId() + " is not a meter registered for home " + home));
            } else {
                if (registration.state() != DeviceState.ACTIVE) {
                    out.add(new Discrepancy(
                            subject,
                            "meter " + m.deviceId() + " is " + registration.state() + ": the DSO has not approved it"));
                }
                if (registration.signerOf(signed).isEmpty()) {
                    out.add(new Discrepancy(
                            subject,
                            "the signature does not verify with any key the ledger registered for the meter during the"
                                    + " slot (" + registration.keys().size() + " key(s) on record)"));
                }
            }
            if (anchor != null) {
                byte[] leaf = signed.leafHash();
                if (proof.leafCount() != anchor.leafCount() || !proof.verify(leaf, anchor.rootHex())) {
                    out.add(new Discrepancy(
                            subject,
                            "its Merkle proof (leaf " + proof.leafIndex() + " of " + proof.leafCount() + ", leaf hash "
                                    + MerkleTree.hex(leaf) + ") does not lead to the ledger anchor "
                                    + anchor.rootHex()));
                }
            }
        }

        // Lines and totals are the rule applied to those readings, the clearing's trades and the day's prices.
        rederive(out, c, home, st, homeTrades, readings);
        return new CommunityCheck.StatementVerdict(c.community(), home, txId, block, out, checked);
    }

    private void rederive(
            List<Discrepancy> out,
            CommunityFacts c,
            String home,
            JsonNode st,
            List<JsonNode> homeTrades,
            List<MeterReading> readings) {
        if (c.dayRecord().isEmpty()) {
            out.add(new Discrepancy("day " + c.day() + " of " + c.community(), "not on the ledger: no grid prices"));
            return;
        }
        if (homeTrades.isEmpty()) {
            return;
        }
        CommunityStatement expected;
        try {
            List<CommunityTrade> trades = new ArrayList<>();
            for (JsonNode t : homeTrades) {
                trades.add(CommunityRecords.trade(MarketRecords.stored(t.toString())));
            }
            JsonFields dayRecord = MarketRecords.stored(c.dayRecord().get().toString());
            expected = rule.settle(
                    c.community(),
                    home,
                    MarketPeriod.of(c.day()),
                    trades,
                    CommunityRecords.prices(dayRecord, "importPrice"),
                    CommunityRecords.prices(dayRecord, "exportPrice"),
                    readings);
        } catch (IllegalArgumentException e) {
            out.add(new Discrepancy(
                    "statement " + c.community() + "/" + home, "cannot be re-derived: " + e.getMessage()));
            return;
        }
        // The fields compared are those the one codec of statements writes.
        CommunityRecords.totals(expected)
                .forEach((f, want) ->
                        same(out, "totals " + f, "statement", text(st.path("totals"), f), "re-derived", (String) want));
        Map<Integer, JsonNode> got = new TreeMap<>();
        st.path("lines").forEach(l -> got.put(l.path("slot").asInt(), l));
        for (CommunityStatementLine l : expected.lines()) {
            JsonNode g = got.get(l.slot());
            if (g == null) {
                continue; // named above, from the clearing's trades
            }
            CommunityRecords.line(l).forEach((f, want) -> {
                if (want instanceof String w) {
                    same(out, "line slot " + l.slot() + " " + f, "statement", text(g, f), "re-derived", w);
                }
            });
        }
    }

    /** The public record of {@code community/day/home} among a transaction's writes. */
    private static Optional<JsonNode> publicRecord(
            CommittedWrites.Committed committed, String community, String day, String home) {
        for (CommittedWrites.Write w : committed.writes()) {
            JsonNode v;
            try {
                v = JSON.readTree(w.value());
            } catch (java.io.IOException e) {
                continue;
            }
            if (v != null
                    && v.has("sha256")
                    && community.equals(v.path("community").asText())
                    && day.equals(v.path("day").asText())
                    && home.equals(v.path("homeId").asText())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void same(List<Discrepancy> out, String subject, String aName, String a, String bName, String b) {
        if (!Objects.equals(a, b)) {
            out.add(new Discrepancy(subject, aName + " " + a + ", " + bName + " " + b));
        }
    }
}
