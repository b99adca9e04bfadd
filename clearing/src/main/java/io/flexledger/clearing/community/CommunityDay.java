package io.flexledger.clearing.community;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One day of an aggregator's community market (decision 0008): the prosumers' orders per slot, the
 * feeders they sit behind, and the grid's prices as everyone's outside option. Checked on construction;
 * a broken rule throws {@link InvalidCommunityException} naming the field by its JSON path.
 *
 * @param id the day's id, echoed in the result
 * @param aggregator the aggregator that runs the market and posts the leftover flexibility to the DSO
 * @param slotMinutes the length of one slot
 * @param slots the number of slots
 * @param importPriceEurPerKwh per slot, the grid's retail price (what a buyer pays without the market), >= 0
 * @param exportPriceEurPerKwh per slot, the grid's feed-in price (what a seller gets without the market),
 *     in {@code [0, importPrice]}
 * @param feeders the feeders, unique by id
 * @param orders the orders, unique by id; all orders of a home name the same feeder
 */
public record CommunityDay(
        String id,
        String aggregator,
        int slotMinutes,
        int slots,
        double[] importPriceEurPerKwh,
        double[] exportPriceEurPerKwh,
        List<Feeder> feeders,
        List<CommunityOrder> orders) {

    /** The most kW one order or feeder limit may state (so that watts fit an int). */
    public static final double MAX_KW = 1_000_000.0;

    public CommunityDay {
        feeders = List.copyOf(feeders);
        orders = List.copyOf(orders);
        importPriceEurPerKwh = importPriceEurPerKwh.clone();
        exportPriceEurPerKwh = exportPriceEurPerKwh.clone();
        check(id, aggregator, slotMinutes, slots, importPriceEurPerKwh, exportPriceEurPerKwh, feeders, orders);
    }

    /** The slot length in hours. */
    public double slotHours() {
        return slotMinutes / 60.0;
    }

    /** The grid's retail price in a slot, EUR/kWh. */
    public double importPrice(int slot) {
        return importPriceEurPerKwh[slot];
    }

    /** The grid's feed-in price in a slot, EUR/kWh. */
    public double exportPrice(int slot) {
        return exportPriceEurPerKwh[slot];
    }

    /**
     * An order's price as the market uses it: a bid capped at the slot's retail price (a buyer can always
     * import instead), an ask raised to the slot's feed-in price (a seller can always export instead).
     */
    public double effectivePrice(CommunityOrder o) {
        return o.buys()
                ? Math.min(o.limitPriceEurPerKwh(), importPrice(o.slot()))
                : Math.max(o.limitPriceEurPerKwh(), exportPrice(o.slot()));
    }

    private static void check(
            String id,
            String aggregator,
            int slotMinutes,
            int slots,
            double[] importPrice,
            double[] exportPrice,
            List<Feeder> feeders,
            List<CommunityOrder> orders) {
        text(id, "$.id");
        text(aggregator, "$.aggregator");
        if (slotMinutes <= 0) {
            throw new InvalidCommunityException("$.slotMinutes", "must be positive, got " + slotMinutes);
        }
        if (slots <= 0) {
            throw new InvalidCommunityException("$.slots", "must be positive, got " + slots);
        }
        if (importPrice.length != slots) {
            throw new InvalidCommunityException(
                    "$.importPrice", "needs " + slots + " entries (one per slot), got " + importPrice.length);
        }
        if (exportPrice.length != slots) {
            throw new InvalidCommunityException(
                    "$.exportPrice", "needs " + slots + " entries (one per slot), got " + exportPrice.length);
        }
        for (int t = 0; t < slots; t++) {
            range(importPrice[t], "$.importPrice[" + t + "]", 0.0, Double.MAX_VALUE);
            range(exportPrice[t], "$.exportPrice[" + t + "]", 0.0, importPrice[t]);
        }
        Set<String> feederIds = new HashSet<>();
        for (int i = 0; i < feeders.size(); i++) {
            Feeder f = feeders.get(i);
            String at = "$.feeders[" + i + "]";
            text(f.id(), at + ".id");
            if (!feederIds.add(f.id())) {
                throw new InvalidCommunityException(at + ".id", "duplicate feeder id \"" + f.id() + "\"");
            }
            range(f.maxImportKw(), at + ".maxImportKw", 0.0, MAX_KW);
            range(f.maxExportKw(), at + ".maxExportKw", 0.0, MAX_KW);
        }
        Set<String> orderIds = new HashSet<>();
        Map<String, String> feederOfHome = new HashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            CommunityOrder o = orders.get(i);
            String at = "$.orders[" + i + "]";
            text(o.id(), at + ".id");
            if (!orderIds.add(o.id())) {
                throw new InvalidCommunityException(at + ".id", "duplicate order id \"" + o.id() + "\"");
            }
            text(o.home(), at + ".home");
            text(o.feeder(), at + ".feeder");
            if (!feederIds.contains(o.feeder())) {
                throw new InvalidCommunityException(at + ".feeder", "unknown feeder \"" + o.feeder() + "\"");
            }
            String before = feederOfHome.putIfAbsent(o.home(), o.feeder());
            if (before != null && !before.equals(o.feeder())) {
                throw new InvalidCommunityException(
                        at + ".feeder",
                        "home \"" + o.home() + "\" is behind feeder \"" + before + "\" in an earlier order");
            }
            if (o.slot() < 0 || o.slot() >= slots) {
                throw new InvalidCommunityException(at + ".slot", "must be in [0, " + slots + "), got " + o.slot());
            }
            if (o.side() == null) {
                throw new InvalidCommunityException(at + ".side", "missing");
            }
            range(o.kw(), at + ".kw", 0.0, MAX_KW);
            range(o.limitPriceEurPerKwh(), at + ".price", 0.0, Double.MAX_VALUE);
        }
    }

    private static void text(String s, String path) {
        if (s == null || s.isEmpty()) {
            throw new InvalidCommunityException(path, "missing or empty");
        }
    }

    private static void range(double v, String path, double min, double max) {
        if (!Double.isFinite(v)) {
            throw new InvalidCommunityException(path, "not a finite number");
        }
        if (v < min) {
            throw new InvalidCommunityException(path, "must be >= " + min + ", got " + v);
        }
        if (v > max) {
            throw new InvalidCommunityException(path, "must be <= " + max + ", got " + v);
        }
    }
}
