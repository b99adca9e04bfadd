package io.flexledger.agents.aggregator;

import io.flexledger.agents.cems.CemsOptimiser;
import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.agents.cems.model.CemsResult;
import io.flexledger.agents.cems.model.HomeDay;
import io.flexledger.agents.scenario.GeneratedHome;
import java.util.ArrayList;
import java.util.List;

/**
 * The CEMS agent of one home (UC1), in-process: it optimises the home-day, offers flexibility for
 * the slots a congestion point asks about, and runs the activated schedule of an ordered offer.
 *
 * <p>Offer rule: for every run of consecutive requested slots (an episode) the home offers hour
 * blocks and, when the episode is longer than an hour, one block over the whole episode; the deriver
 * proves each block deliverable. Homes whose devices cannot act in the episode (no battery, EV,
 * shiftable appliance or interruptible load there, nor PV to curtail for an upward request) offer
 * nothing without solving. Not thread-safe: one agent per home, used by one thread at a time.
 */
public final class CemsAgent {

    private final GeneratedHome home;
    private final int index;
    private final CemsOptimiser optimiser;
    private CemsResult optimal;
    private Schedule planned;
    private Schedule operated;
    private double paymentsEur;
    private double solveMs;

    /**
     * An agent for a home.
     *
     * @param home the generated home-day
     * @param index the home's index in the network
     * @param optimiser the exact home-day optimiser (thread-safe, may be shared)
     */
    public CemsAgent(GeneratedHome home, int index, CemsOptimiser optimiser) {
        this.home = home;
        this.index = index;
        this.optimiser = optimiser;
    }

    /** The home-day. */
    public HomeDay day() {
        return home.day();
    }

    /** The generated home (household, tariff, uncontrolled demand). */
    public GeneratedHome home() {
        return home;
    }

    /** The home's index in the network. */
    public int index() {
        return index;
    }

    /** Optimises the home-day; the optimal schedule becomes the baseline and what the home runs. */
    public CemsResult optimise() {
        long start = System.nanoTime();
        optimal = optimiser.solve(home.day());
        solveMs = (System.nanoTime() - start) / 1e6;
        planned = Schedule.of(optimal);
        operated = planned;
        return optimal;
    }

    /** Wall time of the optimisation, model build included, ms (at nanosecond resolution). */
    public double solveMs() {
        return solveMs;
    }

    /** The optimal schedule (after {@link #optimise}). */
    public CemsResult optimal() {
        requireOptimised();
        return optimal;
    }

    /** The baseline schedule: the optimum before any order. */
    public Schedule planned() {
        requireOptimised();
        return planned;
    }

    /** What the home runs now: the baseline, or the activated schedule of its order. */
    public Schedule operated() {
        requireOptimised();
        return operated;
    }

    /** Whether an order changed the home's schedule. */
    public boolean ordered() {
        return operated != planned;
    }

    /** EUR received for delivered flexibility. */
    public double paymentsEur() {
        return paymentsEur;
    }

    /**
     * The home's offers at a congestion point for the requested slots (ascending), one direction.
     *
     * @param deriver the flexibility rule (hour blocks)
     * @param congestionPoint where the offers count
     * @param direction down (less net load) or up
     * @param requestedSlots the slots the point asks for, ascending
     */
    public List<Flexibility> offers(
            FlexibilityDeriver.Settings hourly,
            String congestionPoint,
            FlexOffer.Direction direction,
            int[] requestedSlots) {
        requireOptimised();
        List<Flexibility> out = new ArrayList<>();
        if (ordered()) {
            // an ordered home has left its baseline: it offers nothing more that day
            return out;
        }
        for (int[] run : runs(requestedSlots)) {
            int from = run[0];
            int to = run[1];
            if (!canAct(home.day(), direction, from, to)) {
                continue;
            }
            FlexibilityDeriver byHour = new FlexibilityDeriver(hourly);
            out.addAll(byHour.derive(home.day(), optimal, congestionPoint, direction, from, to));
            // a longer episode also gets one block over its whole length
            if (to - from > hourly.blockSlots()) {
                FlexibilityDeriver.Settings whole = new FlexibilityDeriver.Settings(
                        hourly.marginEurPerKwh(),
                        to - from,
                        hourly.minOfferKw(),
                        hourly.minActivation(),
                        hourly.kwStep());
                out.addAll(new FlexibilityDeriver(whole)
                        .derive(home.day(), optimal, congestionPoint, direction, from, to));
            }
        }
        return out;
    }

    /**
     * Runs an ordered offer at fraction {@code f}: the home mixes its baseline with the offer's
     * activated schedule and is paid {@code f * price * energy}.
     */
    public void activate(Flexibility flex, double f) {
        requireOptimised();
        if (ordered()) {
            throw new IllegalStateException(home.id() + " already runs an order");
        }
        // an offer that must be taken whole is run whole
        double fraction = flex.offer().minActivation() >= 1.0 ? 1.0 : Math.min(1.0, f);
        operated = planned.mix(Schedule.of(flex.activated()), fraction);
        paymentsEur += fraction
                * flex.offer().price()
                * flex.offer().energyKwh(home.day().hoursPerSlot());
    }

    /** Whether some device of the home can move its net load in {@code [from, to)} in that direction. */
    static boolean canAct(HomeDay d, FlexOffer.Direction direction, int from, int to) {
        if (d.battery() != null) {
            return true;
        }
        if (d.ev() != null && d.ev().arrivalSlot() < to && d.ev().departureSlot() > from) {
            return true;
        }
        for (HomeDay.Deferrable a : d.deferrable()) {
            if (a.earliestStartSlot() < to && a.latestEndSlot() > from) {
                return true;
            }
        }
        for (HomeDay.Interruptible i : d.interruptible()) {
            if (i.earliestSlot() < to && i.latestSlot() > from) {
                return true;
            }
        }
        if (direction == FlexOffer.Direction.UP) {
            // curtailing PV raises net load
            for (int t = from; t < to; t++) {
                if (d.pvKw()[t] > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs of consecutive slots as {@code [from, to)} pairs. */
    static List<int[]> runs(int[] ascending) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < ascending.length) {
            int j = i;
            while (j + 1 < ascending.length && ascending[j + 1] == ascending[j] + 1) {
                j++;
            }
            out.add(new int[] {ascending[i], ascending[j] + 1});
            i = j + 1;
        }
        return out;
    }

    private void requireOptimised() {
        if (optimal == null) {
            throw new IllegalStateException("optimise " + home.id() + " first");
        }
    }
}
