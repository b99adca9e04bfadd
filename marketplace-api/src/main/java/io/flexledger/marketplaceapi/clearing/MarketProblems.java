package io.flexledger.marketplaceapi.clearing;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import io.flexledger.domain.time.MarketPeriod;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a day's order book, as the ledger holds it, into the clearing problem of the formats' section 2.
 *
 * <p>A ledger request asks for kW in several slots; the clearing format has one request per congestion
 * point and slot, so each becomes one clearing request per slot, id {@code <requestId>@<slot>}. Only
 * open requests and live (OFFERED) offers take part, and of those only offers whose asset is not
 * already sold in one of their slots by an order of the day (the ledger would refuse a double sale).
 */
public final class MarketProblems {
    private MarketProblems() {}

    /** The separator between a ledger request's id and a slot in a clearing request's id. */
    public static final char SLOT_SEPARATOR = '@';

    public static ClearingProblem of(
            MarketPeriod period, List<JsonNode> requests, List<JsonNode> offers, List<JsonNode> orders) {
        java.util.Set<String> sold = new java.util.HashSet<>();
        for (JsonNode order : orders) {
            if ("CANCELLED".equals(order.path("state").asText())) {
                continue;
            }
            for (Iterator<String> slots = order.path("kwBySlot").fieldNames(); slots.hasNext(); ) {
                sold.add(order.path("assetId").asText() + "@" + slots.next());
            }
        }
        int slotMinutes = (int) period.slotLength().toMinutes();
        List<Request> clearingRequests = new ArrayList<>();
        for (JsonNode r : requests) {
            if (!"OPEN".equals(r.path("state").asText())) {
                continue;
            }
            double penalty = r.path("unservedPenalty").asDouble();
            for (Map.Entry<Integer, Double> e : bySlot(r.path("kwBySlot")).entrySet()) {
                clearingRequests.add(new Request(
                        r.path("id").asText() + SLOT_SEPARATOR + e.getKey(),
                        r.path("congestionPointId").asText(),
                        e.getKey(),
                        e.getValue(),
                        penalty));
            }
        }
        List<Offer> clearingOffers = new ArrayList<>();
        for (JsonNode o : offers) {
            if (!"OFFERED".equals(o.path("state").asText())) {
                continue;
            }
            TreeMap<Integer, Double> kw = bySlot(o.path("kwBySlot"));
            String asset = o.path("assetId").asText();
            if (kw.keySet().stream().anyMatch(slot -> sold.contains(asset + "@" + slot))) {
                continue;
            }
            int[] slots = kw.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] values =
                    kw.values().stream().mapToDouble(Double::doubleValue).toArray();
            clearingOffers.add(new Offer(
                    o.path("id").asText(),
                    o.path("aggregatorMsp").asText(),
                    o.path("congestionPointId").asText(),
                    o.path("assetId").asText(),
                    slots,
                    values,
                    o.path("price").asDouble(),
                    o.path("minActivation").asDouble()));
        }
        return new ClearingProblem(
                "flexmarket-" + period.day(), slotMinutes, period.slotCount(), clearingRequests, clearingOffers);
    }

    private static TreeMap<Integer, Double> bySlot(JsonNode node) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(Integer.parseInt(e.getKey()), e.getValue().asDouble());
        }
        return out;
    }
}
