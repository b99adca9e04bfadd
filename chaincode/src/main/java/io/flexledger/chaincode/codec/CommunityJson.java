package io.flexledger.chaincode.codec;

import io.flexledger.chaincode.codec.SettlementJson.PresentedReading;
import io.flexledger.contract.Community;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON of the community market's records (decision 0021): a community's day, memberships, members'
 * orders and the day's clearing. Inputs are read strictly with the catalogue's field sets; stored records
 * are read back with the same readers.
 */
public final class CommunityJson {
    private CommunityJson() {}

    /** How the day's trades are priced (decision 0008). */
    public enum Pricing {
        PAY_AS_CLEAR,
        PAY_AS_BID
    }

    /** An order's side. */
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

    /** Reads a day input or a stored day; checks the price lists' form (one per slot, 0 <= export <= import). */
    public static Day day(JsonInput in) {
        String community = in.string("community");
        LocalDate day = in.day("day");
        Instant gateClosure = instant(in, "gateClosure");
        Pricing pricing = in.enumValue("pricing", Pricing.class);
        List<EurosPerKwh> importPrice = prices(in, "importPrice");
        List<EurosPerKwh> exportPrice = prices(in, "exportPrice");
        MarketPeriod period = day == null ? null : MarketJson.RULES.period(day);
        if (community != null) {
            in.violations().id(community, in.at("community"));
        }
        if (period != null && importPrice != null && exportPrice != null) {
            int slots = period.slotCount();
            in.violations()
                    .check(
                            importPrice.size() == slots,
                            in.at("importPrice"),
                            "must hold one price per slot (" + slots + ")");
            in.violations()
                    .check(
                            exportPrice.size() == slots,
                            in.at("exportPrice"),
                            "must hold one price per slot (" + slots + ")");
            for (int i = 0; i < Math.min(importPrice.size(), exportPrice.size()); i++) {
                EurosPerKwh imp = importPrice.get(i);
                EurosPerKwh exp = exportPrice.get(i);
                if (imp != null && exp != null) {
                    in.violations()
                            .check(
                                    exp.compareTo(imp) <= 0,
                                    in.at("exportPrice") + "[" + i + "]",
                                    "must not exceed the import price " + imp);
                }
            }
        }
        in.done();
        return new Day(community, period, gateClosure, pricing, importPrice, exportPrice);
    }

    /** A day as its public record. */
    public static Map<String, Object> day(Day d, Instant openedAt, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("community", d.community());
        m.put("day", d.period().day().toString());
        m.put("gateClosure", Fields.instant(d.gateClosure()));
        m.put("pricing", d.pricing().name());
        m.put("importPrice", d.importPrice().stream().map(EurosPerKwh::toString).toList());
        m.put("exportPrice", d.exportPrice().stream().map(EurosPerKwh::toString).toList());
        m.put("openedAt", Fields.instant(openedAt));
        m.put("txId", txId);
        return m;
    }

    // ---- memberships

    /** A membership input: the member and the home. */
    public record MembershipInput(String member, String homeId) {}

    /** Reads a membership input. */
    public static MembershipInput membership(JsonInput in) {
        String member = in.string("member");
        String homeId = in.string("homeId");
        if (member != null) {
            in.violations().text(member, in.at("member"), MEMBER_MAX);
        }
        if (homeId != null) {
            in.violations().id(homeId, in.at("homeId"));
        }
        in.done();
        return new MembershipInput(member, homeId);
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
        Map<String, Object> m = Fields.record();
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

    /** Reads a stored private membership. */
    public static Membership storedMembership(JsonInput in) {
        String member = in.string("member");
        String homeId = in.string("homeId");
        String community = in.string("community");
        String proposer = in.string("proposerMsp");
        MembershipState state = in.enumValue("state", MembershipState.class);
        String salt = in.optionalString("salt");
        in.done();
        return new Membership(member, homeId, community, proposer, state, salt);
    }

    /** A membership's public record: no member name, the SHA-256 of the private record's canonical text. */
    public static Map<String, Object> publicMembership(Membership ms, String sha256, Instant at, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("homeId", ms.homeId());
        m.put("community", ms.community());
        m.put("state", ms.state().name());
        m.put("sha256", sha256);
        m.put("updatedAt", Fields.instant(at));
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

    /** Reads an order input (or the order fields of a stored order). */
    public static Order order(JsonInput in) {
        String id = in.string("id");
        String homeId = in.string("homeId");
        String member = in.string("member");
        LocalDate day = in.day("day");
        Integer slot = in.integer("slot");
        Side side = in.enumValue("side", Side.class);
        Boolean flexible = in.fields().bool("flexible");
        Kilowatts kw = in.unit("kw", Kilowatts::new);
        EurosPerKwh price = in.unit("price", EurosPerKwh::new);
        if (id != null) {
            in.violations().id(id, in.at("id"));
        }
        if (homeId != null) {
            in.violations().id(homeId, in.at("homeId"));
        }
        if (member != null) {
            in.violations().text(member, in.at("member"), MEMBER_MAX);
        }
        if (kw != null) {
            in.violations().check(kw.value().signum() > 0, in.at("kw"), "must be above 0");
        }
        if (price != null) {
            in.violations().check(!price.isNegative(), in.at("price"), "must not be negative");
        }
        if (day != null && slot != null) {
            in.violations()
                    .check(
                            MarketJson.RULES.period(day).hasSlot(slot),
                            in.at("slot"),
                            "must be a slot of " + day + " (0.."
                                    + (MarketJson.RULES.period(day).slotCount() - 1) + ")");
        }
        return new Order(
                id, homeId, member, day, slot == null ? -1 : slot, side, flexible != null && flexible, kw, price);
    }

    /** An order's private record. */
    public static Map<String, Object> order(
            Order o, String community, String proposerMsp, String salt, Instant at, String txId) {
        Map<String, Object> m = Fields.record();
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
        m.put("postedAt", Fields.instant(at));
        m.put("txId", txId);
        return m;
    }

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

    /** Reads a stored private order. */
    public static Order storedOrder(String json) {
        JsonInput in = JsonInput.parse(json);
        Order o = order(in.onlyFields(ORDER_STORED));
        in.done();
        return o;
    }

    /** An order's public record: its id, day and the SHA-256 of its private record. */
    public static Map<String, Object> publicOrder(String community, Order o, String sha256, Instant at, String txId) {
        Map<String, Object> m = Fields.record();
        m.put("community", community);
        m.put("id", o.id());
        m.put("day", o.day().toString());
        m.put("sha256", sha256);
        m.put("postedAt", Fields.instant(at));
        m.put("txId", txId);
        return m;
    }

    // ---- clearings

    /** One trade of a clearing input: an order matched at {@code kw} and {@code price} (EUR/kWh). */
    public record Trade(String orderId, Kilowatts kw, BigDecimal price, String path) {}

    /** A clearing input. */
    public record Clearing(String community, LocalDate day, List<Trade> trades) {}

    /** Reads a clearing input; every trade's path is its JSON path ({@code $.trades[2]}). */
    public static Clearing clearing(JsonInput in) {
        String community = in.string("community");
        LocalDate day = in.day("day");
        List<JsonInput> raw = in.objects("trades");
        List<Trade> trades = new ArrayList<>();
        if (raw != null) {
            for (JsonInput t : raw) {
                t.onlyFields(Community.TRADE_FIELDS);
                String orderId = t.string("orderId");
                Kilowatts kw = t.unit("kw", Kilowatts::new);
                BigDecimal price = t.decimal("price");
                trades.add(new Trade(orderId, kw, price, t.path()));
            }
        }
        if (community != null) {
            in.violations().id(community, in.at("community"));
        }
        in.done();
        return new Clearing(community, day, trades);
    }

    /** The trades of {@code homeId} in a stored private clearing, in the clearing's order. */
    public static List<CommunityTrade> storedTrades(String clearingJson, String homeId) {
        return Build.read(
                () -> CommunityRecords.trades(JsonInput.parse(clearingJson).fields(), homeId));
    }

    // ---- statements

    /** A member's settlement input: the home's readings of its traded slots. */
    public record SettlementInput(String community, LocalDate day, String homeId, List<PresentedReading> readings) {}

    /** Reads a settlement input; amounts and energies are not input (the rule computes them). */
    public static SettlementInput settlement(JsonInput in) {
        String community = in.string("community");
        LocalDate day = in.day("day");
        String homeId = in.string("homeId");
        List<PresentedReading> readings = SettlementJson.readings(in);
        if (community != null) {
            in.violations().id(community, in.at("community"));
        }
        if (homeId != null) {
            in.violations().id(homeId, in.at("homeId"));
        }
        in.done();
        return new SettlementInput(community, day, homeId, readings);
    }

    /**
     * A member's private statement ({@link CommunityRecords#statement}): the lines and totals of the rule,
     * the member, the readings as presented (signed, with their proofs) and the anchor and clearing they
     * were checked against.
     */
    public static Map<String, Object> statement(
            CommunityStatement s,
            String member,
            List<PresentedReading> readings,
            String anchorRootHex,
            String clearingSha256,
            Instant at,
            String txId) {
        return CommunityRecords.statement(
                s,
                member,
                readings.stream().map(SettlementJson::presented).toList(),
                anchorRootHex,
                clearingSha256,
                at,
                txId);
    }

    private static List<EurosPerKwh> prices(JsonInput in, String name) {
        return CommunityRecords.prices(in.fields(), name);
    }

    private static Instant instant(JsonInput in, String name) {
        String s = in.string(name);
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            in.violations().check(false, in.at(name), "must be an ISO-8601 instant such as 2026-11-26T22:00:00Z");
            return null;
        }
    }
}
