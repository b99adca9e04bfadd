package io.flexledger.agents.live;

import io.flexledger.agents.aggregator.CemsAgent;
import io.flexledger.agents.aggregator.Schedule;
import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.dso.CongestionPoint;
import io.flexledger.agents.dso.DsoAgent;
import io.flexledger.agents.dso.GridDay;
import io.flexledger.agents.grid.LvNetwork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DSO agent's requests for a live day: the campaign's rules (decision 0006) on the baseline
 * forecast of the homes taking part, one ledger request per congested point.
 *
 * <p>Rules: homes that do not take part draw nothing in the power flow; a slot is congested and sized
 * as in the campaign ({@link DsoAgent#need}, {@link DsoAgent#request}); only downward needs become
 * requests, because a ledger request asks for load reduction (it has no direction), so upward needs
 * (PV export) are counted and left out; with no congestion, an optional forced request asks for a
 * fixed kW at the transformer over the hour of the baseline's highest net load when no request
 * could be posted otherwise.
 */
public final class DsoRequests {

    /** Slots of a forced request: one hour of quarter-hours. */
    static final int FORCED_SLOTS = 4;

    /**
     * The request at one point.
     *
     * @param point the congestion point
     * @param kwBySlot kW of load reduction per slot
     * @param forced whether it was forced rather than found in the power flow
     */
    public record PointRequest(CongestionPoint point, SortedMap<Integer, Double> kwBySlot, boolean forced) {

        /** kWh asked for, for slots of {@code hoursPerSlot}. */
        public double energyKwh(double hoursPerSlot) {
            return kwBySlot.values().stream().mapToDouble(Double::doubleValue).sum() * hoursPerSlot;
        }
    }

    /**
     * What the DSO found on the baseline.
     *
     * @param baseline the forecast power flow
     * @param requests one per point with a downward need (feeders first, then the transformer)
     * @param upwardSlots point-slots that needed more load (not expressible on the ledger)
     * @param congestedSlots slots with any congestion on the baseline
     */
    public record Plan(GridDay baseline, List<PointRequest> requests, int upwardSlots, int congestedSlots) {}

    private DsoRequests() {}

    /** Net kW per network home and slot: the agents' schedules, zero for homes not taking part. */
    static double[][] netKw(LvNetwork network, List<CemsAgent> agents, boolean operated, int slots) {
        double[][] kw = new double[network.homeCount()][slots];
        for (CemsAgent a : agents) {
            Schedule s = operated ? a.operated() : a.planned();
            for (int t = 0; t < slots; t++) {
                kw[a.index()][t] = s.netKw(t);
            }
        }
        return kw;
    }

    /** Consumption per network home and slot, zero for homes not taking part. */
    static double[][] loadKw(LvNetwork network, List<CemsAgent> agents, boolean operated, int slots) {
        double[][] kw = new double[network.homeCount()][slots];
        for (CemsAgent a : agents) {
            Schedule s = operated ? a.operated() : a.planned();
            System.arraycopy(s.loadKw(), 0, kw[a.index()], 0, slots);
        }
        return kw;
    }

    /**
     * The DSO's requests on the baseline of the optimised agents.
     *
     * @param forceKw kW to request at the transformer when nothing is congested, or null
     */
    public static Plan plan(LvNetwork network, DsoAgent dso, List<CemsAgent> agents, int slots, Double forceKw) {
        double[][] kw = netKw(network, agents, false, slots);
        double[][] load = loadKw(network, agents, false, slots);
        GridDay baseline = dso.forecast(kw, load);
        List<CongestionPoint> points = new ArrayList<>(dso.points());
        // feeders first, as in the campaign (only their own homes relieve them)
        Collections.rotate(points, -1);
        List<PointRequest> out = new ArrayList<>();
        int upward = 0;
        for (CongestionPoint p : points) {
            SortedMap<Integer, Double> bySlot = new TreeMap<>();
            for (int t = 0; t < slots; t++) {
                double pointKw = 0;
                for (int h = 0; h < kw.length; h++) {
                    pointKw += p.covers(network, h) ? kw[h][t] : 0;
                }
                FlexOffer.Direction d = DsoAgent.need(baseline, p, pointKw, t);
                if (d == FlexOffer.Direction.UP) {
                    upward++;
                } else if (d == FlexOffer.Direction.DOWN) {
                    bySlot.put(t, dso.request(p, d, t, kw, load).request().kw());
                }
            }
            if (!bySlot.isEmpty()) {
                out.add(new PointRequest(p, Collections.unmodifiableSortedMap(bySlot), false));
            }
        }
        int congested = 0;
        for (int t = 0; t < slots; t++) {
            congested += baseline.congested(t) ? 1 : 0;
        }
        if (out.isEmpty() && forceKw != null) {
            out.add(forced(network, baseline, forceKw));
        }
        return new Plan(baseline, List.copyOf(out), upward, congested);
    }

    /** A request of {@code kw} at the transformer over the hour of the highest net load. */
    static PointRequest forced(LvNetwork network, GridDay baseline, double kw) {
        int slots = baseline.slots();
        int best = 0;
        double bestKw = Double.NEGATIVE_INFINITY;
        for (int t = 0; t + FORCED_SLOTS <= slots; t++) {
            double sum = 0;
            for (int k = t; k < t + FORCED_SLOTS; k++) {
                sum += baseline.netKw(k);
            }
            // the first hour with the highest net load
            if (sum > bestKw + 1e-9) {
                bestKw = sum;
                best = t;
            }
        }
        SortedMap<Integer, Double> bySlot = new TreeMap<>();
        for (int t = best; t < best + FORCED_SLOTS; t++) {
            bySlot.put(t, kw);
        }
        return new PointRequest(CongestionPoint.transformer(network), Collections.unmodifiableSortedMap(bySlot), true);
    }
}
