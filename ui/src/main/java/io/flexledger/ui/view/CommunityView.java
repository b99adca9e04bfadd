package io.flexledger.ui.view;

import io.flexledger.client.CommunityJson;
import io.flexledger.client.CommunityJson.PlacedOrder;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.ui.calc.Slots;
import io.flexledger.ui.upstream.Calls;
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

    static Result build(Calls calls, LocalDate day, List<Membership> active, boolean membershipsRead) {
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
        for (Membership m : active) {
            homes.add(m.homeId());
            communities.add(m.community());
        }
        // The instance answers a member with their own orders only; the page keeps to that as well.
        List<PlacedOrder> mine = calls.communityOrders(d).orElse(List.of()).stream()
                .filter(o -> user.equals(o.order().member())
                        && homes.contains(o.order().homeId())
                        && day.equals(o.order().day()))
                .sorted(Comparator.comparingInt((PlacedOrder o) -> o.order().slot())
                        .thenComparing(o -> o.order().id()))
                .toList();
        List<String> labels = Slots.labels(day);
        List<Section> sections = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (String community : communities) {
            Map<String, Order> orderById = new LinkedHashMap<>();
            mine.stream()
                    .filter(o -> community.equals(o.community()))
                    .forEach(o -> orderById.put(o.order().id(), o.order()));
            List<OrderRow> orderRows = new ArrayList<>();
            for (Order o : orderById.values()) {
                orderRows.add(new OrderRow(
                        o.id(),
                        o.homeId(),
                        slot(labels, o.slot()),
                        o.side().name(),
                        o.flexible() ? "flexible" : "firm",
                        o.kw().toString(),
                        o.price().toString()));
            }
            int failedBefore = calls.outages().size();
            Optional<Day> opened = calls.communityDay(community, d);
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
            List<CommunityTrade> trades = calls.communityTrades(community, d).orElse(List.of());
            Optional<CommunityJson.Prices> prices = calls.communityPrices(community, d);
            boolean clearingRead = calls.outages().size() == failedBefore;

            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal received = BigDecimal.ZERO;
            SortedMap<Integer, BigDecimal> tradedKw = new TreeMap<>();
            List<TradeRow> tradeRows = new ArrayList<>();
            List<CommunityTrade> own = trades.stream()
                    // A trade of an order that is not the member's own is never shown.
                    .filter(t -> orderById.containsKey(t.orderId()))
                    .sorted(Comparator.comparingInt((CommunityTrade t) ->
                                    orderById.get(t.orderId()).slot())
                            .thenComparing(CommunityTrade::orderId))
                    .toList();
            for (CommunityTrade t : own) {
                Order o = orderById.get(t.orderId());
                boolean buy = o.side() == CommunityRecords.Side.BUY;
                BigDecimal eur = t.kw().value().multiply(SLOT_HOURS).multiply(t.price());
                if (buy) {
                    paid = paid.add(eur);
                } else {
                    received = received.add(eur);
                }
                int slot = o.slot();
                tradedKw.merge(slot, buy ? t.kw().value() : t.kw().value().negate(), BigDecimal::add);
                tradeRows.add(new TradeRow(
                        t.orderId(),
                        o.homeId(),
                        slot(labels, slot),
                        o.side().name(),
                        t.kw().toString(),
                        t.price().toPlainString(),
                        (buy ? "paid " : "received ") + plain(eur)));
            }
            String note;
            if (prices.isPresent()) {
                note = "Cleared on the ledger: " + prices.get().trades() + " trades in community " + community + " ("
                        + prices.get().pricing().name() + ").";
                int slots = Slots.count(day);
                SortedMap<Integer, BigDecimal> price = new TreeMap<>();
                for (CommunityJson.SlotPrice s : prices.get().slots()) {
                    price.put(s.slot(), s.price().value());
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
                note = "Community " + community + "'s day is open ("
                        + opened.get().pricing().name()
                        + ", gate closes at " + opened.get().gateClosure()
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
    private static List<String> homesIn(List<Membership> active, String community) {
        return active.stream()
                .filter(m -> community.equals(m.community()))
                .map(Membership::homeId)
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
            List<CommunityTrade> own,
            Map<String, Order> orderById,
            Optional<Day> opened) {
        String d = day.toString();
        List<StatementView.Statement> out = new ArrayList<>();
        for (String home : homes) {
            List<StatementView.Trade> trades = own.stream()
                    .filter(t -> home.equals(orderById.get(t.orderId()).homeId()))
                    .map(t -> {
                        Order o = orderById.get(t.orderId());
                        return new StatementView.Trade(
                                t.orderId(), o.slot(), o.side().name(), t.kw().value(), t.price());
                    })
                    .toList();
            int failedBefore = calls.outages().size();
            Calls.Answered<CommunityJson.Statement> answer = calls.communityStatement(community, d, home);
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
            DayReadings bridge = calls.readings(d, home).orElse(null);
            Day dayRecord = opened.orElse(null);
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
                        id -> calls.device(id, "the keys of meter " + id),
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
