package io.flexledger.agents.live;

import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.aggregator.CommunityBook;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityOrder;
import io.flexledger.client.CommunityClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One aggregator's community day as its members post it to the ledger (UC2, decision 0009 phase
 * "community"), built by the campaign's {@link CommunityBook}: the members' planned flows as firm BUYs and
 * SELLs at their own retail and feed-in prices ({@link CommunityBook#firm}), their downward flexibility at
 * the DSO's requested slots as flexible SELLs at the offer's price plus the aggregator's fee
 * ({@link CommunityBook#flexible}, per home and slot the largest kW over every requested point), and the
 * day's outside prices per slot (the members' highest retail and lowest feed-in price).
 *
 * <p>Put at the ledger's scale the safe way: kW rounded down to 3 decimals (an order that rounds to 0 is
 * left out), a bid's price rounded down and an ask's up to 5 decimals, the day's import price up and its
 * export price down. A firm order is posted only in a slot where the book has both a BUY and a SELL: in
 * any other slot it cannot trade and would only cost a ledger transaction. Every flexible SELL is posted:
 * its unmatched kW is the leftover the operator's instance offers the DSO.
 *
 * @param firm the firm book as the campaign builds it (every slot)
 * @param orders the orders to post, ids {@code <run>-<home>-<b|s|f>-<slot>}
 * @param importPrice the day's import price per slot, EUR/kWh
 * @param exportPrice the day's export price per slot, EUR/kWh
 * @param sources each flexible SELL's home flexibility, by ledger order id
 * @param firmLeftOut firm orders left out (no counterpart side in their slot)
 */
record CommunityOrders(
        CommunityDay firm,
        List<CommunityClient.Order> orders,
        List<BigDecimal> importPrice,
        List<BigDecimal> exportPrice,
        Map<String, Source> sources,
        int firmLeftOut) {

    /** Decimals of a ledger kW. */
    static final int KW_DECIMALS = 3;

    /** Decimals of a ledger EUR/kWh. */
    static final int PRICE_DECIMALS = 5;

    /**
     * Where a flexible SELL comes from.
     *
     * @param assetId the home's ledger id
     * @param flexibility the home's downward offer whose kW the SELL asks in its slot
     * @param slot the slot
     * @param kw the kW asked
     */
    record Source(String assetId, Flexibility flexibility, int slot, double kw) {}

    /**
     * Builds an aggregator's community day.
     *
     * @param runId the run's id (prefix of every order id)
     * @param market the market day
     * @param aggregatorId the aggregator's id ({@code agr-1})
     * @param members the member homes, optimised
     * @param down the members' downward flexibility at the DSO's requested points (empty: firm orders only)
     * @param feeEurPerKwh the aggregator's fee on a flexible SELL
     * @param network the network (feeders)
     * @param assetOf a home's ledger id by its home-day id
     */
    static CommunityOrders build(
            String runId,
            MarketDay market,
            String aggregatorId,
            List<CemsAgent> members,
            List<Flexibility> down,
            double feeEurPerKwh,
            LvNetwork network,
            Function<String, String> assetOf) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a community day needs members");
        }
        List<String> feederIds = network.feederIds();
        java.util.function.IntFunction<String> feederOf =
                i -> feederIds.get(network.homes().get(i).feeder());
        CommunityDay firm = CommunityBook.firm(aggregatorId, market.date().toString(), members, feederIds, feederOf);
        List<CommunityOrder> flexible = List.of();
        Map<String, Flexibility> byOfferId = new HashMap<>();
        if (!down.isEmpty()) {
            Map<String, String> feederOfHome = new HashMap<>();
            members.forEach(h -> feederOfHome.put(h.day().id(), feederOf.apply(h.index())));
            flexible = CommunityBook.flexible(firm, "live", down, feeEurPerKwh, feederOfHome::get)
                    .orders();
            // CommunityBook keeps, per home and slot, the first of the largest offers: so does this map
            down.forEach(f -> byOfferId.putIfAbsent(f.offer().id(), f));
        }
        Set<Integer> buys = new HashSet<>();
        Set<Integer> sells = new HashSet<>();
        for (CommunityOrder o : firm.orders()) {
            (o.buys() ? buys : sells).add(o.slot());
        }
        flexible.forEach(o -> sells.add(o.slot()));

        List<CommunityClient.Order> out = new ArrayList<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        int leftOut = 0;
        for (CommunityOrder o : firm.orders()) {
            if (!buys.contains(o.slot()) || !sells.contains(o.slot())) {
                leftOut++;
                continue;
            }
            CommunityClient.Order order = order(runId, market, assetOf.apply(o.home()), o.buys() ? "b" : "s", o);
            if (order != null) {
                out.add(order);
            }
        }
        for (CommunityOrder o : flexible) {
            String asset = assetOf.apply(o.home());
            CommunityClient.Order order = order(runId, market, asset, "f", o);
            if (order != null) {
                out.add(order);
                String offerId = o.id().substring(o.id().indexOf(':') + 1, o.id().lastIndexOf('@'));
                sources.put(order.id(), new Source(asset, byOfferId.get(offerId), o.slot(), o.kw()));
            }
        }
        return new CommunityOrders(
                firm,
                out,
                prices(firm.importPriceEurPerKwh(), RoundingMode.CEILING),
                prices(firm.exportPriceEurPerKwh(), RoundingMode.FLOOR),
                sources,
                leftOut);
    }

    /** The ledger order id of a home's order in a slot. */
    static String orderId(String runId, String assetId, String kind, int slot) {
        return runId + "-" + assetId.replace("pontypool-", "h") + "-" + kind + "-" + slot;
    }

    /** The number of firm orders and of flexible SELLs to post. */
    int firmCount() {
        return (int) orders.stream().filter(o -> !o.flexible()).count();
    }

    /** The number of flexible SELLs to post. */
    int flexibleCount() {
        return (int) orders.stream().filter(CommunityClient.Order::flexible).count();
    }

    private static CommunityClient.Order order(
            String runId, MarketDay market, String assetId, String kind, CommunityOrder o) {
        BigDecimal kw = BigDecimal.valueOf(o.kw()).setScale(KW_DECIMALS, RoundingMode.DOWN);
        if (kw.signum() <= 0) {
            return null;
        }
        // a bid never above, an ask never below, the member's own price
        BigDecimal price = BigDecimal.valueOf(o.limitPriceEurPerKwh())
                .setScale(PRICE_DECIMALS, o.buys() ? RoundingMode.FLOOR : RoundingMode.CEILING);
        return new CommunityClient.Order(
                orderId(runId, assetId, kind, o.slot()),
                assetId,
                market.date(),
                o.slot(),
                o.buys() ? "BUY" : "SELL",
                o.flexible(),
                kw,
                price);
    }

    private static List<BigDecimal> prices(double[] eur, RoundingMode mode) {
        List<BigDecimal> out = new ArrayList<>();
        for (double p : eur) {
            out.add(BigDecimal.valueOf(p).setScale(PRICE_DECIMALS, mode));
        }
        return out;
    }
}
