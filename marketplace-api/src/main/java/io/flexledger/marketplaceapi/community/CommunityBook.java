package io.flexledger.marketplaceapi.community;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityOrder;
import io.flexledger.clearing.community.CommunityResult;
import io.flexledger.clearing.community.Feeder;
import io.flexledger.clearing.community.Side;
import io.flexledger.clearing.model.Offer;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.Pricing;
import io.flexledger.contract.codec.CommunityRecords.TradeInput;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A community's order book for one day as the ledger holds it, turned into the UC2 solver's input
 * ({@link CommunityDay}), and the solver's answer turned back into the ledger's records: the trades of
 * {@code RecordCommunityClearing} and the leftover flexibility as offers to the DSO market in the JSON of
 * {@code POST /api/offers}. Framework-free, so that it is tested on its own.
 *
 * @param community the operator's MSP id
 * @param day the market day
 * @param dayRecord the ledger's day (its pricing and the grid's prices per slot)
 * @param orders the day's orders as the ledger holds them, in the ledger's order
 * @param feederOfHome the congestion point of each home with orders (the registry's asset)
 * @param feeders the feeders with their limits
 */
public record CommunityBook(
        String community,
        LocalDate day,
        Day dayRecord,
        List<Order> orders,
        Map<String, String> feederOfHome,
        List<Feeder> feeders) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal W_PER_KW = BigDecimal.valueOf(1000);

    public CommunityBook {
        orders = List.copyOf(orders);
        feederOfHome = Map.copyOf(feederOfHome);
        feeders = List.copyOf(feeders);
    }

    /** The solver's input: the day's slots and outside prices, the feeders, every order of the day. */
    public CommunityDay solverDay() {
        List<CommunityOrder> in = new ArrayList<>();
        for (Order o : orders) {
            in.add(new CommunityOrder(
                    o.id(),
                    o.homeId(),
                    feederOfHome.get(o.homeId()),
                    o.slot(),
                    Side.valueOf(o.side().name()),
                    o.flexible(),
                    o.kw().value().doubleValue(),
                    o.price().value().doubleValue()));
        }
        return new CommunityDay(
                community + ":" + day,
                community,
                (int) MarketRules.DEFAULT.slotLength().toMinutes(),
                dayRecord.importPrice().size(),
                doubles(dayRecord.importPrice()),
                doubles(dayRecord.exportPrice()),
                feeders,
                in);
    }

    /**
     * The trades of a clearing: one per matched order (its id, kW and price), kW in whole watts
     * (the solver matches watts, so each slot's buys and sells balance exactly). Prices are computed in
     * exact decimals from the orders' effective prices, as the ledger re-checks them (decision 0021):
     * under pay-as-bid each order's own effective price (a bid capped at the slot's import price, an ask
     * raised to its export price); under pay-as-clear the slot's price {@code p}, the midpoint of the
     * lowest matched effective bid and the highest matched effective ask, a buyer paying {@code min(p,
     * bid)} and a seller receiving {@code max(p, ask)} (the solver's floating-point prices are not used).
     */
    public List<TradeInput> trades(CommunityResult result) {
        boolean payAsBid = dayRecord.pricing() == Pricing.PAY_AS_BID;
        Map<Integer, BigDecimal> lowestBid = new HashMap<>();
        Map<Integer, BigDecimal> highestAsk = new HashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            if (watts(result, i) > 0) {
                Order o = orders.get(i);
                int slot = o.slot();
                if (buys(o)) {
                    lowestBid.merge(slot, effectivePrice(o), BigDecimal::min);
                } else {
                    highestAsk.merge(slot, effectivePrice(o), BigDecimal::max);
                }
            }
        }
        List<TradeInput> trades = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            long watts = watts(result, i);
            if (watts <= 0) {
                continue;
            }
            Order o = orders.get(i);
            int slot = o.slot();
            BigDecimal own = effectivePrice(o);
            BigDecimal price;
            if (payAsBid || !lowestBid.containsKey(slot) || !highestAsk.containsKey(slot)) {
                price = own;
            } else {
                BigDecimal p = lowestBid.get(slot).add(highestAsk.get(slot)).divide(BigDecimal.valueOf(2));
                price = buys(o) ? p.min(own) : p.max(own);
            }
            trades.add(new TradeInput(
                    o.id(),
                    new Kilowatts(BigDecimal.valueOf(watts).divide(W_PER_KW)),
                    new BigDecimal(price.stripTrailingZeros().toPlainString())));
        }
        return trades;
    }

    private static long watts(CommunityResult result, int order) {
        return Math.round(result.matching().matchedKw(order) * 1000);
    }

    private static boolean buys(Order order) {
        return order.side() == CommunityRecords.Side.BUY;
    }

    /** An order's effective price, exactly: a bid capped at the slot's import price, an ask raised to its export price. */
    BigDecimal effectivePrice(Order order) {
        int slot = order.slot();
        BigDecimal own = order.price().value();
        return buys(order)
                ? own.min(dayRecord.importPrice().get(slot).value())
                : own.max(dayRecord.exportPrice().get(slot).value());
    }

    /** The matched kW per order (input order) of recorded trades. */
    public double[] matchedKw(List<TradeInput> trades) {
        Map<String, Double> byOrder = new HashMap<>();
        for (TradeInput t : trades) {
            byOrder.put(t.orderId(), t.kw().value().doubleValue());
        }
        double[] kw = new double[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            kw[i] = byOrder.getOrDefault(orders.get(i).id(), 0.0);
        }
        return kw;
    }

    /**
     * The home slots a matched flexible sell holds ({@code home|slot}): the ledger locks them against
     * DSO orders, so they are never offered to the DSO.
     */
    public Set<String> lockedSlots(double[] matchedKw) {
        Set<String> locked = new HashSet<>();
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            if (matchedKw[i] > 0 && o.flexible() && o.side() == CommunityRecords.Side.SELL) {
                locked.add(o.homeId() + "|" + o.slot());
            }
        }
        return locked;
    }

    /**
     * The leftover flexibility's block offers as offers to the DSO market ({@code POST /api/offers}'s
     * JSON): slots locked by a matched flexible sell are left out (a block they split becomes two offers),
     * kW to whole watts, price rounded up to 5 decimals (EUR/kWh as the ledger keeps them); ids are deterministic ({@link #offerId}), so that posting
     * them again finds them.
     */
    public List<ObjectNode> dsoOffers(List<Offer> leftover, Set<String> locked) {
        List<ObjectNode> out = new ArrayList<>();
        for (Offer offer : leftover) {
            Map<Integer, BigDecimal> run = new LinkedHashMap<>();
            for (int k = 0; k <= offer.slots().length; k++) {
                boolean usable = k < offer.slots().length
                        && !locked.contains(offer.asset() + "|" + offer.slots()[k])
                        && Math.round(offer.kw()[k] * 1000) > 0;
                if (usable) {
                    run.put(
                            offer.slots()[k],
                            BigDecimal.valueOf(Math.round(offer.kw()[k] * 1000)).divide(W_PER_KW));
                } else if (!run.isEmpty()) {
                    out.add(offerJson(offer, run));
                    run = new LinkedHashMap<>();
                }
            }
        }
        return out;
    }

    private ObjectNode offerJson(Offer offer, Map<Integer, BigDecimal> kwBySlot) {
        int first = kwBySlot.keySet().iterator().next();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", offerId(community, day, offer.asset(), first));
        o.put("aggregatorMsp", community);
        o.put("congestionPointId", offer.congestionPoint());
        o.put("assetId", offer.asset());
        o.put("day", day.toString());
        ObjectNode kw = o.putObject("kwBySlot");
        new TreeMap<>(kwBySlot).forEach((slot, v) -> kw.put(Integer.toString(slot), plain(v)));
        o.put(
                "price",
                plain(BigDecimal.valueOf(offer.priceEurPerKwh())
                        .setScale(9, RoundingMode.HALF_EVEN)
                        .setScale(io.flexledger.domain.units.EurosPerKwh.SCALE, RoundingMode.CEILING)));
        o.put("minActivation", plain(BigDecimal.valueOf(offer.minActivation()).setScale(6, RoundingMode.CEILING)));
        return o;
    }

    /** A decimal without trailing zeros and never in exponent form (10, not 1E+1). */
    private static BigDecimal plain(BigDecimal value) {
        return new BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    /**
     * The id of the community's offer of {@code home}'s flexibility from {@code firstSlot} of {@code day}:
     * {@code cm-<day>-<home>-<firstSlot>}, or with the home's SHA-256 (16 hex digits) in its place when
     * that would be longer than an id may be.
     */
    static String offerId(String community, LocalDate day, String home, int firstSlot) {
        String id = "cm-" + day + "-" + home + "-" + firstSlot;
        if (Violations.ID.matcher(id).matches()) {
            return id;
        }
        return "cm-" + day + "-" + sha256(community + "|" + home).substring(0, 16) + "-" + firstSlot;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] doubles(List<EurosPerKwh> prices) {
        double[] out = new double[prices.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = prices.get(i).value().doubleValue();
        }
        return out;
    }
}
