package io.flexledger.marketplaceapi.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityOrder;
import io.flexledger.clearing.community.CommunityResult;
import io.flexledger.clearing.community.Feeder;
import io.flexledger.clearing.community.Side;
import io.flexledger.clearing.model.Offer;
import io.flexledger.domain.time.MarketRules;
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
 * @param dayRecord the ledger's day ({@code gateClosure, pricing, importPrice[], exportPrice[]})
 * @param orders the day's orders as the ledger holds them, in the ledger's order
 * @param feederOfHome the congestion point of each home with orders (the registry's asset)
 * @param feeders the feeders with their limits
 */
public record CommunityBook(
        String community,
        LocalDate day,
        JsonNode dayRecord,
        List<JsonNode> orders,
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
        for (JsonNode o : orders) {
            String home = o.path("homeId").asText();
            in.add(new CommunityOrder(
                    o.path("id").asText(),
                    home,
                    feederOfHome.get(home),
                    o.path("slot").asInt(),
                    Side.valueOf(o.path("side").asText()),
                    o.path("flexible").asBoolean(),
                    o.path("kw").asDouble(),
                    o.path("price").asDouble()));
        }
        return new CommunityDay(
                community + ":" + day,
                community,
                (int) MarketRules.DEFAULT.slotLength().toMinutes(),
                dayRecord.path("importPrice").size(),
                doubles(dayRecord.path("importPrice")),
                doubles(dayRecord.path("exportPrice")),
                feeders,
                in);
    }

    /**
     * The trades of a clearing: one per matched order, {@code {orderId, kw, price}}, kW in whole watts
     * (the solver matches watts, so each slot's buys and sells balance exactly) and the price per kWh the
     * order pays or receives, to 6 decimals, rounded down for a buyer and up for a seller so that nobody
     * is charged beyond its own limit.
     */
    public ArrayNode trades(CommunityResult result) {
        ArrayNode trades = JSON.createArrayNode();
        CommunityDay d = solverDay();
        double hours = d.slotHours();
        for (int i = 0; i < orders.size(); i++) {
            double kw = result.matching().matchedKw(i);
            long watts = Math.round(kw * 1000);
            if (watts <= 0) {
                continue;
            }
            CommunityOrder o = d.orders().get(i);
            double perKwh = result.prices().amountEur()[i] / (kw * hours);
            // to 9 decimals first, so that floating-point noise (0.17499999...) does not move the cent
            BigDecimal price = BigDecimal.valueOf(perKwh)
                    .setScale(9, RoundingMode.HALF_EVEN)
                    .setScale(6, o.buys() ? RoundingMode.FLOOR : RoundingMode.CEILING)
                    .max(BigDecimal.ZERO);
            ObjectNode t = trades.addObject();
            t.put("orderId", o.id());
            t.put(
                    "kw",
                    BigDecimal.valueOf(watts)
                            .divide(W_PER_KW)
                            .stripTrailingZeros()
                            .toPlainString());
            t.put("price", price.stripTrailingZeros().toPlainString());
        }
        return trades;
    }

    /** The matched kW per order (input order) of recorded trades. */
    public double[] matchedKw(JsonNode trades) {
        Map<String, Double> byOrder = new HashMap<>();
        for (JsonNode t : trades) {
            byOrder.put(t.path("orderId").asText(), t.path("kw").asDouble());
        }
        double[] kw = new double[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            kw[i] = byOrder.getOrDefault(orders.get(i).path("id").asText(), 0.0);
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
            JsonNode o = orders.get(i);
            if (matchedKw[i] > 0
                    && o.path("flexible").asBoolean()
                    && "SELL".equals(o.path("side").asText())) {
                locked.add(o.path("homeId").asText() + "|" + o.path("slot").asInt());
            }
        }
        return locked;
    }

    /**
     * The leftover flexibility's block offers as offers to the DSO market ({@code POST /api/offers}'s
     * JSON): slots locked by a matched flexible sell are left out (a block they split becomes two offers),
     * kW to whole watts, price to 6 decimals; ids are deterministic ({@link #offerId}), so that posting
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
        new TreeMap<>(kwBySlot).forEach((slot, v) -> kw.put(Integer.toString(slot), v.stripTrailingZeros()));
        o.put(
                "price",
                BigDecimal.valueOf(offer.priceEurPerKwh())
                        .setScale(9, RoundingMode.HALF_EVEN)
                        .setScale(6, RoundingMode.CEILING)
                        .stripTrailingZeros());
        o.put(
                "minActivation",
                BigDecimal.valueOf(offer.minActivation())
                        .setScale(6, RoundingMode.CEILING)
                        .stripTrailingZeros());
        return o;
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

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
