package io.flexledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.Pricing;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityStatementLine;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the community market's records as marketplace-api answers them ({@code /api/community/...}: the
 * ledger's private records of memberships, orders, days and statements, and the public prices of a
 * cleared day) with the ledger contract's codec ({@link CommunityRecords}, {@link SettlementRecords} for a
 * statement's presented readings), strictly: a field the codec does not write, a field of the wrong type
 * or form, or a value the codec refuses (a negative kW or kWh where none can be) is refused as an {@link
 * IllegalArgumentException} whose message names the field by its JSON path.
 */
public final class CommunityJson {
    private static final JsonReader.Limits ANSWER = new JsonReader.Limits(8 * 1024 * 1024, 16, 1000);

    /** The fields of a membership's private record. */
    public static final Set<String> MEMBERSHIP_FIELDS = CommunityRecords.MEMBERSHIP_STORED;
    /** The fields of a member's statement as the ledger holds it. */
    public static final Set<String> STATEMENT_FIELDS = CommunityRecords.STATEMENT_STORED;
    /** The fields of one line of a statement. */
    public static final Set<String> LINE_FIELDS = CommunityRecords.STATEMENT_LINE_STORED;
    /** The fields of a statement's totals. */
    public static final Set<String> TOTAL_FIELDS = CommunityRecords.STATEMENT_TOTALS_STORED;
    /** The fields of a cleared day's public prices. */
    public static final Set<String> PRICES_FIELDS = CommunityRecords.PRICES_STORED;

    private CommunityJson() {}

    /** A member's order with the community it was posted in. */
    public record PlacedOrder(Order order, String community) {}

    /**
     * A member's statement as the ledger holds it: what it settled ({@code statement}, lines and totals as
     * stored), the readings presented with their proofs, and what they were checked against.
     */
    public record Statement(
            CommunityStatement statement,
            String member,
            List<ProvenReading> readings,
            String anchorRoot,
            String clearingSha256,
            String recordedAt,
            String txId) {}

    /** One slot of a cleared day's public prices: the kW bought and the volume-weighted price. */
    public record SlotPrice(int slot, Kilowatts kw, EurosPerKwh price) {}

    /** A cleared day's public prices. */
    public record Prices(String community, LocalDate day, Pricing pricing, int trades, List<SlotPrice> slots) {}

    /** The memberships of {@code GET /api/community/me} ({@code {"member": ..., "memberships": [...]}}). */
    public static List<Membership> memberships(JsonNode me) {
        return read(me, "the caller's memberships", in -> {
            in.onlyFields(Set.of("member", "memberships"));
            in.string("member");
            List<Membership> out = new ArrayList<>();
            for (JsonFields m : objects(in, "memberships")) {
                m.onlyFields(MEMBERSHIP_FIELDS);
                out.add(CommunityRecords.storedMembership(m));
            }
            return List.copyOf(out);
        });
    }

    /** The orders of {@code GET /api/community/orders?day=} ({@code {"records": [...]}}). */
    public static List<PlacedOrder> orders(JsonNode page) {
        return read(page, "a page of community orders", in -> {
            in.onlyFields(Set.of("records"));
            List<PlacedOrder> out = new ArrayList<>();
            for (JsonFields o : objects(in, "records")) {
                String community = o.string("community");
                o.string("proposerMsp");
                out.add(new PlacedOrder(CommunityRecords.storedOrder(o), community));
            }
            return List.copyOf(out);
        });
    }

    /** A community's market day ({@code GET /api/community/days/{community}/{day}}). */
    public static Day day(JsonNode record) {
        return read(record, "a community day", in -> {
            in.onlyFields(CommunityRecords.DAY_STORED);
            return CommunityRecords.day(in);
        });
    }

    /** A cleared day's public prices ({@code GET /api/community/prices/{community}/{day}}). */
    public static Prices prices(JsonNode record) {
        return read(record, "a community day's prices", in -> {
            in.onlyFields(PRICES_FIELDS);
            String community = in.string("community");
            LocalDate day = in.day("day");
            Pricing pricing = in.enumValue("pricing", Pricing.class);
            Integer trades = in.integer("trades");
            if (trades != null && trades < 0) {
                in.problems().report(in.at("trades"), "must be >= 0");
            }
            List<SlotPrice> slots = new ArrayList<>();
            for (JsonFields s : objects(in, "slots")) {
                s.onlyFields(Set.of("slot", "kw", "price"));
                Integer slot = s.integer("slot");
                Kilowatts kw = s.kw("kw");
                EurosPerKwh price = s.unit("price", EurosPerKwh::new);
                if (kw.isNegative()) {
                    s.problems().report(s.at("kw"), "must be >= 0");
                }
                if (price.isNegative()) {
                    s.problems().report(s.at("price"), "must be >= 0");
                }
                slots.add(new SlotPrice(slot, kw, price));
            }
            return new Prices(community, day, pricing, trades, List.copyOf(slots));
        });
    }

    /** The fields of a stored clearing (a member is answered with their own trades only). */
    public static final Set<String> CLEARING_FIELDS = CommunityRecords.CLEARING_STORED;
    /** The fields of one trade of a stored clearing. */
    public static final Set<String> TRADE_FIELDS = CommunityRecords.CLEARED_TRADE_STORED;

    /**
     * The trades of {@code GET /api/community/clearing/{community}/{day}}, each read by the codec ({@link
     * CommunityRecords#trade}): its order, slot, side, kW and price.
     */
    public static List<CommunityTrade> trades(JsonNode clearing) {
        return read(clearing, "a community clearing", in -> {
            in.onlyFields(CLEARING_FIELDS);
            List<CommunityTrade> out = new ArrayList<>();
            for (JsonFields t : objects(in, "trades")) {
                t.onlyFields(TRADE_FIELDS);
                CommunityTrade trade = CommunityRecords.trade(t);
                if (trade.kw().value().signum() <= 0) {
                    t.problems().report(t.at("kw"), "must be above 0");
                }
                if (trade.price().signum() < 0) {
                    t.problems().report(t.at("price"), "must be >= 0");
                }
                out.add(trade);
            }
            return List.copyOf(out);
        });
    }

    /**
     * The one statement of {@code GET /api/community/statements/{community}/{day}?homeId=}
     * ({@code {"records": [statement]}}); null when the answer holds none.
     */
    public static Statement statementOf(JsonNode page) {
        return read(page, "a community statement", in -> {
            in.onlyFields(Set.of("records"));
            List<JsonFields> records = objects(in, "records");
            if (records.size() > 1) {
                in.problems().report(in.at("records"), "must hold one statement, not " + records.size());
            }
            return records.isEmpty() ? null : statement(records.get(0));
        });
    }

    /** A member's statement as the ledger holds it. */
    public static Statement statement(JsonNode record) {
        return read(record, "a community statement", CommunityJson::statement);
    }

    private static Statement statement(JsonFields in) {
        in.onlyFields(STATEMENT_FIELDS);
        String community = in.string("community");
        LocalDate day = in.day("day");
        String homeId = in.string("homeId");
        String member = in.string("member");
        List<CommunityStatementLine> lines = new ArrayList<>();
        for (JsonFields l : objects(in, "lines")) {
            l.onlyFields(LINE_FIELDS);
            lines.add(new CommunityStatementLine(
                    l.integer("slot"),
                    notNegative(l, "boughtKwh"),
                    notNegative(l, "soldKwh"),
                    l.kwh("meteredKwh"),
                    notNegative(l, "deliveredKwh"),
                    notNegative(l, "takenKwh"),
                    notNegative(l, "shortfallKwh"),
                    notNegative(l, "unusedKwh"),
                    l.eur("paidEur"),
                    l.eur("receivedEur")));
        }
        JsonFields t = in.object("totals");
        t.onlyFields(TOTAL_FIELDS);
        CommunityStatement settled = new CommunityStatement(
                community,
                homeId,
                day,
                lines,
                notNegative(t, "boughtKwh"),
                notNegative(t, "soldKwh"),
                notNegative(t, "deliveredKwh"),
                notNegative(t, "takenKwh"),
                notNegative(t, "shortfallKwh"),
                notNegative(t, "unusedKwh"),
                t.eur("paidEur"),
                t.eur("receivedEur"),
                t.eur("netEur"));
        List<ProvenReading> readings = new ArrayList<>();
        for (JsonFields r : objects(in, "readings")) {
            r.onlyFields(SettlementRecords.READING_FIELDS);
            readings.add(SettlementRecords.proven(r));
        }
        return new Statement(
                settled,
                member,
                List.copyOf(readings),
                in.string("anchorRoot"),
                in.string("clearingSha256"),
                in.string("recordedAt"),
                in.string("txId"));
    }

    /** An energy that cannot be negative. */
    private static io.flexledger.domain.units.KilowattHours notNegative(JsonFields in, String name) {
        io.flexledger.domain.units.KilowattHours v = in.kwh(name);
        if (v.isNegative()) {
            in.problems().report(in.at(name), "must be >= 0");
        }
        return v;
    }

    /** A required array of objects, an item that is not one refused. */
    private static List<JsonFields> objects(JsonFields in, String name) {
        List<JsonFields> items = in.objects(name);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new InputRefusal(ErrorCode.INVALID_FIELD, in.at(name) + "[" + i + "]", "must be an object");
            }
        }
        return items;
    }

    private static <T> T read(JsonNode json, String what, Function<JsonFields, T> read) {
        try {
            if (json == null || !json.isObject()) {
                throw new InputRefusal(ErrorCode.MALFORMED_INPUT, "$", "must be a JSON object");
            }
            return read.apply(JsonFields.parse(json.toString(), ANSWER, JsonFields.throwing()));
        } catch (InputRefusal | ValidationException e) {
            throw new IllegalArgumentException("not " + what + ": " + e.getMessage(), e);
        }
    }
}
