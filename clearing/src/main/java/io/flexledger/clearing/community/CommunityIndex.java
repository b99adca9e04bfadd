package io.flexledger.clearing.community;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A community day in integer watts and indices, shared (read-only) by the planning solution, its clones
 * and the moves. Order kW and feeder limits are rounded down to whole watts.
 */
final class CommunityIndex {

    /** Watts per kW. */
    static final double W_PER_KW = 1000.0;

    final CommunityDay day;
    final int[] orderSlot;
    final int[] orderFeeder;
    final boolean[] orderBuys;
    final boolean[] orderFlexible;
    final int[] orderMaxW;
    /** Per order: its effective price per W matched over one slot, micro-EUR. */
    final double[] orderMicroEurPerW;

    final int[][] buysInSlot;
    final int[][] sellsInSlot;
    final int[][] flexibleInSlot;
    /** Slots with at least one buy and one sell that can take a watt. */
    final int[] tradableSlots;

    /** Per feeder and slot: the firm net import (firm buys minus firm sells), W. */
    final long[][] baselineW;
    /** Per feeder and slot: the most net import allowed, W (the limit, or the firm baseline above it). */
    final long[][] importLimitW;
    /** Per feeder and slot: the most net export allowed, W (the limit, or the firm baseline beyond it). */
    final long[][] exportLimitW;

    private CommunityIndex(CommunityDay day) {
        this.day = day;
        int n = day.orders().size();
        int slots = day.slots();
        int feeders = day.feeders().size();
        Map<String, Integer> feederIndex = new HashMap<>();
        for (int f = 0; f < feeders; f++) {
            feederIndex.put(day.feeders().get(f).id(), f);
        }
        orderSlot = new int[n];
        orderFeeder = new int[n];
        orderBuys = new boolean[n];
        orderFlexible = new boolean[n];
        orderMaxW = new int[n];
        orderMicroEurPerW = new double[n];
        baselineW = new long[feeders][slots];
        List<List<Integer>> buys = lists(slots);
        List<List<Integer>> sells = lists(slots);
        List<List<Integer>> flexible = lists(slots);
        double h = day.slotHours();
        for (int i = 0; i < n; i++) {
            CommunityOrder o = day.orders().get(i);
            orderSlot[i] = o.slot();
            orderFeeder[i] = feederIndex.get(o.feeder());
            orderBuys[i] = o.buys();
            orderFlexible[i] = o.flexible();
            orderMaxW[i] = watts(o.kw());
            // EUR/kWh * h * (kW per W) * (micro-EUR per EUR)
            orderMicroEurPerW[i] = day.effectivePrice(o) * h * 1e-3 * 1e6;
            (o.buys() ? buys : sells).get(o.slot()).add(i);
            if (o.flexible()) {
                flexible.get(o.slot()).add(i);
            } else {
                baselineW[orderFeeder[i]][o.slot()] += o.buys() ? orderMaxW[i] : -orderMaxW[i];
            }
        }
        buysInSlot = arrays(buys);
        sellsInSlot = arrays(sells);
        flexibleInSlot = arrays(flexible);
        List<Integer> tradable = new ArrayList<>();
        for (int t = 0; t < slots; t++) {
            if (anyCapacity(buysInSlot[t]) && anyCapacity(sellsInSlot[t])) {
                tradable.add(t);
            }
        }
        tradableSlots = tradable.stream().mapToInt(Integer::intValue).toArray();
        importLimitW = new long[feeders][slots];
        exportLimitW = new long[feeders][slots];
        for (int f = 0; f < feeders; f++) {
            Feeder feeder = day.feeders().get(f);
            for (int t = 0; t < slots; t++) {
                // a firm baseline already past a limit widens it: the market must not make it worse
                importLimitW[f][t] = Math.max(watts(feeder.maxImportKw()), baselineW[f][t]);
                exportLimitW[f][t] = Math.max(watts(feeder.maxExportKw()), -baselineW[f][t]);
            }
        }
    }

    static CommunityIndex of(CommunityDay day) {
        return new CommunityIndex(day);
    }

    int orderCount() {
        return orderSlot.length;
    }

    /** kW rounded down to whole watts. */
    static int watts(double kw) {
        return (int) Math.floor(kw * W_PER_KW + 1e-9);
    }

    private boolean anyCapacity(int[] orders) {
        for (int i : orders) {
            if (orderMaxW[i] > 0) {
                return true;
            }
        }
        return false;
    }

    private static List<List<Integer>> lists(int n) {
        List<List<Integer>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    private static int[][] arrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
