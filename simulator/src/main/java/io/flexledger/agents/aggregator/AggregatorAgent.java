package io.flexledger.agents.aggregator;

import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The aggregator agent (UC2), in-process: it collects its homes' flexibility for the slots the DSO
 * asks about and offers it to the DSO in the clearing format's terms, then passes the DSO's orders
 * back to the homes.
 *
 * <p>Rules (docs/decisions/0006-campaign-and-report.md): the clearing module has no community-market
 * model yet, so the aggregator does not net its homes against each other; it forwards each home's
 * offers at the home's price plus its own fee. Every offer of a home at one congestion point lists
 * every slot requested there that day, with 0 kW outside its own block, so the clearing's rule "an
 * asset is sold at most once per slot" lets at most one of the home's offers be accepted per point and
 * day: the home then runs exactly the schedule that proves the accepted offer deliverable.
 */
public final class AggregatorAgent {

    private final String id;
    private final List<CemsAgent> homes;
    private final double feeEurPerKwh;
    private final Map<String, Flexibility> offered = new LinkedHashMap<>();

    /**
     * An aggregator.
     *
     * @param id its id in the clearing files, e.g. {@code agr-1}
     * @param homes the CEMS agents of its portfolio
     * @param feeEurPerKwh added to each home's price, EUR/kWh (>= 0)
     */
    public AggregatorAgent(String id, List<CemsAgent> homes, double feeEurPerKwh) {
        // a fee below zero would sell at a loss
        if (feeEurPerKwh < 0) {
            throw new IllegalArgumentException("feeEurPerKwh must be >= 0");
        }
        this.id = id;
        this.homes = List.copyOf(homes);
        this.feeEurPerKwh = feeEurPerKwh;
    }

    /** The aggregator's id. */
    public String id() {
        return id;
    }

    /** Its homes. */
    public List<CemsAgent> homes() {
        return homes;
    }

    /**
     * Offers for the requested slots at a congestion point from the homes under it.
     *
     * @param congestionPoint the point (transformer or feeder id)
     * @param under whether a home (by network index) is under the point
     * @param downSlots the slots where the point needs less net load, ascending
     * @param upSlots the slots where it needs more, ascending
     * @param settings the homes' flexibility rule
     */
    public List<Offer> offers(
            String congestionPoint,
            IntPredicate under,
            int[] downSlots,
            int[] upSlots,
            FlexibilityDeriver.Settings settings) {
        int[] all = IntStream.concat(IntStream.of(downSlots), IntStream.of(upSlots))
                .sorted()
                .toArray();
        List<Offer> out = new ArrayList<>();
        for (CemsAgent home : homes) {
            if (!under.test(home.index())) {
                continue;
            }
            List<Flexibility> flex = new ArrayList<>();
            if (downSlots.length > 0) {
                flex.addAll(home.offers(settings, congestionPoint, FlexOffer.Direction.DOWN, downSlots));
            }
            if (upSlots.length > 0) {
                flex.addAll(home.offers(settings, congestionPoint, FlexOffer.Direction.UP, upSlots));
            }
            for (Flexibility f : flex) {
                Offer o = toOffer(f, all);
                offered.put(key(congestionPoint, o.id()), f);
                out.add(o);
            }
        }
        return out;
    }

    /** The clearing offer of a home's flexibility: every requested slot listed, 0 kW outside its block. */
    Offer toOffer(Flexibility f, int[] requestedSlots) {
        FlexOffer fo = f.offer();
        java.util.TreeMap<Integer, Double> kw = new java.util.TreeMap<>();
        for (int t : requestedSlots) {
            kw.put(t, 0.0);
        }
        kw.putAll(fo.kwBySlot());
        int[] slots = new int[kw.size()];
        double[] values = new double[kw.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : kw.entrySet()) {
            slots[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new Offer(
                fo.id(),
                id,
                fo.congestionPoint(),
                fo.asset(),
                slots,
                values,
                fo.price() + feeEurPerKwh,
                fo.minActivation());
    }

    /**
     * Passes the DSO's orders to the homes: each accepted offer of this aggregator at the point is run
     * by its home at the accepted fraction.
     *
     * @return the orders passed on
     */
    public List<Order> order(String congestionPoint, Map<String, Double> accepted) {
        List<Order> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : accepted.entrySet()) {
            Flexibility f = offered.get(key(congestionPoint, e.getKey()));
            if (f == null || e.getValue() <= 0) {
                continue;
            }
            CemsAgent home = homeOf(f.offer().asset());
            home.activate(f, e.getValue());
            out.add(new Order(home, f, e.getValue()));
        }
        return out;
    }

    private CemsAgent homeOf(String asset) {
        for (CemsAgent h : homes) {
            if (h.day().id().equals(asset)) {
                return h;
            }
        }
        throw new IllegalStateException("no home " + asset + " in " + id);
    }

    private static String key(String point, String offerId) {
        return point + "/" + offerId;
    }

    /**
     * An order run by a home.
     *
     * @param home the home
     * @param flexibility the accepted offer with its activated schedule
     * @param fraction the accepted fraction
     */
    public record Order(CemsAgent home, Flexibility flexibility, double fraction) {

        /** kWh delivered at the accepted fraction (the offer's block energy times the fraction). */
        public double energyKwh() {
            return fraction * flexibility.offer().energyKwh(home.day().hoursPerSlot());
        }
    }
}
