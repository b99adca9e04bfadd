package io.flexledger.clearing.core;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A clearing problem in arrays: congestion points, assets and requests by index, each offer's slots
 * mapped to the request it serves, and each offer's conflicts (same asset, a shared slot).
 */
public final class IndexedProblem {

    private final ClearingProblem problem;
    private final double slotHours;
    private final int[] offerPoint;
    private final int[] offerAsset;
    private final int[][] offerRequest;
    private final double[] offerCostEur;
    private final int[][] conflicts;
    private final double[] requestKw;
    private final double[] requestWeightEurPerKw;
    private final int[] requestPoint;
    private final int[][] requestOffers;
    private final int pointCount;
    private final int assetCount;

    private IndexedProblem(ClearingProblem problem) {
        this.problem = problem;
        this.slotHours = problem.slotHours();
        Map<String, Integer> points = new HashMap<>();
        Map<String, Integer> assets = new HashMap<>();
        List<Request> requests = problem.requests();
        int nr = requests.size();
        requestKw = new double[nr];
        requestWeightEurPerKw = new double[nr];
        requestPoint = new int[nr];
        Map<Long, Integer> requestAt = new HashMap<>();
        for (int r = 0; r < nr; r++) {
            Request q = requests.get(r);
            requestKw[r] = q.kw();
            requestWeightEurPerKw[r] = q.unservedPenaltyEurPerKwh() * slotHours;
            requestPoint[r] = points.computeIfAbsent(q.congestionPoint(), k -> points.size());
            requestAt.put(key(requestPoint[r], q.slot()), r);
        }
        List<Offer> offers = problem.offers();
        int no = offers.size();
        offerPoint = new int[no];
        offerAsset = new int[no];
        offerRequest = new int[no][];
        offerCostEur = new double[no];
        Map<Long, List<Integer>> byAssetSlot = new LinkedHashMap<>();
        for (int o = 0; o < no; o++) {
            Offer offer = offers.get(o);
            offerPoint[o] = points.computeIfAbsent(offer.congestionPoint(), k -> points.size());
            offerAsset[o] = assets.computeIfAbsent(offer.asset(), k -> assets.size());
            int[] slots = offer.slots();
            offerRequest[o] = new int[slots.length];
            for (int i = 0; i < slots.length; i++) {
                offerRequest[o][i] = requestAt.getOrDefault(key(offerPoint[o], slots[i]), -1);
                byAssetSlot
                        .computeIfAbsent(key(offerAsset[o], slots[i]), k -> new ArrayList<>())
                        .add(o);
            }
            offerCostEur[o] = offer.priceEurPerKwh() * slotHours * offer.totalKw();
        }
        List<List<Integer>> conflictLists = new ArrayList<>(no);
        for (int o = 0; o < no; o++) {
            conflictLists.add(new ArrayList<>());
        }
        for (List<Integer> group : byAssetSlot.values()) {
            for (int a : group) {
                for (int b : group) {
                    if (a != b && !conflictLists.get(a).contains(b)) {
                        conflictLists.get(a).add(b);
                    }
                }
            }
        }
        conflicts = new int[no][];
        for (int o = 0; o < no; o++) {
            conflicts[o] =
                    conflictLists.get(o).stream().mapToInt(Integer::intValue).toArray();
        }
        List<List<Integer>> serving = new ArrayList<>(nr);
        for (int r = 0; r < nr; r++) {
            serving.add(new ArrayList<>());
        }
        for (int o = 0; o < no; o++) {
            for (int r : offerRequest[o]) {
                if (r >= 0) {
                    serving.get(r).add(o);
                }
            }
        }
        requestOffers = new int[nr][];
        for (int r = 0; r < nr; r++) {
            requestOffers[r] =
                    serving.get(r).stream().mapToInt(Integer::intValue).toArray();
        }
        pointCount = points.size();
        assetCount = assets.size();
    }

    private static long key(int a, int slot) {
        return ((long) a << 32) | (slot & 0xffffffffL);
    }

    /** Indexes a problem. */
    public static IndexedProblem of(ClearingProblem problem) {
        return new IndexedProblem(problem);
    }

    public ClearingProblem problem() {
        return problem;
    }

    public int offerCount() {
        return offerPoint.length;
    }

    public int requestCount() {
        return requestKw.length;
    }

    public int pointCount() {
        return pointCount;
    }

    public int assetCount() {
        return assetCount;
    }

    public Offer offer(int o) {
        return problem.offers().get(o);
    }

    /** The congestion point index of an offer. */
    public int offerPoint(int o) {
        return offerPoint[o];
    }

    /** The asset index of an offer. */
    public int offerAsset(int o) {
        return offerAsset[o];
    }

    /** Per listed slot of the offer, the index of the request it serves, or -1. */
    public int[] offerRequests(int o) {
        return offerRequest[o];
    }

    /** What the offer costs at fraction 1, EUR ({@code price * h * sum kw}). */
    public double offerCostEur(int o) {
        return offerCostEur[o];
    }

    /** The offers that may not be accepted together with this one (same asset, a shared slot). */
    public int[] conflicts(int o) {
        return conflicts[o];
    }

    /** The offers that list the request's congestion point and slot. */
    public int[] requestOffers(int r) {
        return requestOffers[r];
    }

    /** The kW an offer offers at a request it serves, or 0. */
    public double offerKwAt(int o, int r) {
        int[] req = offerRequest[o];
        for (int i = 0; i < req.length; i++) {
            if (req[i] == r) {
                return problem.offers().get(o).kw()[i];
            }
        }
        return 0.0;
    }

    public double requestKw(int r) {
        return requestKw[r];
    }

    public int requestPoint(int r) {
        return requestPoint[r];
    }

    /** What one unserved kW of the request costs over its slot, EUR/kW ({@code penalty * h}). */
    public double requestWeightEurPerKw(int r) {
        return requestWeightEurPerKw[r];
    }
}
