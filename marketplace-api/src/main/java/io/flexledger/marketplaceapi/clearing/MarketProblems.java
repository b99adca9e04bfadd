package io.flexledger.marketplaceapi.clearing;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import io.flexledger.contract.codec.MarketRecords.StoredOrder;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.market.FlexRequestState;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
            MarketPeriod period, List<FlexRequest> requests, List<FlexOffer> offers, List<StoredOrder> orders) {
        java.util.Set<String> sold = new java.util.HashSet<>();
        for (StoredOrder order : orders) {
            if (order.order().state() == FlexOrderState.CANCELLED) {
                continue;
            }
            for (Integer slot : order.kwBySlot().keySet()) {
                sold.add(order.assetId() + "@" + slot);
            }
        }
        int slotMinutes = (int) period.slotLength().toMinutes();
        List<Request> clearingRequests = new ArrayList<>();
        for (FlexRequest r : requests) {
            if (r.state() != FlexRequestState.OPEN) {
                continue;
            }
            double penalty = r.unservedPenalty().value().doubleValue();
            for (Map.Entry<Integer, Double> e : bySlot(r.kwBySlot()).entrySet()) {
                clearingRequests.add(new Request(
                        r.id() + SLOT_SEPARATOR + e.getKey(),
                        r.congestionPointId(),
                        e.getKey(),
                        e.getValue(),
                        penalty));
            }
        }
        List<Offer> clearingOffers = new ArrayList<>();
        for (FlexOffer o : offers) {
            if (o.state() != FlexOfferState.OFFERED) {
                continue;
            }
            TreeMap<Integer, Double> kw = bySlot(o.kwBySlot());
            String asset = o.assetId();
            if (kw.keySet().stream().anyMatch(slot -> sold.contains(asset + "@" + slot))) {
                continue;
            }
            int[] slots = kw.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] values =
                    kw.values().stream().mapToDouble(Double::doubleValue).toArray();
            clearingOffers.add(new Offer(
                    o.id(),
                    o.aggregatorMsp(),
                    o.congestionPointId(),
                    o.assetId(),
                    slots,
                    values,
                    o.price().value().doubleValue(),
                    o.minActivation().doubleValue()));
        }
        return new ClearingProblem(
                "flexmarket-" + period.day(), slotMinutes, period.slotCount(), clearingRequests, clearingOffers);
    }

    private static TreeMap<Integer, Double> bySlot(SortedMap<Integer, Kilowatts> kw) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        kw.forEach((slot, value) -> out.put(slot, value.value().doubleValue()));
        return out;
    }
}
