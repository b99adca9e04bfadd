package io.flexledger.agents.aggregator;

import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityOrder;
import io.flexledger.clearing.community.CommunityResult;
import io.flexledger.clearing.community.Feeder;
import io.flexledger.clearing.community.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * How an aggregator's homes enter its community market (UC2) in the campaign (decision 0006, "The
 * community market").
 *
 * <p><b>Firm orders, once a day after the CEMS plans.</b> Each home's optimised schedule flows anyway: per
 * slot, a net import is a firm BUY of that kW bid at the home's own retail price of the slot, a net export a
 * firm SELL of that kW asked at its own feed-in price. These are the prices the home gets from the grid
 * alone, so the market can only improve on them. The day's outside prices are per slot the highest retail
 * and the lowest feed-in price of the members (so that no home's own price is capped or raised).
 *
 * <p><b>Flexible asks, when the DSO asks.</b> The homes' downward flexibility at a congestion point (less
 * net load, the direction of an unmatched flexible ask in {@code CommunityPosition}) enters as flexible
 * SELLs: per home and requested slot, the largest kW of its offers there (its offers are alternatives),
 * asked at that offer's price plus the aggregator's fee. The firm orders were cleared at the community's
 * gate, before the DSO market (decision 0021), so no bid is left for them and the leftover is all of it,
 * cut only by the feeders' export headroom. Upward flexibility (more net load) has no place in the
 * community's position and goes to the DSO as before.
 */
public final class CommunityBook {

    /** Orders below this size (a watt) are left out. */
    static final double MIN_KW = 1e-3;

    private CommunityBook() {}

    /**
     * The day's firm book of an aggregator's homes, from their planned schedules.
     *
     * @param aggregator the aggregator's id
     * @param dayId the day's id
     * @param homes the homes, optimised
     * @param feederIds every feeder id of the network
     * @param feederOf the feeder id of a home, by network index
     */
    public static CommunityDay firm(
            String aggregator,
            String dayId,
            List<CemsAgent> homes,
            List<String> feederIds,
            IntFunction<String> feederOf) {
        int slots = homes.get(0).day().slots();
        double[] importPrice = new double[slots];
        double[] exportPrice = new double[slots];
        java.util.Arrays.fill(exportPrice, Double.MAX_VALUE);
        List<CommunityOrder> orders = new ArrayList<>();
        for (CemsAgent h : homes) {
            Schedule s = h.planned();
            String feeder = feederOf.apply(h.index());
            for (int t = 0; t < slots; t++) {
                double buy = h.day().importPrice()[t];
                double sell = h.day().exportPrice()[t];
                importPrice[t] = Math.max(importPrice[t], buy);
                exportPrice[t] = Math.min(exportPrice[t], sell);
                double net = s.netKw(t);
                if (net > MIN_KW) {
                    orders.add(new CommunityOrder(
                            h.day().id() + "-b-" + t, h.day().id(), feeder, t, Side.BUY, false, net, buy));
                } else if (net < -MIN_KW) {
                    orders.add(new CommunityOrder(
                            h.day().id() + "-s-" + t, h.day().id(), feeder, t, Side.SELL, false, -net, sell));
                }
            }
        }
        return new CommunityDay(
                dayId,
                aggregator,
                homes.get(0).day().slotMinutes(),
                slots,
                importPrice,
                exportPrice,
                unlimited(feederIds),
                orders);
    }

    /**
     * The flexible asks of the homes' downward offers at a point: per home and slot the largest kW of its
     * offers, at that offer's price plus the fee. The outside prices are the firm book's.
     */
    public static CommunityDay flexible(
            CommunityDay firm,
            String point,
            List<Flexibility> down,
            double feeEurPerKwh,
            java.util.function.Function<String, String> feederOfHome) {
        Map<String, Map<Integer, Flexibility>> best = new LinkedHashMap<>();
        for (Flexibility f : down) {
            FlexOffer o = f.offer();
            Map<Integer, Flexibility> bySlot = best.computeIfAbsent(o.asset(), k -> new java.util.TreeMap<>());
            o.kwBySlot().forEach((t, kw) -> {
                Flexibility before = bySlot.get(t);
                if (kw > MIN_KW
                        && (before == null || kw > before.offer().kwBySlot().get(t))) {
                    bySlot.put(t, f);
                }
            });
        }
        List<CommunityOrder> orders = new ArrayList<>();
        best.forEach((asset, bySlot) -> {
            String feeder = feederOfHome.apply(asset);
            bySlot.forEach((t, f) -> orders.add(new CommunityOrder(
                    point + ":" + f.offer().id() + "@" + t,
                    asset,
                    feeder,
                    t,
                    Side.SELL,
                    true,
                    f.offer().kwBySlot().get(t),
                    f.offer().price() + feeEurPerKwh)));
        });
        return new CommunityDay(
                firm.id() + ":" + point,
                firm.aggregator(),
                firm.slotMinutes(),
                firm.slots(),
                firm.importPriceEurPerKwh(),
                firm.exportPriceEurPerKwh(),
                firm.feeders(),
                orders);
    }

    /**
     * Each home's gain from the community's trades against trading with the grid alone, EUR: a buyer saves
     * its own retail price minus what it paid, a seller earns what it received minus its own feed-in price.
     * Homes without trades are not listed.
     */
    public static Map<String, Double> gainsEur(CommunityDay day, CommunityResult result) {
        Map<String, Double> out = new LinkedHashMap<>();
        double h = day.slotHours();
        double[] matched = result.matching().matchedKw();
        double[] amount = result.prices().amountEur();
        for (int i = 0; i < matched.length; i++) {
            if (!(matched[i] > 0.0)) {
                continue;
            }
            CommunityOrder o = day.orders().get(i);
            double grid = matched[i] * h * o.limitPriceEurPerKwh();
            double gain = o.buys() ? grid - amount[i] : amount[i] - grid;
            out.merge(o.home(), gain, Double::sum);
        }
        return out;
    }

    private static List<Feeder> unlimited(List<String> feederIds) {
        List<Feeder> out = new ArrayList<>();
        for (String id : feederIds) {
            out.add(new Feeder(id, CommunityDay.MAX_KW, CommunityDay.MAX_KW));
        }
        return out;
    }
}
