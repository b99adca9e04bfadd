package io.flexledger.contract.codec;

import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityStatementLine;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one codec of the community market's records (decision 0021): a community's day (its gate closure,
 * pricing and grid prices), memberships (private and public), members' orders (private and public), a
 * member's statement (its lines and totals, the private record and its public record) and the trades of a
 * home in a day's stored clearing. Domain records in, the map {@link CanonicalJson} writes out; JSON read
 * by {@link JsonFields} back to domain records. The chaincode writes statements with it, the auditor
 * re-derives them with it, and every test double that stands in for the ledger writes the same shape.
 */
public final class CommunityRecords {
    private CommunityRecords() {}

    /** How the day's trades are priced (decision 0008). */
    public enum Pricing {
        PAY_AS_CLEAR,
        PAY_AS_BID
    }

    /** A member order's side. */
    public enum Side {
        BUY,
        SELL
    }

    /** A membership's state: proposed (the member's consent), then approved by the operator. */
    public enum MembershipState {
        PROPOSED,
        ACTIVE
    }

    /** The largest member name (the user name its organisation authenticated). */
    public static final int MEMBER_MAX = 200;

    /** Fields of an opened day as stored. */
    public static final Set<String> DAY_STORED =
            Set.of("community", "day", "gateClosure", "pricing", "importPrice", "exportPrice", "openedAt", "txId");

    /** The fields of a stored private order. */
    public static final Set<String> ORDER_STORED = Set.of(
            "id",
            "homeId",
            "member",
            "day",
            "slot",
            "side",
            "flexible",
            "kw",
            "price",
            "community",
            "proposerMsp",
            "salt",
            "postedAt",
            "txId");

    // ---- days

    /** A community's market day: its gate closure and the outside (grid) prices of every slot. */
    public record Day(
            String community,
            MarketPeriod period,
            Instant gateClosure,
            Pricing pricing,
            List<EurosPerKwh> importPrice,
            List<EurosPerKwh> exportPrice) {
        /** A bid's effective price: capped at the slot's import price. */
        public BigDecimal effectiveBid(int slot, EurosPerKwh bid) {
            return bid.value().min(importPrice.get(slot).value());
        }

        /** An ask's effective price: raised to the slot's export price. */
        public BigDecimal effectiveAsk(int slot, EurosPerKwh ask) {
            return ask.value().max(exportPrice.get(slot).value());
        }
    }

    /**
     * Reads a day input or a stored day, then {@link JsonFields#done()}; checks the price lists' form (one
     * per slot, 0 <= export <= import).
     */
    public static Day day(JsonFields in) {
        String community = in.string("community");
        LocalDate day = in.day("day");
        Instant gateClosure = gateClosure(in);
        Pricing pricing = in.enumValue("pricing", Pricing.class);
        List<EurosPerKwh> importPrice = prices(in, "importPrice");
        List<EurosPerKwh> exportPrice = prices(in, "exportPrice");
        MarketPeriod period = day == null ? null : MarketRecords.RULES.period(day);
        if (community != null) {
            check(in, v -> v.id(community, in.at("community")));
        }
        if (period != null && importPrice != null && exportPrice != null) {
            int slots = period.slotCount();
            check(
                    in,
                    v -> v.check(
                            importPrice.size() == slots,
                            in.at("importPrice"),
                            "must hold one price per slot (" + slots + ")"));
            check(
                    in,
                    v -> v.check(
                            exportPrice.size() == slots,
                            in.at("exportPrice"),
                            "must hold one price per slot (" + slots + ")"));
            for (int i = 0; i < Math.min(importPrice.size(), exportPrice.size()); i++) {
                EurosPerKwh imp = importPrice.get(i);
                EurosPerKwh exp = exportPrice.get(i);
                if (imp != null && exp != null) {
                    String at = in.at("exportPrice") + "[" + i + "]";
                    check(in, v -> v.check(exp.compareTo(imp) <= 0, at, "must not exceed the import price " + imp));
                }
            }
        }
        in.done();
        return new Day(community, period, gateClosure, pricing, importPrice, exportPrice);
    }

    /** A day as its public record. */
    public static Map<String, Object> day(Day d, Instant openedAt, String txId) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", d.community());
        m.put("day", d.period().day().toString());
        m.put("gateClosure", MarketRecords.instant(d.gateClosure()));
        m.put("pricing", d.pricing().name());
        m.put("importPrice", d.importPrice().stream().map(EurosPerKwh::toString).toList());
        m.put("exportPrice", d.exportPrice().stream().map(EurosPerKwh::toString).toList());
        m.put("openedAt", MarketRecords.instant(openedAt));
        m.put("txId", txId);
        return m;
    }

    /** A day as the ledger keeps it: the day, when it was opened and by which transaction. */
    public record StoredDay(Day day, Instant openedAt, String txId) {}

    /** Reads a stored day: no field outside {@link #DAY_STORED}, then {@link JsonFields#done()}. */
    public static StoredDay storedDay(JsonFields in) {
        in.onlyFields(DAY_STORED);
        Instant openedAt = in.instant("openedAt");
        String txId = in.string("txId");
        Day d = day(in);
        return new StoredDay(d, openedAt, txId);
    }

    /** A stored day as its public record. */
    public static Map<String, Object> day(StoredDay s) {
        return day(s.day(), s.openedAt(), s.txId());
    }

    /** A day as its input ({@code OpenCommunityDay}): what {@link #day(JsonFields)} reads back. */
    public static Map<String, Object> dayInput(Day d) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", d.community());
        m.put("day", d.period().day().toString());
        m.put("gateClosure", MarketRecords.instant(d.gateClosure()));
        m.put("pricing", d.pricing().name());
        m.put("importPrice", d.importPrice().stream().map(EurosPerKwh::toString).toList());
        m.put("exportPrice", d.exportPrice().stream().map(EurosPerKwh::toString).toList());
        return m;
    }

    // ---- memberships

    /** A membership input: the member and the home. */
    public record MembershipInput(String member, String homeId) {}

    /** Reads a membership input, then {@link JsonFields#done()}. */
    public static MembershipInput membership(JsonFields in) {
        String member = in.string("member");
        String homeId = in.string("homeId");
        if (member != null) {
            check(in, v -> v.text(member, in.at("member"), MEMBER_MAX));
        }
        if (homeId != null) {
            check(in, v -> v.id(homeId, in.at("homeId")));
        }
        in.done();
        return new MembershipInput(member, homeId);
    }

    /** A membership as its input ({@code ProposeMembership}): what {@link #membership(JsonFields)} reads back. */
    public static Map<String, Object> membershipInput(MembershipInput ms) {
        Map<String, Object> m = MarketRecords.record();
        m.put("member", ms.member());
        m.put("homeId", ms.homeId());
        return m;
    }

    /** A membership as stored privately. */
    public record Membership(
            String member, String homeId, String community, String proposerMsp, MembershipState state, String salt) {
        /** The same membership in {@code next}. */
        public Membership withState(MembershipState next) {
            return new Membership(member, homeId, community, proposerMsp, next, salt);
        }
    }

    /** A membership's private record. */
    public static Map<String, Object> membership(Membership ms) {
        Map<String, Object> m = MarketRecords.record();
        m.put("member", ms.member());
        m.put("homeId", ms.homeId());
        m.put("community", ms.community());
        m.put("proposerMsp", ms.proposerMsp());
        m.put("state", ms.state().name());
        if (ms.salt() != null) {
            m.put("salt", ms.salt());
        }
        return m;
    }

    /** Reads a stored private membership, then {@link JsonFields#done()}. */
    public static Membership storedMembership(JsonFields in) {
        String member = in.string("member");
        String homeId = in.string("homeId");
        String community = in.string("community");
        String proposer = in.string("proposerMsp");
        MembershipState state = in.enumValue("state", MembershipState.class);
        String salt = in.optionalString("salt");
        in.done();
        return new Membership(member, homeId, community, proposer, state, salt);
    }

    /** The fields of a stored private membership. */
    public static final Set<String> MEMBERSHIP_STORED =
            Set.of("member", "homeId", "community", "proposerMsp", "state", "salt");

    /**
     * Reads a stored private membership with nothing besides: no field outside {@link #MEMBERSHIP_STORED},
     * then {@link JsonFields#done()}.
     */
    public static Membership privateMembership(JsonFields in) {
        return storedMembership(in.onlyFields(MEMBERSHIP_STORED));
    }

    /** A membership's public record: no member name, the SHA-256 of the private record's canonical text. */
    public static Map<String, Object> publicMembership(Membership ms, String sha256, Instant at, String txId) {
        Map<String, Object> m = MarketRecords.record();
        m.put("homeId", ms.homeId());
        m.put("community", ms.community());
        m.put("state", ms.state().name());
        m.put("sha256", sha256);
        m.put("updatedAt", MarketRecords.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- orders

    /** A member's order. */
    public record Order(
            String id,
            String homeId,
            String member,
            LocalDate day,
            int slot,
            Side side,
            boolean flexible,
            Kilowatts kw,
            EurosPerKwh price) {}

    /**
     * Reads an order input (or the order fields of a stored order); the caller ends with
     * {@link JsonFields#done()} once it has checked what else it reads.
     */
    public static Order order(JsonFields in) {
        String id = in.string("id");
        String homeId = in.string("homeId");
        String member = in.string("member");
        LocalDate day = in.day("day");
        Integer slot = in.integer("slot");
        Side side = in.enumValue("side", Side.class);
        Boolean flexible = in.bool("flexible");
        Kilowatts kw = in.unit("kw", Kilowatts::new);
        EurosPerKwh price = in.unit("price", EurosPerKwh::new);
        if (id != null) {
            check(in, v -> v.id(id, in.at("id")));
        }
        if (homeId != null) {
            check(in, v -> v.id(homeId, in.at("homeId")));
        }
        if (member != null) {
            check(in, v -> v.text(member, in.at("member"), MEMBER_MAX));
        }
        if (kw != null) {
            check(in, v -> v.check(kw.value().signum() > 0, in.at("kw"), "must be above 0"));
        }
        if (price != null) {
            check(in, v -> v.check(!price.isNegative(), in.at("price"), "must not be negative"));
        }
        if (day != null && slot != null) {
            MarketPeriod period = MarketRecords.RULES.period(day);
            check(
                    in,
                    v -> v.check(
                            period.hasSlot(slot),
                            in.at("slot"),
                            "must be a slot of " + day + " (0.." + (period.slotCount() - 1) + ")"));
        }
        return new Order(
                id, homeId, member, day, slot == null ? -1 : slot, side, flexible != null && flexible, kw, price);
    }

    /** An order as its input ({@code PostCommunityOrder}): what {@link #order(JsonFields)} reads back. */
    public static Map<String, Object> orderInput(Order o) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", o.id());
        m.put("homeId", o.homeId());
        m.put("member", o.member());
        m.put("day", o.day().toString());
        m.put("slot", o.slot());
        m.put("side", o.side().name());
        m.put("flexible", o.flexible());
        m.put("kw", o.kw().toString());
        m.put("price", o.price().toString());
        return m;
    }

    /** An order's private record. */
    public static Map<String, Object> order(
            Order o, String community, String proposerMsp, String salt, Instant at, String txId) {
        Map<String, Object> m = MarketRecords.record();
        m.put("id", o.id());
        m.put("homeId", o.homeId());
        m.put("member", o.member());
        m.put("day", o.day().toString());
        m.put("slot", o.slot());
        m.put("side", o.side().name());
        m.put("flexible", o.flexible());
        m.put("kw", o.kw().toString());
        m.put("price", o.price().toString());
        m.put("community", community);
        m.put("proposerMsp", proposerMsp);
        if (salt != null) {
            m.put("salt", salt);
        }
        m.put("postedAt", MarketRecords.instant(at));
        m.put("txId", txId);
        return m;
    }

    /**
     * An order as the ledger keeps it privately: the order, its community, the organisation that posted it,
     * the salt of its public hash (if any), when and by which transaction.
     */
    public record PostedOrder(
            Order order, String community, String proposerMsp, String salt, Instant postedAt, String txId) {}

    /**
     * Reads a stored private order with everything it holds: no field outside {@link #ORDER_STORED}, then
     * {@link JsonFields#done()}.
     */
    public static PostedOrder postedOrder(JsonFields in) {
        in.onlyFields(ORDER_STORED);
        Order o = order(in);
        String community = in.string("community");
        String proposer = in.string("proposerMsp");
        String salt = in.optionalString("salt");
        Instant postedAt = in.instant("postedAt");
        String txId = in.string("txId");
        in.done();
        return new PostedOrder(o, community, proposer, salt, postedAt, txId);
    }

    /** A posted order's private record. */
    public static Map<String, Object> order(PostedOrder p) {
        return order(p.order(), p.community(), p.proposerMsp(), p.salt(), p.postedAt(), p.txId());
    }

    /** Reads a stored private order: no field outside {@link #ORDER_STORED}, then {@link JsonFields#done()}. */
    public static Order storedOrder(JsonFields in) {
        Order o = order(in.onlyFields(ORDER_STORED));
        in.done();
        return o;
    }

    /** An order's public record: its id, day and the SHA-256 of its private record. */
    public static Map<String, Object> publicOrder(String community, Order o, String sha256, Instant at, String txId) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", community);
        m.put("id", o.id());
        m.put("day", o.day().toString());
        m.put("sha256", sha256);
        m.put("postedAt", MarketRecords.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- statements

    /**
     * A member's settlement input ({@code SettleCommunityMember}): the operator's community, the day, the
     * home and its readings of the traded slots, each signed with its Merkle proof.
     */
    public record SettlementInput(
            String community, LocalDate day, String homeId, List<SettlementRecords.ProvenReading> readings) {
        public SettlementInput {
            readings = List.copyOf(readings);
        }
    }

    /** A settlement as its input, each reading in the form it is presented (the signed reading and its proof). */
    public static Map<String, Object> settlementInput(SettlementInput s) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", s.community());
        m.put("day", s.day().toString());
        m.put("homeId", s.homeId());
        m.put(
                "readings",
                s.readings().stream()
                        .map(r -> SettlementRecords.proven(r.signed(), r.proof()))
                        .toList());
        return m;
    }

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

    /** The fields of a member's stored private statement. */
    public static final Set<String> STATEMENT_STORED = Set.of(
            "community",
            "day",
            "homeId",
            "member",
            "lines",
            "totals",
            "readings",
            "anchorRoot",
            "clearingSha256",
            "recordedAt",
            "txId");

    /** The fields of a line of a stored statement. */
    public static final Set<String> STATEMENT_LINE_STORED = Set.of(
            "slot",
            "boughtKwh",
            "soldKwh",
            "meteredKwh",
            "deliveredKwh",
            "takenKwh",
            "shortfallKwh",
            "unusedKwh",
            "paidEur",
            "receivedEur");

    /** The fields of a stored statement's totals. */
    public static final Set<String> STATEMENT_TOTALS_STORED = Set.of(
            "boughtKwh",
            "soldKwh",
            "deliveredKwh",
            "takenKwh",
            "shortfallKwh",
            "unusedKwh",
            "paidEur",
            "receivedEur",
            "netEur");

    /**
     * A member's statement as the ledger keeps it privately: what the rule settled, the member, the readings
     * as presented (each signed, with its proof), the anchor root and the clearing hash they were checked
     * against, when and by which transaction.
     */
    public record StoredStatement(
            CommunityStatement statement,
            String member,
            List<SettlementRecords.ProvenReading> readings,
            String anchorRoot,
            String clearingSha256,
            Instant recordedAt,
            String txId) {
        public StoredStatement {
            readings = List.copyOf(readings);
        }
    }

    /** A stored statement as its private record ({@link #statement(CommunityStatement, String, List, String, String, Instant, String)}). */
    public static Map<String, Object> statement(StoredStatement s) {
        return statement(
                s.statement(),
                s.member(),
                s.readings().stream()
                        .map(r -> SettlementRecords.proven(r.signed(), r.proof()))
                        .toList(),
                s.anchorRoot(),
                s.clearingSha256(),
                s.recordedAt(),
                s.txId());
    }

    /**
     * Reads a member's stored private statement with everything it holds: no field outside {@link
     * #STATEMENT_STORED}, nor in a line outside {@link #STATEMENT_LINE_STORED}, in the totals outside {@link
     * #STATEMENT_TOTALS_STORED}, in a reading outside {@link SettlementRecords#READING_FIELDS}; then {@link
     * JsonFields#done()}.
     */
    public static StoredStatement storedStatement(JsonFields in) {
        in.onlyFields(STATEMENT_STORED);
        String community = in.string("community");
        LocalDate day = in.day("day");
        String homeId = in.string("homeId");
        String member = in.string("member");
        List<CommunityStatementLine> lines = new ArrayList<>();
        List<JsonFields> rawLines = in.objects("lines");
        if (rawLines != null) {
            for (JsonFields l : rawLines) {
                lines.add(statementLine(l.onlyFields(STATEMENT_LINE_STORED)));
            }
        }
        JsonFields t = in.object("totals");
        List<SettlementRecords.ProvenReading> readings = new ArrayList<>();
        List<JsonFields> rawReadings = in.objects("readings");
        if (rawReadings != null) {
            for (JsonFields r : rawReadings) {
                readings.add(SettlementRecords.proven(r.onlyFields(SettlementRecords.READING_FIELDS)));
            }
        }
        String anchorRoot = in.string("anchorRoot");
        String clearingSha256 = in.string("clearingSha256");
        Instant recordedAt = in.instant("recordedAt");
        String txId = in.string("txId");
        CommunityStatement statement = null;
        if (t != null) {
            t.onlyFields(STATEMENT_TOTALS_STORED);
            statement = new CommunityStatement(
                    community,
                    homeId,
                    day,
                    lines,
                    t.kwh("boughtKwh"),
                    t.kwh("soldKwh"),
                    t.kwh("deliveredKwh"),
                    t.kwh("takenKwh"),
                    t.kwh("shortfallKwh"),
                    t.kwh("unusedKwh"),
                    t.eur("paidEur"),
                    t.eur("receivedEur"),
                    t.eur("netEur"));
        }
        in.done();
        return new StoredStatement(statement, member, readings, anchorRoot, clearingSha256, recordedAt, txId);
    }

    /** A line of a stored statement (its fields checked by the caller). */
    private static CommunityStatementLine statementLine(JsonFields l) {
        Integer slot = l.integer("slot");
        return new CommunityStatementLine(
                slot == null ? -1 : slot,
                l.kwh("boughtKwh"),
                l.kwh("soldKwh"),
                l.kwh("meteredKwh"),
                l.kwh("deliveredKwh"),
                l.kwh("takenKwh"),
                l.kwh("shortfallKwh"),
                l.kwh("unusedKwh"),
                l.eur("paidEur"),
                l.eur("receivedEur"));
    }

    // ---- clearings

    /** One trade of a clearing input: an order matched at {@code kw} and {@code price} (EUR/kWh). */
    public record TradeInput(String orderId, Kilowatts kw, BigDecimal price) {}

    /** A clearing input ({@code RecordCommunityClearing}): the operator's community, the day, its trades. */
    public record ClearingInput(String community, LocalDate day, List<TradeInput> trades) {
        public ClearingInput {
            trades = List.copyOf(trades);
        }
    }

    /** A clearing as its input: kW as the ledger keeps them, each price as its plain decimal text. */
    public static Map<String, Object> clearingInput(ClearingInput c) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", c.community());
        m.put("day", c.day().toString());
        m.put(
                "trades",
                c.trades().stream()
                        .map(t -> {
                            Map<String, Object> x = MarketRecords.record();
                            x.put("orderId", t.orderId());
                            x.put("kw", t.kw().toString());
                            x.put("price", t.price().toPlainString());
                            return x;
                        })
                        .toList());
        return m;
    }

    /** The fields of a day's stored private clearing. */
    public static final Set<String> CLEARING_STORED =
            Set.of("community", "day", "pricing", "trades", "salt", "recordedAt", "txId");

    /** The fields of a trade of a stored private clearing. */
    public static final Set<String> CLEARED_TRADE_STORED =
            Set.of("orderId", "homeId", "member", "slot", "side", "flexible", "kw", "price");

    /** A trade of a day's stored private clearing: the order matched, whose it is, the kW and the price. */
    public record ClearedTrade(
            String orderId,
            String homeId,
            String member,
            int slot,
            Side side,
            boolean flexible,
            Kilowatts kw,
            BigDecimal price) {}

    /**
     * A day's clearing as the ledger keeps it privately: the community, the day, its pricing, the trades in
     * the order they were recorded, the salt of its public hash (if any), when and by which transaction.
     */
    public record StoredClearing(
            String community,
            LocalDate day,
            Pricing pricing,
            List<ClearedTrade> trades,
            String salt,
            Instant recordedAt,
            String txId) {
        public StoredClearing {
            trades = List.copyOf(trades);
        }

        /** The same clearing with {@code kept} as its trades (what one member may see of it). */
        public StoredClearing withTrades(List<ClearedTrade> kept) {
            return new StoredClearing(community, day, pricing, kept, salt, recordedAt, txId);
        }
    }

    /** A trade of a private clearing; its price as the plain decimal text of the value given. */
    public static Map<String, Object> clearedTrade(ClearedTrade t) {
        Map<String, Object> m = MarketRecords.record();
        m.put("orderId", t.orderId());
        m.put("homeId", t.homeId());
        m.put("member", t.member());
        m.put("slot", t.slot());
        m.put("side", t.side().name());
        m.put("flexible", t.flexible());
        m.put("kw", t.kw().toString());
        m.put("price", t.price().toPlainString());
        return m;
    }

    /** A day's private clearing record. */
    public static Map<String, Object> clearing(StoredClearing c) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", c.community());
        m.put("day", c.day().toString());
        m.put("pricing", c.pricing().name());
        m.put("trades", c.trades().stream().map(CommunityRecords::clearedTrade).toList());
        if (c.salt() != null) {
            m.put("salt", c.salt());
        }
        m.put("recordedAt", MarketRecords.instant(c.recordedAt()));
        m.put("txId", c.txId());
        return m;
    }

    /**
     * Reads a day's stored private clearing with everything it holds: no field outside {@link
     * #CLEARING_STORED} nor, in a trade, outside {@link #CLEARED_TRADE_STORED}; then {@link JsonFields#done()}.
     */
    public static StoredClearing storedClearing(JsonFields in) {
        in.onlyFields(CLEARING_STORED);
        String community = in.string("community");
        LocalDate day = in.day("day");
        Pricing pricing = in.enumValue("pricing", Pricing.class);
        List<JsonFields> raw = in.objects("trades");
        List<ClearedTrade> trades = new ArrayList<>();
        if (raw != null) {
            for (JsonFields t : raw) {
                t.onlyFields(CLEARED_TRADE_STORED);
                String orderId = t.string("orderId");
                String homeId = t.string("homeId");
                String member = t.string("member");
                Integer slot = t.integer("slot");
                Side side = t.enumValue("side", Side.class);
                Boolean flexible = t.bool("flexible");
                Kilowatts kw = t.kw("kw");
                BigDecimal price = t.decimal("price");
                trades.add(new ClearedTrade(
                        orderId,
                        homeId,
                        member,
                        slot == null ? -1 : slot,
                        side,
                        flexible != null && flexible,
                        kw,
                        price));
            }
        }
        String salt = in.optionalString("salt");
        Instant recordedAt = in.instant("recordedAt");
        String txId = in.string("txId");
        in.done();
        return new StoredClearing(community, day, pricing, trades, salt, recordedAt, txId);
    }

    /** The fields of a day's public clearing (its prices). */
    public static final Set<String> PRICES_STORED =
            Set.of("community", "day", "pricing", "slots", "trades", "sha256", "recordedAt", "txId");

    /** The fields of a slot of a day's public clearing. */
    public static final Set<String> SLOT_PRICE_STORED = Set.of("slot", "kw", "price");

    /** A slot of a day's public clearing: the kW bought in it and the mean price of its trades. */
    public record SlotPrice(int slot, Kilowatts kw, EurosPerKwh price) {}

    /**
     * A day's public clearing: the price and bought kW per traded slot, how many trades there are, the
     * SHA-256 of the private clearing's canonical text, when and by which transaction it was recorded.
     */
    public record ClearingPrices(
            String community,
            LocalDate day,
            Pricing pricing,
            List<SlotPrice> slots,
            int trades,
            String sha256,
            Instant recordedAt,
            String txId) {
        public ClearingPrices {
            slots = List.copyOf(slots);
        }
    }

    /**
     * The public clearing of {@code c}, whose private record's canonical text hashes to {@code sha256}: per
     * traded slot, in slot order, the kW bought and the mean price of the slot's trades weighted by their kW
     * (both sides counted), to 5 decimals half-even.
     */
    public static ClearingPrices prices(StoredClearing c, String sha256) {
        java.util.TreeMap<Integer, BigDecimal[]> bySlot = new java.util.TreeMap<>();
        for (ClearedTrade t : c.trades()) {
            // [bought kW, sum of kW over both sides, sum of kW * price over both sides]
            BigDecimal[] s = bySlot.computeIfAbsent(
                    t.slot(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal kw = t.kw().value();
            if (t.side() == Side.BUY) {
                s[0] = s[0].add(kw);
            }
            s[1] = s[1].add(kw);
            s[2] = s[2].add(kw.multiply(t.price()));
        }
        List<SlotPrice> slots = new ArrayList<>();
        bySlot.forEach((slot, s) -> slots.add(new SlotPrice(
                slot,
                new Kilowatts(s[0]),
                new EurosPerKwh(s[2].divide(s[1], EurosPerKwh.SCALE, java.math.RoundingMode.HALF_EVEN)))));
        return new ClearingPrices(
                c.community(), c.day(), c.pricing(), slots, c.trades().size(), sha256, c.recordedAt(), c.txId());
    }

    /** A day's public clearing record. */
    public static Map<String, Object> prices(ClearingPrices p) {
        Map<String, Object> m = MarketRecords.record();
        m.put("community", p.community());
        m.put("day", p.day().toString());
        m.put("pricing", p.pricing().name());
        m.put(
                "slots",
                p.slots().stream()
                        .map(s -> {
                            Map<String, Object> e = MarketRecords.record();
                            e.put("slot", s.slot());
                            e.put("kw", s.kw().toString());
                            e.put("price", s.price().toString());
                            return e;
                        })
                        .toList());
        m.put("trades", p.trades());
        m.put("sha256", p.sha256());
        m.put("recordedAt", MarketRecords.instant(p.recordedAt()));
        m.put("txId", p.txId());
        return m;
    }

    /**
     * Reads a day's stored public clearing: no field outside {@link #PRICES_STORED} nor, in a slot, outside
     * {@link #SLOT_PRICE_STORED}; then {@link JsonFields#done()}.
     */
    public static ClearingPrices storedPrices(JsonFields in) {
        in.onlyFields(PRICES_STORED);
        String community = in.string("community");
        LocalDate day = in.day("day");
        Pricing pricing = in.enumValue("pricing", Pricing.class);
        List<JsonFields> raw = in.objects("slots");
        List<SlotPrice> slots = new ArrayList<>();
        if (raw != null) {
            for (JsonFields s : raw) {
                s.onlyFields(SLOT_PRICE_STORED);
                Integer slot = s.integer("slot");
                Kilowatts kw = s.kw("kw");
                EurosPerKwh price = s.unit("price", EurosPerKwh::new);
                slots.add(new SlotPrice(slot == null ? -1 : slot, kw, price));
            }
        }
        Integer trades = in.integer("trades");
        String sha256 = in.string("sha256");
        Instant recordedAt = in.instant("recordedAt");
        String txId = in.string("txId");
        in.done();
        return new ClearingPrices(
                community, day, pricing, slots, trades == null ? -1 : trades, sha256, recordedAt, txId);
    }

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

    /** The gate closure, an ISO-8601 instant. */
    private static Instant gateClosure(JsonFields in) {
        String s = in.string("gateClosure");
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            in.problems().report(in.at("gateClosure"), "must be an ISO-8601 instant such as 2026-11-26T22:00:00Z");
            return null;
        }
    }

    /** Runs the domain's checks and reports what they found to the reader's problems. */
    private static void check(JsonFields in, Consumer<Violations> checks) {
        Violations v = new Violations();
        checks.accept(v);
        v.list().forEach(found -> in.problems().report(found.path(), found.reason()));
    }
}
