package io.flexledger.agents.cems.flex;

import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.cems.solver.GlopBranchAndBound;
import io.flexledger.agents.cems.solver.HomeDayFormulation;
import io.flexledger.agents.cems.solver.LinearModel;
import io.flexledger.agents.cems.solver.MilpBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives a home's flexibility from its optimal schedule (UC1 to UC2): for each block of consecutive
 * slots, how far the home's net load can move down (or up) in every slot of the block together, and
 * the price that keeps its bill whole plus a margin.
 *
 * <p>The rule (docs/decisions/0003-cems-model.md): for a block B, (1) the largest uniform shift
 * {@code delta} such that some schedule meeting every constraint of the home-day has net load
 * {@code <= baseline - delta} (down) or {@code >= baseline + delta} (up) in every slot of B, found by
 * maximising delta over the same exact model; (2) the least bill {@code C1} of such a schedule for
 * the offered shift; (3) price = {@code (C1 - C0) / (h * |B| * delta) + margin}, where C0 is the
 * optimal bill. Every offer therefore comes with a schedule that delivers it. Partial activation:
 * when the activated schedule runs every deferrable at its baseline start, the mix {@code (1 - f)
 * baseline + f activated} is feasible and costs {@code C0 + f (C1 - C0)}, so any fraction is
 * deliverable and paid for, and {@code minActivation} is the configured floor; otherwise the offer
 * must be taken whole ({@code minActivation = 1}).
 */
public final class FlexibilityDeriver {

    /** Slack, in steps, when rounding the largest feasible shift down to a step. */
    private static final double SAFETY = 1e-6;

    private final MilpBackend backend;
    private final Settings settings;

    /**
     * Tuning of the rule.
     *
     * @param marginEurPerKwh added to the bill-neutral price, EUR/kWh (>= 0)
     * @param blockSlots slots per block offer (>= 1)
     * @param minOfferKw shifts smaller than this are not offered
     * @param minActivation floor for partially activatable offers, in [0, 1]
     * @param kwStep offered shifts are rounded down to a multiple of this, kW (> 0)
     */
    public record Settings(
            double marginEurPerKwh, int blockSlots, double minOfferKw, double minActivation, double kwStep) {

        /** Validates the settings. */
        public Settings {
            if (marginEurPerKwh < 0 || blockSlots < 1 || minOfferKw < 0 || kwStep <= 0) {
                throw new IllegalArgumentException("bad flexibility settings");
            }
            if (minActivation < 0 || minActivation > 1) {
                throw new IllegalArgumentException("minActivation must be in [0, 1]");
            }
        }

        /** Hour blocks of quarter-hours, 2 cEUR/kWh margin, shifts from 0.1 kW in 0.01 kW steps. */
        public static Settings defaults() {
            return new Settings(0.02, 4, 0.1, 0.1, 0.01);
        }
    }

    /** A deriver on the default exact backend. */
    public FlexibilityDeriver(Settings settings) {
        this(new GlopBranchAndBound(), settings);
    }

    /** A deriver on the given exact backend. */
    public FlexibilityDeriver(MilpBackend backend, Settings settings) {
        this.backend = backend;
        this.settings = settings;
    }

    /**
     * Offers of the home for consecutive blocks covering {@code [fromSlot, toSlot)}.
     *
     * @param day the home-day
     * @param optimal its optimal schedule (the baseline)
     * @param congestionPoint the point the offers count at
     * @param direction down or up
     */
    public List<Flexibility> derive(
            HomeDay day,
            CemsResult optimal,
            String congestionPoint,
            FlexOffer.Direction direction,
            int fromSlot,
            int toSlot) {
        if (fromSlot < 0 || toSlot > day.slots() || fromSlot >= toSlot) {
            throw new IllegalArgumentException("slot range [" + fromSlot + ", " + toSlot + ") outside the day");
        }
        List<Flexibility> out = new ArrayList<>();
        for (int a = fromSlot; a < toSlot; a += settings.blockSlots()) {
            int b = Math.min(toSlot, a + settings.blockSlots());
            int[] block = new int[b - a];
            for (int i = 0; i < block.length; i++) {
                block[i] = a + i;
            }
            Flexibility f = block(day, optimal, congestionPoint, direction, block);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** The offer for one block, or null when the home cannot move by at least minOfferKw there. */
    Flexibility block(
            HomeDay day, CemsResult optimal, String congestionPoint, FlexOffer.Direction direction, int[] block) {
        boolean down = direction == FlexOffer.Direction.DOWN;
        double[] baseline = optimal.netLoadKw();
        HomeDayFormulation f = new HomeDayFormulation(day);
        LinearModel m = f.model();
        int delta = f.addNetLoadShift(block, baseline, down);
        // step 1: the largest uniform shift the home can make in the block, whatever it costs
        double[] objective = new double[m.columns()];
        for (int c = 0; c < m.columns(); c++) {
            objective[c] = m.objective(c);
            m.setObjective(c, 0);
        }
        m.setObjective(delta, -1);
        MilpBackend.Solution most = backend.solve(m);
        if (most.status() != MilpBackend.Status.OPTIMAL) {
            return null;
        }
        // offer a multiple of kwStep; one step less if rounding up to the solver's tolerance overshoots
        double kw = Math.floor(most.values()[delta] / settings.kwStep() + SAFETY) * settings.kwStep();
        for (int c = 0; c < m.columns(); c++) {
            m.setObjective(c, objective[c]);
        }
        MilpBackend.Solution cheapest = null;
        for (int attempt = 0; attempt < 2 && kw >= settings.minOfferKw() && kw > 0; attempt++) {
            // step 2: the least bill of a schedule that shifts by the offered kW in every slot of the block
            m.setBounds(delta, kw, kw);
            cheapest = backend.solve(m);
            if (cheapest.status() == MilpBackend.Status.OPTIMAL) {
                break;
            }
            kw -= settings.kwStep();
        }
        if (cheapest == null || cheapest.status() != MilpBackend.Status.OPTIMAL || kw < settings.minOfferKw()) {
            return null;
        }
        CemsResult activated = f.decode(cheapest.values(), 0);
        double h = day.hoursPerSlot();
        double extra = Math.max(0, activated.bill() - optimal.bill());
        double energy = h * block.length * kw;
        // price: the bill increase per kWh delivered, plus the margin
        double price = extra / energy + settings.marginEurPerKwh();
        // partial activation is deliverable only when no deferrable start changes (see class comment)
        boolean sameStarts = activated.deferrableStart().equals(optimal.deferrableStart());
        double minActivation = sameStarts ? settings.minActivation() : 1.0;
        TreeMap<Integer, Double> kwBySlot = new TreeMap<>();
        for (int t : block) {
            kwBySlot.put(t, kw);
        }
        String id = day.id() + "-" + (down ? "down" : "up") + "-" + block[0] + "-" + block.length;
        FlexOffer offer = new FlexOffer(
                id,
                day.id(),
                congestionPoint,
                direction,
                java.util.Collections.unmodifiableSortedMap(kwBySlot),
                price,
                minActivation);
        return new Flexibility(offer, activated, extra);
    }

    /** The net load of a schedule after activating a fraction of an offer (for checks and simulation). */
    public static double[] netLoadAfter(CemsResult optimal, Flexibility flex, double fraction) {
        double[] base = optimal.netLoadKw();
        double[] act = flex.activated().netLoadKw();
        double[] out = new double[base.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = (1 - fraction) * base[t] + fraction * act[t];
        }
        return out;
    }

    /** The offered kW per slot as a plain map (for callers building clearing files). */
    public static Map<String, Double> kwBySlotKeys(FlexOffer offer) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        offer.kwBySlot().forEach((k, v) -> out.put(Integer.toString(k), v));
        return out;
    }
}
