package io.flexledger.agents.dso;

import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.grid.GridState;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.agents.grid.PowerFlow;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.ClearingResult;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import io.flexledger.clearing.solver.Clearer;
import io.flexledger.clearing.solver.SearchLimit;
import java.util.ArrayList;
import java.util.List;

/**
 * The DSO agent (UC3), in-process: it finds congestion in the forecast power flow, sizes a request
 * per congested slot and point, and clears the requests against the aggregators' offers with the
 * market's Timefold clearing.
 *
 * <p>Request sizing rule: the least reduction {@code x} of the point's total net load (or increase,
 * for an export problem), spread equally over the homes under the point, after which the power flow
 * shows the point uncongested in that slot; found by bisection to 0.05 kW, then raised by a safety
 * margin and rounded up to 0.1 kW. Not thread-safe (it owns a power flow state).
 */
public final class DsoAgent {

    /** Tuning of the DSO's requests. */
    public record Settings(double unservedPenaltyEurPerKwh, double marginFraction, SearchLimit clearingLimit) {

        /**
         * 1 EUR/kWh unserved, a 5% margin on the sized kW, at most 0.5 s of clearing per point (and
         * 0.2 s without improvement).
         */
        public static Settings defaults() {
            return new Settings(1.0, 0.05, SearchLimit.seconds(0.5));
        }
    }

    /** The largest request the bisection considers, kW (well above the transformer rating). */
    static final double MAX_REQUEST_KW = 2000;

    private final LvNetwork network;
    private final PowerFlow pf;
    private final GridState state;
    private final Settings settings;

    /** A DSO agent for a network. */
    public DsoAgent(LvNetwork network, Settings settings) {
        this.network = network;
        this.pf = new PowerFlow(network);
        this.state = pf.newState();
        this.settings = settings;
    }

    /** The network's power flow (for forecasts). */
    public PowerFlow powerFlow() {
        return pf;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** The forecast (or observed) grid day of these home powers. */
    public GridDay forecast(double[][] homeKw, double[][] homeLoadKw) {
        return GridDay.run(pf, homeKw, homeLoadKw);
    }

    /** The points, transformer first then feeders in order. */
    public List<CongestionPoint> points() {
        List<CongestionPoint> out = new ArrayList<>();
        out.add(CongestionPoint.transformer(network));
        for (int f = 0; f < network.feederIds().size(); f++) {
            out.add(CongestionPoint.feeder(network, f));
        }
        return out;
    }

    /**
     * The direction that relieves the point in slot {@code t}, or null when it is not congested there:
     * down for an overload while importing or an undervoltage, up for an overload while exporting or an
     * overvoltage.
     */
    public static FlexOffer.Direction need(GridDay day, CongestionPoint p, double pointNetKw, int t) {
        if (p.isTransformer()) {
            if (!day.transformerOverloaded(t)) {
                return null;
            }
            return pointNetKw >= 0 ? FlexOffer.Direction.DOWN : FlexOffer.Direction.UP;
        }
        int f = p.feeder();
        if (day.feederUndervoltage(f, t)) {
            return FlexOffer.Direction.DOWN;
        }
        if (day.feederOvervoltage(f, t)) {
            return FlexOffer.Direction.UP;
        }
        if (day.feederOverloaded(f, t)) {
            return pointNetKw >= 0 ? FlexOffer.Direction.DOWN : FlexOffer.Direction.UP;
        }
        return null;
    }

    /**
     * A request sized for slot {@code t} at point {@code p}.
     *
     * @param homeKw net power per home and slot, kW
     * @param homeLoadKw consumption per home and slot, kW (reactive power)
     * @return the request, with its direction
     */
    public SizedRequest request(
            CongestionPoint p, FlexOffer.Direction direction, int t, double[][] homeKw, double[][] homeLoadKw) {
        int n = network.homeCount();
        double[] kw = new double[n];
        double[] kvar = new double[n];
        int under = 0;
        for (int h = 0; h < n; h++) {
            kw[h] = homeKw[h][t];
            kvar[h] = GridDay.reactiveKvar(homeLoadKw[h][t]);
            under += p.covers(network, h) ? 1 : 0;
        }
        double sign = direction == FlexOffer.Direction.DOWN ? -1 : 1;
        double lo = 0;
        double hi = 1;
        // grow the bracket until the point is relieved (or the bound is reached)
        while (!relieved(p, kw, kvar, sign * hi / under) && hi < MAX_REQUEST_KW) {
            lo = hi;
            hi = Math.min(MAX_REQUEST_KW, hi * 2);
        }
        // bisection to 0.05 kW: lo does not relieve the point, hi does
        while (hi - lo > 0.05) {
            double mid = (lo + hi) / 2;
            if (relieved(p, kw, kvar, sign * mid / under)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        // safety margin, rounded up to 0.1 kW
        double sized = Math.ceil(hi * (1 + settings.marginFraction()) * 10) / 10;
        Request r = new Request("r-" + p.id() + "-" + t, p.id(), t, sized, settings.unservedPenaltyEurPerKwh());
        return new SizedRequest(r, direction);
    }

    // whether shifting every home under p by perHomeKw relieves p
    private boolean relieved(CongestionPoint p, double[] kw, double[] kvar, double perHomeKw) {
        double[] shifted = kw.clone();
        for (int h = 0; h < shifted.length; h++) {
            if (p.covers(network, h)) {
                shifted[h] += perHomeKw;
            }
        }
        pf.solve(shifted, kvar, state);
        if (!state.converged()) {
            return false;
        }
        return p.isTransformer() ? !state.transformerOverloaded() : !state.feederCongested(p.feeder());
    }

    /** Clears the point's requests against the offers with the market's Timefold clearing. */
    public ClearingResult clear(ClearingProblem problem) {
        return new Clearer(settings.clearingLimit(), msg -> {}).clear(problem);
    }

    /** A clearing problem of the format's section 2 for one point. */
    public static ClearingProblem problem(
            String id, int slotMinutes, int slots, List<Request> requests, List<Offer> offers) {
        return new ClearingProblem(id, slotMinutes, slots, requests, offers);
    }

    /**
     * A request with the direction that serves it.
     *
     * @param request the clearing request
     * @param direction down (less net load) or up
     */
    public record SizedRequest(Request request, FlexOffer.Direction direction) {}
}
