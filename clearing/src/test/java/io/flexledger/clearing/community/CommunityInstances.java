package io.flexledger.clearing.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded community days for the tests: firm demand and PV surplus, flexible batteries and loads. */
final class CommunityInstances {

    private CommunityInstances() {}

    /**
     * A random day.
     *
     * @param seed the random seed
     * @param homes the number of homes
     * @param slots the number of 15-minute slots
     * @param feeders the number of feeders (home k sits behind feeder k mod feeders)
     * @param limitKwPerHome each feeder's import and export limits per home behind it (small: limits bind)
     */
    static CommunityDay random(long seed, int homes, int slots, int feeders, double limitKwPerHome) {
        Random rnd = new Random(seed);
        double[] importPrice = new double[slots];
        double[] exportPrice = new double[slots];
        for (int t = 0; t < slots; t++) {
            importPrice[t] = round(0.22 + 0.14 * rnd.nextDouble());
            exportPrice[t] = round(0.03 + 0.05 * rnd.nextDouble());
        }
        int[] homesAt = new int[feeders];
        for (int k = 0; k < homes; k++) {
            homesAt[k % feeders]++;
        }
        List<Feeder> feederList = new ArrayList<>();
        for (int f = 0; f < feeders; f++) {
            double spread = 0.5 + rnd.nextDouble();
            feederList.add(new Feeder(
                    "F" + f,
                    round(limitKwPerHome * homesAt[f] * spread),
                    round(limitKwPerHome * homesAt[f] * (1.5 - spread + 0.5))));
        }
        List<CommunityOrder> orders = new ArrayList<>();
        for (int k = 0; k < homes; k++) {
            String home = "h" + k;
            String feeder = "F" + (k % feeders);
            boolean pv = rnd.nextDouble() < 0.6;
            boolean battery = rnd.nextDouble() < 0.5;
            boolean shiftable = rnd.nextDouble() < 0.5;
            for (int t = 0; t < slots; t++) {
                String id = home + "-t" + t;
                if (pv && rnd.nextDouble() < 0.7) {
                    orders.add(new CommunityOrder(
                            id + "-pv",
                            home,
                            feeder,
                            t,
                            Side.SELL,
                            false,
                            round(4 * rnd.nextDouble()),
                            round(0.1 * rnd.nextDouble())));
                } else {
                    orders.add(new CommunityOrder(
                            id + "-load",
                            home,
                            feeder,
                            t,
                            Side.BUY,
                            false,
                            round(0.2 + 2.8 * rnd.nextDouble()),
                            round(0.15 + 0.25 * rnd.nextDouble())));
                }
                if (battery) {
                    orders.add(new CommunityOrder(
                            id + "-bat",
                            home,
                            feeder,
                            t,
                            Side.SELL,
                            true,
                            round(3 * rnd.nextDouble()),
                            round(0.06 + 0.2 * rnd.nextDouble())));
                }
                if (shiftable) {
                    orders.add(new CommunityOrder(
                            id + "-shift",
                            home,
                            feeder,
                            t,
                            Side.BUY,
                            true,
                            round(2 * rnd.nextDouble()),
                            round(0.04 + 0.2 * rnd.nextDouble())));
                }
            }
        }
        return new CommunityDay("community-s" + seed, "agr-1", 15, slots, importPrice, exportPrice, feederList, orders);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
