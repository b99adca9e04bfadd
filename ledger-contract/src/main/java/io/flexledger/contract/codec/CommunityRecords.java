package io.flexledger.contract.codec;

import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityStatementLine;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one codec of the community market's settled records (decision 0021): a member's statement (its
 * lines and totals, the private record and its public record), the trades of a home in a day's stored
 * clearing and a day's grid prices. Domain records in, the map {@link CanonicalJson} writes out; JSON read
 * by {@link JsonFields} back to domain records. The chaincode writes statements with it, the auditor
 * re-derives them with it, and every test double that stands in for the ledger writes the same shape.
 */
public final class CommunityRecords {
    private CommunityRecords() {}

    // ---- statements

    /** A statement's line: the slot, the energies (kWh) and the amounts (EUR), as text. */
    public static Map<String, Object> line(CommunityStatementLine l) {
        Map<String, Object> m = MarketRecords.record();
        m.put("slot", l.slot());
        m.put("boughtKwh", l.boughtKwh().toString());
        m.put("soldKwh", l.soldKwh().toString());
        m.put("meteredKwh", l.meteredKwh().toString());
        m.put("deliveredKwh", l.deliveredKwh().toString());
        m.put("takenKwh", l.takenKwh().toString());
        m.put("shortfallKwh", l.shortfallKwh().toString());
        m.put("unusedKwh", l.unusedKwh().toString());
        m.put("paidEur", l.paidEur().toString());
        m.put("receivedEur", l.receivedEur().toString());
        return m;
    }

    /** A statement's totals, as text. */
    public static Map<String, Object> totals(CommunityStatement s) {
        Map<String, Object> m = MarketRecords.record();
        m.put("boughtKwh", s.boughtKwh().toString());
        m.put("soldKwh", s.soldKwh().toString());
        m.put("deliveredKwh", s.deliveredKwh().toString());
        m.put("takenKwh", s.takenKwh().toString());
        m.put("shortfallKwh", s.shortfallKwh().toString());
        m.put("unusedKwh", s.unusedKwh().toString());
        m.put("paidEur", s.paidEur().toString());
        m.put("receivedEur", s.receivedEur().toString());
        m.put("netEur", s.netEur().toString());
        return m;
    }

    /** What the rule settled for a member: community, day, home, member, lines in slot order and totals. */
    public static Map<String, Object> settled(CommunityStatement s, String member) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", s.community());
        m.put("day", s.day().toString());
        m.put("homeId", s.homeId());
        m.put("member", member);
        m.put("lines", s.lines().stream().map(CommunityRecords::line).toList());
        m.put("totals", totals(s));
        return m;
    }

    /**
     * A member's private statement: what the rule settled ({@link #settled}), the readings as presented
     * (each signed, with its proof), the anchor root and the clearing hash they were checked against, when
     * and by which transaction.
     */
    public static Map<String, Object> statement(
            CommunityStatement s,
            String member,
            List<?> readings,
            String anchorRootHex,
            String clearingSha256,
            Instant at,
            String txId) {
        Map<String, Object> m = settled(s, member);
        m.put("readings", readings);
        m.put("anchorRoot", anchorRootHex);
        m.put("clearingSha256", clearingSha256);
        m.put("recordedAt", MarketRecords.instant(at));
        m.put("txId", txId);
        return m;
    }

    /** A statement's public record: whose, and the hashes that tie it to its private record, readings and trades. */
    public static Map<String, Object> publicStatement(
            String community,
            String day,
            String homeId,
            String sha256,
            String anchorRootHex,
            String clearingSha256,
            Instant at,
            String txId) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", community);
        m.put("day", day);
        m.put("homeId", homeId);
        m.put("sha256", sha256);
        m.put("anchorRoot", anchorRootHex);
        m.put("clearingSha256", clearingSha256);
        m.put("recordedAt", MarketRecords.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- clearings

    /** One trade of a stored private clearing, as the home's statement settles it. */
    public static CommunityTrade trade(JsonFields t) {
        String orderId = t.string("orderId");
        Integer slot = t.integer("slot");
        CommunityTrade.Side side = t.enumValue("side", CommunityTrade.Side.class);
        Kilowatts kw = t.kw("kw");
        BigDecimal price = t.decimal("price");
        return t.build(() -> new CommunityTrade(orderId, slot == null ? -1 : slot, side, kw, price));
    }

    /** The trades of {@code homeId} in a stored private clearing, in the clearing's order. */
    public static List<CommunityTrade> trades(JsonFields clearing, String homeId) {
        List<CommunityTrade> out = new ArrayList<>();
        List<JsonFields> trades = clearing.objects("trades");
        if (trades == null) {
            clearing.done();
            return out;
        }
        for (JsonFields t : trades) {
            if (t != null && homeId.equals(t.string("homeId"))) {
                out.add(trade(t));
            }
        }
        clearing.done();
        return out;
    }

    // ---- days

    /**
     * A day's grid prices of one side ({@code importPrice} or {@code exportPrice}): one decimal string per
     * slot, none negative. A price at fault is reported under its path ({@code $.importPrice[3]}) and is
     * null in the list; the list's length is the caller's to check.
     */
    public static List<EurosPerKwh> prices(JsonFields day, String name) {
        List<String> texts = day.stringList(name);
        if (texts == null) {
            return null;
        }
        List<EurosPerKwh> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String at = day.at(name) + "[" + i + "]";
            String text = texts.get(i);
            if (text == null) {
                out.add(null);
                continue;
            }
            try {
                EurosPerKwh p = EurosPerKwh.parse(text);
                if (p.isNegative()) {
                    day.problems().report(at, "must not be negative");
                }
                out.add(p);
            } catch (ValidationException e) {
                e.prefixed(at).violations().forEach(v -> day.problems().report(v.path(), v.reason()));
                out.add(null);
            }
        }
        return out;
    }
}
