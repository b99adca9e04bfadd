package io.flexledger.clearing.community;

import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The community's position after its local match (decision 0008).
 *
 * <p>Residual net import per slot: firm buys minus firm sells plus matched flexible buys minus matched
 * flexible sells, kW (what the community still draws from the grid; negative: exports). Leftover
 * flexibility: the unmatched kW of flexible asks (extra injection that lowers a feeder's net import), per
 * feeder and slot no more than the feeder's export headroom after the match. It becomes block offers to
 * the DSO in the clearing format: one offer per home and run of consecutive slots (at most
 * {@link OfferTerms#maxBlockSlots()}), asset = home, congestion point = feeder, price = the kWh-weighted
 * mean effective ask price of the flexibility in it. A home's blocks never share a slot, so an asset is
 * offered at most once per slot.
 *
 * @param residualNetImportKw per slot, the community's net import after the match, kW
 * @param leftoverFlexibilityKw per slot, the flexibility offered to the DSO, kW
 * @param offers the block offers to the DSO
 */
public record CommunityPosition(double[] residualNetImportKw, double[] leftoverFlexibilityKw, List<Offer> offers) {

    public CommunityPosition {
        residualNetImportKw = residualNetImportKw.clone();
        leftoverFlexibilityKw = leftoverFlexibilityKw.clone();
        offers = List.copyOf(offers);
    }

    /** The position of a matching (matched kW per order, input order). */
    public static CommunityPosition of(CommunityDay day, double[] matchedKw, OfferTerms terms) {
        List<CommunityOrder> orders = day.orders();
        int slots = day.slots();
        Map<String, Integer> feederIndex = new LinkedHashMap<>();
        for (Feeder f : day.feeders()) {
            feederIndex.put(f.id(), feederIndex.size());
        }
        int feeders = feederIndex.size();
        double[] residual = new double[slots];
        double[][] net = new double[feeders][slots];
        double[][] baseline = new double[feeders][slots];
        for (int i = 0; i < orders.size(); i++) {
            CommunityOrder o = orders.get(i);
            int f = feederIndex.get(o.feeder());
            double sign = o.buys() ? 1.0 : -1.0;
            double kw = o.flexible() ? matchedKw[i] : o.kw();
            residual[o.slot()] += sign * kw;
            net[f][o.slot()] += sign * kw;
            if (!o.flexible()) {
                baseline[f][o.slot()] += sign * kw;
            }
        }
        // per home and slot: leftover kW and its kWh-weighted price sum, scaled to the feeder's headroom
        Map<String, double[]> leftoverByHome = new LinkedHashMap<>();
        Map<String, double[]> costByHome = new LinkedHashMap<>();
        Map<String, String> feederOfHome = new LinkedHashMap<>();
        double[][] leftoverAtFeeder = new double[feeders][slots];
        for (int i = 0; i < orders.size(); i++) {
            CommunityOrder o = orders.get(i);
            double left = o.flexible() && !o.buys() ? Math.max(0.0, o.kw() - matchedKw[i]) : 0.0;
            if (left > 0.0) {
                leftoverByHome.computeIfAbsent(o.home(), k -> new double[slots])[o.slot()] += left;
                costByHome.computeIfAbsent(o.home(), k -> new double[slots])[o.slot()] += left * day.effectivePrice(o);
                feederOfHome.put(o.home(), o.feeder());
                leftoverAtFeeder[feederIndex.get(o.feeder())][o.slot()] += left;
            }
        }
        double[][] scale = new double[feeders][slots];
        for (Feeder feeder : day.feeders()) {
            int f = feederIndex.get(feeder.id());
            for (int t = 0; t < slots; t++) {
                double exportLimit = Math.max(feeder.maxExportKw(), -baseline[f][t]);
                double headroom = Math.max(0.0, net[f][t] + exportLimit);
                double left = leftoverAtFeeder[f][t];
                scale[f][t] = left > headroom ? headroom / left : 1.0;
            }
        }
        double[] leftoverTotal = new double[slots];
        List<Offer> offers = new ArrayList<>();
        for (Map.Entry<String, double[]> e : leftoverByHome.entrySet()) {
            String home = e.getKey();
            String feeder = feederOfHome.get(home);
            int f = feederIndex.get(feeder);
            double[] kw = new double[slots];
            double[] price = new double[slots];
            for (int t = 0; t < slots; t++) {
                double left = e.getValue()[t];
                kw[t] = left * scale[f][t];
                price[t] = left > 0.0 ? costByHome.get(home)[t] / left : 0.0;
                leftoverTotal[t] += kw[t];
            }
            offers.addAll(blocks(day, home, feeder, kw, price, terms));
        }
        return new CommunityPosition(residual, leftoverTotal, offers);
    }

    // Runs of consecutive slots with leftover kW, cut at the block length, each one offer.
    private static List<Offer> blocks(
            CommunityDay day, String home, String feeder, double[] kw, double[] price, OfferTerms terms) {
        List<Offer> out = new ArrayList<>();
        int t = 0;
        while (t < kw.length) {
            if (!(kw[t] > 1e-9)) {
                t++;
                continue;
            }
            int first = t;
            double kwSum = 0.0;
            double priceWeighted = 0.0;
            List<Integer> slots = new ArrayList<>();
            while (t < kw.length && kw[t] > 1e-9 && slots.size() < terms.maxBlockSlots()) {
                slots.add(t);
                kwSum += kw[t];
                // the block's price: the slots' mean ask prices weighted by the kW offered in them
                priceWeighted += kw[t] * price[t];
                t++;
            }
            out.add(new Offer(
                    day.aggregator() + ":" + home + ":" + first,
                    day.aggregator(),
                    feeder,
                    home,
                    slots.stream().mapToInt(Integer::intValue).toArray(),
                    slots.stream().mapToDouble(s -> kw[s]).toArray(),
                    priceWeighted / kwSum,
                    terms.minActivation()));
        }
        return out;
    }
}
