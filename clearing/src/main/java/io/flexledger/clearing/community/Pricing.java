package io.flexledger.clearing.community;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices a matching (decision 0008). Prices are the orders' effective prices (a bid capped at the retail
 * price, an ask raised to the feed-in price).
 *
 * <ul>
 *   <li>Pay-as-clear: per slot with trades, price {@code p = (lowest matched bid + highest matched ask) / 2}.
 *       A matched buyer pays {@code min(p, its bid)} per kWh, a matched seller receives
 *       {@code max(p, its ask)}; when the lowest matched bid is at or above the highest matched ask (always,
 *       unless feeder limits force a loss-making match), that is {@code p} for everyone and the money
 *       balances.
 *   <li>Pay-as-bid: each buyer pays its bid, each seller receives its ask; the spread (the welfare) is the
 *       aggregator's.
 * </ul>
 */
public final class Pricing {

    private Pricing() {}

    /** Prices the matched kW (per order, input order) by the rule. */
    public static PricedMatch price(CommunityDay day, double[] matchedKw, PricingRule rule) {
        List<CommunityOrder> orders = day.orders();
        if (matchedKw.length != orders.size()) {
            throw new IllegalArgumentException("matchedKw: one entry per order expected");
        }
        double h = day.slotHours();
        double[] lowestBid = new double[day.slots()];
        double[] highestAsk = new double[day.slots()];
        java.util.Arrays.fill(lowestBid, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(highestAsk, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < orders.size(); i++) {
            if (matchedKw[i] > 0.0) {
                CommunityOrder o = orders.get(i);
                double price = day.effectivePrice(o);
                if (o.buys()) {
                    lowestBid[o.slot()] = Math.min(lowestBid[o.slot()], price);
                } else {
                    highestAsk[o.slot()] = Math.max(highestAsk[o.slot()], price);
                }
            }
        }
        double[] clearing = new double[day.slots()];
        for (int t = 0; t < day.slots(); t++) {
            boolean traded = Double.isFinite(lowestBid[t]) && Double.isFinite(highestAsk[t]);
            // pay-as-clear: the midpoint of the marginal matched bid and the marginal matched ask
            clearing[t] =
                    rule == PricingRule.PAY_AS_CLEAR && traded ? (lowestBid[t] + highestAsk[t]) / 2.0 : Double.NaN;
        }
        double[] amount = new double[orders.size()];
        Map<String, double[]> byHome = new LinkedHashMap<>();
        double balance = 0.0;
        for (int i = 0; i < orders.size(); i++) {
            if (!(matchedKw[i] > 0.0)) {
                continue;
            }
            CommunityOrder o = orders.get(i);
            double own = day.effectivePrice(o);
            double unit;
            if (rule == PricingRule.PAY_AS_BID) {
                unit = own;
            } else {
                double p = clearing[o.slot()];
                unit = o.buys() ? Math.min(p, own) : Math.max(p, own);
            }
            double kwh = matchedKw[i] * h;
            amount[i] = kwh * unit;
            double[] s = byHome.computeIfAbsent(o.home(), k -> new double[4]);
            if (o.buys()) {
                s[0] += kwh;
                s[2] += amount[i];
                balance += amount[i];
            } else {
                s[1] += kwh;
                s[3] += amount[i];
                balance -= amount[i];
            }
        }
        List<Settlement> settlements = new ArrayList<>(byHome.size());
        byHome.forEach((home, s) -> settlements.add(new Settlement(home, s[0], s[1], s[2], s[3])));
        return new PricedMatch(rule, clearing, amount, settlements, balance);
    }
}
