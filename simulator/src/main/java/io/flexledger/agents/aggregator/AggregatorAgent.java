package io.flexledger.agents.aggregator;

import io.flexledger.agents.cems.flex.FlexOffer;
import io.flexledger.agents.cems.flex.Flexibility;
import io.flexledger.agents.cems.flex.FlexibilityDeriver;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityMarket;
import io.flexledger.clearing.community.CommunityResult;
import io.flexledger.clearing.community.OfferTerms;
import io.flexledger.clearing.community.PricingRule;
import io.flexledger.clearing.model.Offer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The aggregator agent (UC2), in-process: it collects its homes' flexibility for the slots the DSO
 * asks about and offers it to the DSO in the clearing format's terms, then passes the DSO's orders
 * back to the homes.
 *
 * <p>Rules (docs/decisions/0006-campaign-and-report.md): with a community market ({@link Community}),
 * the aggregator first clears its homes' planned flows against each other ({@link #clearCommunity}, UC2),
 * and at a DSO market takes its homes' downward offers through the community's book and offers the DSO
 * only their leftover ({@link CommunityBook}); without one it forwards each home's offers. Either way an
 * offer's price is the home's price plus the aggregator's fee. Every offer of a home at one congestion point lists
 * every slot requested there that day, with 0 kW outside its own block, so the clearing's rule "an
 * asset is sold at most once per slot" lets at most one of the home's offers be accepted per point and
 * day: the home then runs exactly the schedule that proves the accepted offer deliverable.
 */
public final class AggregatorAgent {

    private final String id;
    private final List<CemsAgent> homes;
    private final double feeEurPerKwh;
    private final Map<String, Flexibility> offered = new LinkedHashMap<>();
    private final Map<String, Double> scaleOf = new LinkedHashMap<>();
    private final Community community;
    private CommunityDay firmDay;
    private CommunityResult firmResult;
    private final List<FlexibleRound> rounds = new ArrayList<>();

    /**
     * The community market an aggregator runs (UC2).
     *
     * @param market the UC2 clearing
     * @param feederIds every feeder id of the network
     * @param feederOf a home's feeder id, by network index
     */
    public record Community(CommunityMarket market, List<String> feederIds, IntFunction<String> feederOf) {}

    /**
     * The flexible asks of one DSO market taken through the community's book.
     *
     * @param point the congestion point
     * @param day the book (flexible asks only)
     * @param result its clearing
     * @param askedKwh the energy of the asks
     * @param leftoverKwh the leftover energy the position offers to the DSO
     */
    public record FlexibleRound(
            String point, CommunityDay day, CommunityResult result, double askedKwh, double leftoverKwh) {}

    /**
     * An aggregator.
     *
     * @param id its id in the clearing files, e.g. {@code agr-1}
     * @param homes the CEMS agents of its portfolio
     * @param feeEurPerKwh added to each home's price, EUR/kWh (>= 0)
     */
    public AggregatorAgent(String id, List<CemsAgent> homes, double feeEurPerKwh) {
        this(id, homes, feeEurPerKwh, null);
    }

    /**
     * An aggregator that runs a community market among its homes.
     *
     * @param community the market, or null for none
     */
    public AggregatorAgent(String id, List<CemsAgent> homes, double feeEurPerKwh, Community community) {
        // a fee below zero would sell at a loss
        if (feeEurPerKwh < 0) {
            throw new IllegalArgumentException("feeEurPerKwh must be >= 0");
        }
        this.id = id;
        this.homes = List.copyOf(homes);
        this.feeEurPerKwh = feeEurPerKwh;
        this.community = community;
    }

    /**
     * Clears the community market on the homes' planned schedules (firm orders, {@link CommunityBook#firm}),
     * after their CEMS optimised them and before any DSO market; returns the clearing, or null without a
     * community market or homes.
     */
    public CommunityResult clearCommunity(String dayId) {
        if (community == null || homes.isEmpty()) {
            return null;
        }
        firmDay = CommunityBook.firm(id, dayId, homes, community.feederIds(), community.feederOf());
        firmResult = community.market().clear(firmDay, PricingRule.PAY_AS_CLEAR, OfferTerms.standard());
        return firmResult;
    }

    /** The day's firm community book, or null before {@link #clearCommunity}. */
    public CommunityDay communityDay() {
        return firmDay;
    }

    /** The day's firm community clearing, or null before {@link #clearCommunity}. */
    public CommunityResult communityResult() {
        return firmResult;
    }

    /** The DSO markets' flexible asks taken through the community, in order. */
    public List<FlexibleRound> flexibleRounds() {
        return List.copyOf(rounds);
    }

    /** Whether the offer with this id at this point came from the community's leftover. */
    public boolean fromLeftover(String congestionPoint, String offerId) {
        return scaleOf.containsKey(key(congestionPoint, offerId));
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
        List<Flexibility> derived = new ArrayList<>();
        List<Flexibility> down = new ArrayList<>();
        for (CemsAgent home : homes) {
            if (!under.test(home.index())) {
                continue;
            }
            if (downSlots.length > 0) {
                List<Flexibility> d = home.offers(settings, congestionPoint, FlexOffer.Direction.DOWN, downSlots);
                derived.addAll(d);
                down.addAll(d);
            }
            if (upSlots.length > 0) {
                derived.addAll(home.offers(settings, congestionPoint, FlexOffer.Direction.UP, upSlots));
            }
        }
        Map<String, Double> leftoverScale = community == null || firmDay == null || down.isEmpty()
                ? Map.of()
                : throughCommunity(congestionPoint, down);
        List<Offer> out = new ArrayList<>();
        for (Flexibility f : derived) {
            Offer o = toOffer(f, all);
            Double scale = leftoverScale.get(o.id());
            if (scale != null) {
                if (!(scale > 0.0)) {
                    // nothing of it left after the community
                    continue;
                }
                scaleOf.put(key(congestionPoint, o.id()), scale);
                o = o.scaled(scale);
            }
            offered.put(key(congestionPoint, o.id()), f);
            out.add(o);
        }
        return out;
    }

    // the downward offers through the community's book: per offer, the share of it the leftover still holds
    private Map<String, Double> throughCommunity(String point, List<Flexibility> down) {
        Map<String, String> feederOfHome = new LinkedHashMap<>();
        for (CemsAgent h : homes) {
            feederOfHome.put(h.day().id(), community.feederOf().apply(h.index()));
        }
        CommunityDay book = CommunityBook.flexible(firmDay, point, down, feeEurPerKwh, feederOfHome::get);
        CommunityResult r = community.market().clear(book, PricingRule.PAY_AS_CLEAR, OfferTerms.standard());
        // leftover kW per home and slot, as the position's offers give it
        Map<String, Map<Integer, Double>> leftover = new LinkedHashMap<>();
        double leftoverKwh = 0.0;
        for (Offer o : r.position().offers()) {
            Map<Integer, Double> bySlot = leftover.computeIfAbsent(o.asset(), k -> new java.util.HashMap<>());
            for (int k = 0; k < o.slots().length; k++) {
                bySlot.merge(o.slots()[k], o.kw()[k], Double::sum);
                leftoverKwh += o.kw()[k] * book.slotHours();
            }
        }
        double askedKwh = 0.0;
        for (var o : book.orders()) {
            askedKwh += o.kw() * book.slotHours();
        }
        rounds.add(new FlexibleRound(point, book, r, askedKwh, leftoverKwh));
        return shares(down, leftover);
    }

    /**
     * Per downward offer, the largest share of it that fits under its home's leftover kW in every slot of
     * its block: what the community matched of a home's flexibility is not sold to the DSO again.
     */
    public static Map<String, Double> shares(List<Flexibility> down, Map<String, Map<Integer, Double>> leftover) {
        Map<String, Double> scale = new LinkedHashMap<>();
        for (Flexibility f : down) {
            Map<Integer, Double> left = leftover.getOrDefault(f.offer().asset(), Map.of());
            double s = 1.0;
            for (Map.Entry<Integer, Double> e : f.offer().kwBySlot().entrySet()) {
                if (e.getValue() > CommunityBook.MIN_KW) {
                    s = Math.min(s, left.getOrDefault(e.getKey(), 0.0) / e.getValue());
                }
            }
            scale.put(f.offer().id(), Math.max(0.0, s));
        }
        return scale;
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
            // an offer cut to the community's leftover is the home's offer at that share
            double fraction = e.getValue() * scaleOf.getOrDefault(key(congestionPoint, e.getKey()), 1.0);
            home.activate(f, fraction);
            out.add(new Order(home, f, fraction));
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
