package io.flexledger.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.CommunityClient;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
import io.flexledger.ui.upstream.Reply;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The community market (UC2) section of a member's page: per community the member is an ACTIVE member
 * of, their orders of the day, their trades and the community's public clearing price per slot. The
 * kW and prices are shown as the ledger holds them; a trade's EUR is its kW × 0.25 h × its price,
 * exact (no rounding).
 */
final class CommunityView {
    private static final BigDecimal SLOT_HOURS = new BigDecimal("0.25");

    private CommunityView() {}

    /** The sections, why there is none ({@code note}), and their charts. */
    record Result(List<Section> sections, String note, List<Chart> charts) {}

    /**
     * One community's day for the member.
     *
     * @param community the community (its operator's MSP id)
     * @param chartId the id of the section's charts, after {@code community-price-} and {@code community-kw-}
     * @param note what the ledger holds of the day (open, cleared, absent)
     * @param cleared whether the ledger holds the day's clearing
     * @param orders the member's orders of the day
     * @param trades the member's trades of the day
     * @param paidEur the member's buys, EUR
     * @param receivedEur the member's sells, EUR
     * @param statements the settlement of each of the member's homes in the community, once the day is cleared
     */
    @TemplateData
    public record Section(
            String community,
            String chartId,
            String note,
            boolean cleared,
            List<OrderRow> orders,
            List<TradeRow> trades,
            String paidEur,
            String receivedEur,
            List<StatementView.Statement> statements) {}

    /** A member's order: kW and limit price as on the ledger. */
    @TemplateData
    public record OrderRow(String id, String homeId, String slot, String side, String kind, String kw, String price) {}

    /** A member's trade: kW and price as on the ledger; EUR paid (BUY) or received (SELL). */
    @TemplateData
    public record TradeRow(
            String orderId, String homeId, String slot, String side, String kw, String price, String eur) {}

    static Result build(Calls calls, LocalDate day, List<JsonNode> active, boolean membershipsRead) {
        if (active.isEmpty()) {
            return new Result(
                    List.of(),
                    membershipsRead
                            ? "You are not the ACTIVE member of a home in a community on the ledger, so you have"
                                    + " no community market."
                            : "The community market is not shown: your memberships could not be read (see above).",
                    List.of());
        }
        String d = day.toString();
        String user = calls.viewer().user();
        Set<String> homes = new LinkedHashSet<>();
        Set<String> communities = new LinkedHashSet<>();
        for (JsonNode m : active) {
            homes.add(Fmt.text(m, "homeId"));
            communities.add(Fmt.text(m, "community"));
        }
        // The instance answers a member with their own orders only; the page keeps to that as well.
        List<JsonNode> mine = calls.communityOrders(d).orElse(List.of()).stream()
                .filter(o -> user.equals(Fmt.text(o, "member"))
                        && homes.contains(Fmt.text(o, "homeId"))
                        && d.equals(Fmt.text(o, "day")))
                .sorted(Comparator.comparingInt((JsonNode o) -> o.path("slot").asInt())
                        .thenComparing(o -> Fmt.text(o, "id")))
                .toList();
        List<String> labels = Slots.labels(day);
        List<Section> sections = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (String community : communities) {
            Map<String, JsonNode> orderById = new LinkedHashMap<>();
            mine.stream()
                    .filter(o -> community.equals(Fmt.text(o, "community")))
                    .forEach(o -> orderById.put(Fmt.text(o, "id"), o));
            List<OrderRow> orderRows = new ArrayList<>();
            for (JsonNode o : orderById.values()) {
                orderRows.add(new OrderRow(
                        Fmt.text(o, "id"),
                        Fmt.text(o, "homeId"),
                        slot(labels, o.path("slot").asInt()),
                        Fmt.text(o, "side"),
                        o.path("flexible").asBoolean() ? "flexible" : "firm",
                        Fmt.text(o, "kw"),
                        Fmt.text(o, "price")));
            }
            int failedBefore = calls.outages().size();
            Optional<JsonNode> opened = calls.communityDay(community, d);
            boolean dayRead = calls.outages().size() == failedBefore;
            if (opened.isEmpty() && dayRead) {
                sections.add(new Section(
                        community,
                        chartId(community),
                        "Community " + community + " has no market day on the ledger for " + d + ".",
                        false,
                        orderRows,
                        List.of(),
                        "",
                        "",
                        List.of()));
                continue;
            }
            failedBefore = calls.outages().size();
            List<CommunityClient.Trade> trades =
                    calls.communityTrades(community, d).orElse(List.of());
            Optional<JsonNode> prices = calls.communityPrices(community, d);
            boolean clearingRead = calls.outages().size() == failedBefore;

            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal received = BigDecimal.ZERO;
            SortedMap<Integer, BigDecimal> tradedKw = new TreeMap<>();
            List<TradeRow> tradeRows = new ArrayList<>();
            List<CommunityClient.Trade> own = trades.stream()
                    // A trade of an order that is not the member's own is never shown.
                    .filter(t -> orderById.containsKey(t.orderId()))
                    .sorted(Comparator.comparingInt((CommunityClient.Trade t) ->
                                    orderById.get(t.orderId()).path("slot").asInt())
                            .thenComparing(CommunityClient.Trade::orderId))
                    .toList();
            for (CommunityClient.Trade t : own) {
                JsonNode o = orderById.get(t.orderId());
                boolean buy = "BUY".equals(Fmt.text(o, "side"));
                BigDecimal eur = t.kw().multiply(SLOT_HOURS).multiply(t.price());
                if (buy) {
                    paid = paid.add(eur);
                } else {
                    received = received.add(eur);
                }
                int slot = o.path("slot").asInt();
                tradedKw.merge(slot, buy ? t.kw() : t.kw().negate(), BigDecimal::add);
                tradeRows.add(new TradeRow(
                        t.orderId(),
                        Fmt.text(o, "homeId"),
                        slot(labels, slot),
                        Fmt.text(o, "side"),
                        t.kw().toPlainString(),
                        t.price().toPlainString(),
                        (buy ? "paid " : "received ") + plain(eur)));
            }
            String note;
            if (prices.isPresent()) {
                note = "Cleared on the ledger: " + prices.get().path("trades").asInt() + " trades in community "
                        + community + " (" + Fmt.text(prices.get(), "pricing") + ").";
                int slots = Slots.count(day);
                SortedMap<Integer, BigDecimal> price = new TreeMap<>();
                for (JsonNode s : prices.get().path("slots")) {
                    price.put(s.path("slot").asInt(), Slots.decimal(s.path("price")));
                }
                charts.add(new Chart(
                        "community-price-" + chartId(community),
                        community + ": community clearing price",
                        "EUR/kWh",
                        labels,
                        List.of(new Chart.Series(
                                "clearing price (EUR/kWh)",
                                // Bars: a price exists only in the slots that traded.
                                "bar",
                                "#1a7f37",
                                false,
                                Fmt.series(slots, price, BigDecimal.ONE),
                                List.of()))));
                charts.add(new Chart(
                        "community-kw-" + chartId(community),
                        community + ": your traded power (bought +, sold −)",
                        "kW",
                        labels,
                        List.of(new Chart.Series(
                                "your traded kW",
                                "bar",
                                "#bf8700",
                                false,
                                Fmt.series(slots, tradedKw, BigDecimal.ONE),
                                List.of()))));
            } else if (!clearingRead) {
                note = "The clearing of community " + community + " could not be read (see above).";
            } else if (opened.isPresent()) {
                note = "Community " + community + "'s day is open (" + Fmt.text(opened.get(), "pricing")
                        + ", gate closes at " + Fmt.text(opened.get(), "gateClosure")
                        + "); no clearing is recorded on the ledger yet.";
            } else {
                note = "The day of community " + community + " could not be read (see above); no clearing is"
                        + " recorded on the ledger.";
            }
            sections.add(new Section(
                    community,
                    chartId(community),
                    note,
                    prices.isPresent(),
                    orderRows,
                    tradeRows,
                    plain(paid),
                    plain(received),
                    prices.isPresent()
                            ? statements(calls, day, community, homesIn(active, community), own, orderById, opened)
                            : List.of()));
        }
        return new Result(sections, "", charts);
    }

    /** The homes the member is the ACTIVE member of in {@code community}. */
    private static List<String> homesIn(List<JsonNode> active, String community) {
        return active.stream()
                .filter(m -> community.equals(Fmt.text(m, "community")))
                .map(m -> Fmt.text(m, "homeId"))
                .distinct()
                .toList();
    }

    /**
     * The settlement of each of the member's homes in a cleared community day: the statement when the
     * ledger holds it, with its proofs; otherwise that it is not settled yet, refused or unreadable.
     */
    private static List<StatementView.Statement> statements(
            Calls calls,
            LocalDate day,
            String community,
            List<String> homes,
            List<CommunityClient.Trade> own,
            Map<String, JsonNode> orderById,
            Optional<JsonNode> opened) {
        String d = day.toString();
        List<StatementView.Statement> out = new ArrayList<>();
        for (String home : homes) {
            List<StatementView.Trade> trades = own.stream()
                    .filter(t -> home.equals(Fmt.text(orderById.get(t.orderId()), "homeId")))
                    .map(t -> {
                        JsonNode o = orderById.get(t.orderId());
                        return new StatementView.Trade(
                                t.orderId(), o.path("slot").asInt(), Fmt.text(o, "side"), t.kw(), t.price());
                    })
                    .toList();
            int failedBefore = calls.outages().size();
            Calls.Answered<JsonNode> answer = calls.communityStatement(community, d, home);
            if (answer.refused()) {
                out.add(StatementView.without(
                        home,
                        StatementView.State.REFUSED,
                        "The statement of home " + home + " is not shown: the marketplace refused it ("
                                + answer.refusal() + "). A member sees only the statements of their own homes."));
                continue;
            }
            if (calls.outages().size() > failedBefore) {
                out.add(StatementView.without(
                        home,
                        StatementView.State.UNAVAILABLE,
                        "The statement of home " + home + " could not be read (see above)."));
                continue;
            }
            if (answer.value().isEmpty() && trades.isEmpty()) {
                out.add(StatementView.without(
                        home,
                        StatementView.State.NOT_SETTLED,
                        "Home " + home + " has no trade in community " + community + " on " + d
                                + ", so nothing to settle."));
                continue;
            }
            JsonNode bridge = calls.readings(d, home).map(Reply::json).orElse(null);
            JsonNode dayRecord = opened.orElse(null);
            if (answer.value().isEmpty()) {
                out.add(StatementView.pending(community, day, home, trades, dayRecord, bridge));
            } else {
                out.add(StatementView.settled(
                        community,
                        day,
                        home,
                        answer.value().get(),
                        trades,
                        dayRecord,
                        id -> calls.one("devices", id, "the keys of meter " + id)
                                .map(Reply::json),
                        bridge));
            }
        }
        return out;
    }

    /** A chart id from a community's MSP id (letters and digits only). */
    static String chartId(String community) {
        return community.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String slot(List<String> labels, int slot) {
        return slot >= 0 && slot < labels.size() ? slot + " (" + labels.get(slot) + ")" : Integer.toString(slot);
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
