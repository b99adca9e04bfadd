package io.flexledger.chaincode.codec;

import io.flexledger.chaincode.codec.SettlementJson.PresentedReading;
import io.flexledger.contract.Community;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipInput;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON of the community market's records (decision 0021): a community's day, memberships, members'
 * orders and statements are written and read by the ledger contract's codec ({@link CommunityRecords}),
 * whose field problems become this input's violations; the clearing and settlement inputs are read here.
 * Inputs are read strictly with the catalogue's field sets; stored records are read back with the same
 * readers.
 */
public final class CommunityJson {
    private CommunityJson() {}

    // ---- days, memberships, orders: the ledger contract's codec

    /** Reads a day input or a stored day; checks the price lists' form (one per slot, 0 <= export <= import). */
    public static Day day(JsonInput in) {
        return Build.read(() -> CommunityRecords.day(in.fields()));
    }

    /** A day as its public record. */
    public static Map<String, Object> day(Day d, Instant openedAt, String txId) {
        return CommunityRecords.day(d, openedAt, txId);
    }

    /** Reads a membership input. */
    public static MembershipInput membership(JsonInput in) {
        return Build.read(() -> CommunityRecords.membership(in.fields()));
    }

    /** A membership's private record. */
    public static Map<String, Object> membership(Membership ms) {
        return CommunityRecords.membership(ms);
    }

    /** Reads a stored private membership. */
    public static Membership storedMembership(JsonInput in) {
        return Build.read(() -> CommunityRecords.storedMembership(in.fields()));
    }

    /** A membership's public record: no member name, the SHA-256 of the private record's canonical text. */
    public static Map<String, Object> publicMembership(Membership ms, String sha256, Instant at, String txId) {
        return CommunityRecords.publicMembership(ms, sha256, at, txId);
    }

    /** Reads an order input (or the order fields of a stored order); the caller ends with {@code done()}. */
    public static Order order(JsonInput in) {
        return CommunityRecords.order(in.fields());
    }

    /** An order's private record. */
    public static Map<String, Object> order(
            Order o, String community, String proposerMsp, String salt, Instant at, String txId) {
        return CommunityRecords.order(o, community, proposerMsp, salt, at, txId);
    }

    /** Reads a stored private order. */
    public static Order storedOrder(String json) {
        JsonInput in = JsonInput.parse(json);
        return Build.read(() -> CommunityRecords.storedOrder(in.fields()));
    }

    /** An order's public record: its id, day and the SHA-256 of its private record. */
    public static Map<String, Object> publicOrder(String community, Order o, String sha256, Instant at, String txId) {
        return CommunityRecords.publicOrder(community, o, sha256, at, txId);
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
     * A member's private statement ({@link CommunityRecords#statement(CommunityRecords.StoredStatement)}): the lines and totals of the rule,
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
        return CommunityRecords.statement(new CommunityRecords.StoredStatement(
                s,
                member,
                readings.stream()
                        .map(p -> new SettlementRecords.ProvenReading(p.signed(), p.proof()))
                        .toList(),
                anchorRootHex,
                clearingSha256,
                at,
                txId));
    }
}
