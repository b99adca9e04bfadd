package io.flexledger.agents.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.dso.GridDay;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RecordJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a live day did, as a short report and as JSON ({@code --json FILE}).
 *
 * @param options what was played
 * @param phaseSeconds wall time per phase, in order
 * @param facts counts and amounts by name (see {@link #print})
 * @param requests the run's requests: point, slots, kWh, forced, ledger id
 * @param offersByAggregator offers posted per aggregator organisation
 * @param orders the run's orders as the ledger holds them (offer id, activation, kWh, cost)
 * @param clearing the DSO instance's clearing report (for the whole day), or null
 * @param communities each aggregator's community market day (UC2), empty with {@code --no-community}
 */
public record LiveOutcome(
        LiveDay.Options options,
        Map<String, Double> phaseSeconds,
        Map<String, Double> facts,
        List<RequestLine> requests,
        Map<String, Integer> offersByAggregator,
        List<OrderLine> orders,
        JsonNode clearing,
        List<CommunityLine> communities) {

    /**
     * One aggregator's community market day (UC2) as the ledger recorded it.
     *
     * @param community the operator's MSP id
     * @param homes the aggregator's homes taking part
     * @param members those whose membership is the community agent's and ACTIVE
     * @param otherMembers homes with another member (left out)
     * @param gateClosure the community gate, or null when no day was opened
     * @param openedNow whether this run opened the day
     * @param firmOrders firm orders posted by this run
     * @param flexibleOrders flexible SELLs posted by this run
     * @param firmLeftOut firm orders not posted (nobody on the other side in their slot)
     * @param refusedOrders orders the ledger refused
     * @param recordedNow whether the clearing was recorded during this run (else before it)
     * @param trades trades of the recorded clearing
     * @param kwhTraded energy bought (= sold) in the community, kWh
     * @param minPrice the lowest trade price, EUR/kWh, or null without trades
     * @param meanPrice the kWh-weighted mean trade price, or null
     * @param maxPrice the highest trade price, or null
     * @param leftoverOffers the operator's offers of the leftover to the DSO ({@code cm-...})
     * @param leftoverKwh their energy, kWh
     * @param lockedSlots home slots the community sold as flexibility
     * @param note why something did not happen, or null
     */
    public record CommunityLine(
            String community,
            int homes,
            int members,
            int otherMembers,
            String gateClosure,
            boolean openedNow,
            int firmOrders,
            int flexibleOrders,
            int firmLeftOut,
            int refusedOrders,
            boolean recordedNow,
            int trades,
            double kwhTraded,
            Double minPrice,
            Double meanPrice,
            Double maxPrice,
            List<String> leftoverOffers,
            double leftoverKwh,
            int lockedSlots,
            String note) {

        static CommunityLine of(LiveCommunity.Result r) {
            return new CommunityLine(
                    r.community(),
                    r.homes(),
                    r.enrolment().active().size(),
                    r.enrolment().others().size(),
                    r.posted().gateClosure() == null
                            ? null
                            : r.posted().gateClosure().toString(),
                    r.posted().openedNow(),
                    r.posted().firmOrders(),
                    r.posted().flexibleOrders(),
                    r.posted().firmLeftOut(),
                    r.posted().refusedOrders(),
                    r.cleared().recordedNow(),
                    r.cleared().trades(),
                    r.cleared().kwhTraded(),
                    r.cleared().minPrice(),
                    r.cleared().meanPrice(),
                    r.cleared().maxPrice(),
                    r.cleared().leftoverOffers(),
                    r.cleared().leftoverKwh(),
                    r.cleared().locked().size(),
                    r.note());
        }

        void print(PrintStream out) {
            out.printf(
                    Locale.ROOT,
                    "community %s: %d members of %d homes%s; day %s, gate %s; orders posted %d firm + %d flexible"
                            + " (%d firm left out: nobody on the other side in their slot%s)%n",
                    community,
                    members,
                    homes,
                    otherMembers > 0 ? " (" + otherMembers + " with another member)" : "",
                    gateClosure == null ? "not opened" : openedNow ? "opened now" : "open already",
                    gateClosure == null ? "-" : gateClosure,
                    firmOrders,
                    flexibleOrders,
                    firmLeftOut,
                    refusedOrders > 0 ? "; " + refusedOrders + " refused" : "");
            if (gateClosure != null) {
                out.printf(
                        Locale.ROOT,
                        "  clearing %s: %d trades, %.3f kWh traded, price min/mean/max %s EUR/kWh; %d home slots sold"
                                + " as flexibility; leftover offered to the DSO: %d offers, %.3f kWh%n",
                        recordedNow ? "recorded now" : "recorded before",
                        trades,
                        kwhTraded,
                        trades == 0 ? "-" : String.format(Locale.ROOT, "%.5f/%.5f/%.5f", minPrice, meanPrice, maxPrice),
                        lockedSlots,
                        leftoverOffers.size(),
                        leftoverKwh);
            }
            if (note != null) {
                out.println("  " + note);
            }
        }
    }

    /**
     * One request of the run.
     *
     * @param id its ledger id
     * @param point the congestion point
     * @param slots slots asked for
     * @param kwh energy asked for
     * @param forced forced rather than found in the power flow
     * @param state its state on the ledger after the run, or null when not read back
     */
    public record RequestLine(String id, String point, int slots, double kwh, boolean forced, String state) {}

    /**
     * One order of the run, as the ledger holds it.
     *
     * @param id the order id
     * @param offerId the offer it buys
     * @param msp the offer's aggregator
     * @param point the offer's congestion point
     * @param activation the fraction ordered
     * @param kwh energy ordered (activation times the offer's energy)
     * @param eur what the DSO pays (kWh times the offer's price)
     */
    public record OrderLine(
            String id, String offerId, String msp, String point, double activation, double kwh, double eur) {}

    /** Prints the report. */
    public void print(PrintStream out) {
        LiveDay.Options o = options;
        out.printf(
                Locale.ROOT,
                "live day %s: scenario %s, day %s (%s), %d homes, run %s%n",
                o.market().date(),
                o.scenario().code(),
                o.day().code(),
                o.day().label(),
                o.homes(),
                o.runId());
        out.printf(
                Locale.ROOT,
                "registry: congestion points %d new, %d already there; homes %d new, %d already there%n",
                (int) fact("pointsNew"),
                (int) fact("pointsExisting"),
                (int) fact("homesNew"),
                (int) fact("homesExisting"));
        out.printf(
                Locale.ROOT,
                "baseline: TX1 peak %.1f kVA, %d congested slots%s%n",
                fact("peakKvaBefore"),
                (int) fact("congestedSlotsBefore"),
                fact("upwardSlots") > 0
                        ? String.format(
                                Locale.ROOT,
                                "; %d point-slots needed more load (PV export): not requestable, a ledger request"
                                        + " asks for load reduction",
                                (int) fact("upwardSlots"))
                        : "");
        if (!options.community()) {
            out.println("community markets (UC2): not run (--no-community)");
        } else {
            out.println("community markets (UC2), on the ledger:");
            for (CommunityLine c : communities) {
                c.print(out);
            }
        }
        if (requests.isEmpty()) {
            out.println("no congestion that a request can relieve with these homes: nothing was requested, offered or"
                    + " ordered (use --force-request KW to post a request at TX1 anyway)");
        }
        for (RequestLine r : requests) {
            out.printf(
                    Locale.ROOT,
                    "request %s at %s: %d slots, %.2f kWh%s%s%n",
                    r.id(),
                    r.point(),
                    r.slots(),
                    r.kwh(),
                    r.forced() ? " (forced: no congestion found)" : "",
                    r.state() == null ? "" : ", now " + r.state());
        }
        if (!requests.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "offers posted: %s; earlier live offers revoked: %d; homes with an order on the day already"
                            + " (offering nothing): %d%n",
                    offersByAggregator.isEmpty() ? "none" : offersByAggregator.toString(),
                    (int) fact("revoked"),
                    (int) fact("homesAlreadyOrdered"));
        }
        if (clearing != null) {
            out.printf(
                    Locale.ROOT,
                    "clearing (whole day on the ledger): %d request-slots, %d live offers, cost %.4f EUR (penalties"
                            + " included), unserved %.3f kW summed over request-slots, %d orders placed (%d already),"
                            + " solver %d ms%n",
                    clearing.path("requests").asInt(),
                    clearing.path("offers").asInt(),
                    clearing.path("costEur").asDouble(),
                    clearing.path("unservedKw").asDouble(),
                    clearing.path("placed").asInt(),
                    clearing.path("alreadyPlaced").asInt(),
                    clearing.path("solveMillis").asLong());
            out.printf(
                    Locale.ROOT,
                    "orders of this run on the ledger: %d, %.3f kWh, %.4f EUR paid by the DSO%n",
                    orders.size(),
                    fact("orderedKwh"),
                    fact("orderedEur"));
            out.printf(
                    Locale.ROOT,
                    "after flexibility: TX1 peak %.1f kVA, %d congested slots%n",
                    fact("peakKvaAfter"),
                    (int) fact("congestedSlotsAfter"));
        }
        out.println("time per phase:");
        double total = 0;
        for (Map.Entry<String, Double> e : phaseSeconds.entrySet()) {
            out.printf(Locale.ROOT, "  %-12s %7.2f s%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        out.printf(Locale.ROOT, "  %-12s %7.2f s%n", "total", total);
        out.println("baseline commitments: not posted; marketplace-api has no baseline endpoint yet (the chaincode's"
                + " baselines contract exists)");
    }

    /** A fact, 0 when absent. */
    public double fact(String name) {
        return facts.getOrDefault(name, 0.0);
    }

    /** The report as JSON. */
    public ObjectNode toJson() {
        ObjectNode root = MarketplaceClient.object();
        root.put("date", options.market().date().toString());
        root.put("scenario", options.scenario().code());
        root.put("day", options.day().code());
        root.put("homes", options.homes());
        root.put("runId", options.runId());
        ObjectNode phases = root.putObject("phaseSeconds");
        phaseSeconds.forEach(phases::put);
        ObjectNode f = root.putObject("facts");
        facts.forEach(f::put);
        ArrayNode rs = root.putArray("requests");
        for (RequestLine r : requests) {
            ObjectNode n = rs.addObject();
            n.put("id", r.id());
            n.put("congestionPointId", r.point());
            n.put("slots", r.slots());
            n.put("kwh", r.kwh());
            n.put("forced", r.forced());
            n.put("state", r.state());
        }
        ObjectNode offers = root.putObject("offersByAggregator");
        offersByAggregator.forEach(offers::put);
        ArrayNode os = root.putArray("orders");
        for (OrderLine l : orders) {
            ObjectNode n = os.addObject();
            n.put("id", l.id());
            n.put("offerId", l.offerId());
            n.put("aggregatorMsp", l.msp());
            n.put("congestionPointId", l.point());
            n.put("activation", l.activation());
            n.put("kwh", l.kwh());
            n.put("eur", l.eur());
        }
        if (clearing != null) {
            root.set("clearing", clearing);
        }
        root.put("community", options.community());
        ArrayNode cs = root.putArray("communities");
        for (CommunityLine c : communities) {
            ObjectNode n = cs.addObject();
            n.put("community", c.community());
            n.put("homes", c.homes());
            n.put("members", c.members());
            n.put("otherMembers", c.otherMembers());
            n.put("gateClosure", c.gateClosure());
            n.put("openedNow", c.openedNow());
            n.put("firmOrders", c.firmOrders());
            n.put("flexibleOrders", c.flexibleOrders());
            n.put("firmLeftOut", c.firmLeftOut());
            n.put("refusedOrders", c.refusedOrders());
            n.put("recordedNow", c.recordedNow());
            n.put("trades", c.trades());
            n.put("kwhTraded", c.kwhTraded());
            n.put("minPrice", c.minPrice());
            n.put("meanPrice", c.meanPrice());
            n.put("maxPrice", c.maxPrice());
            ArrayNode left = n.putArray("leftoverOffers");
            c.leftoverOffers().forEach(left::add);
            n.put("leftoverKwh", c.leftoverKwh());
            n.put("lockedSlots", c.lockedSlots());
            n.put("note", c.note());
        }
        return root;
    }

    /** Collects a run's facts phase by phase. */
    static final class Builder {
        private final LiveDay.Options options;
        private final Map<String, Double> phases = new LinkedHashMap<>();
        private final Map<String, Double> facts = new TreeMap<>();
        private DsoRequests.Plan plan;
        private Map<String, String> requestIds = Map.of();
        private final Map<String, String> requestStates = new LinkedHashMap<>();
        private final Map<String, Integer> offers = new TreeMap<>();
        private final List<OrderLine> orders = new ArrayList<>();
        private JsonNode clearing;
        private final List<CommunityLine> communities = new ArrayList<>();

        Builder(LiveDay.Options options) {
            this.options = options;
        }

        void phase(String name, long startNanos) {
            phases.put(name, (System.nanoTime() - startNanos) / 1e9);
        }

        void points(int created, int existing) {
            facts.put("pointsNew", (double) created);
            facts.put("pointsExisting", (double) existing);
        }

        void homes(int created, int existing) {
            facts.put("homesNew", (double) created);
            facts.put("homesExisting", (double) existing);
        }

        void plan(DsoRequests.Plan p) {
            plan = p;
            facts.put("upwardSlots", (double) p.upwardSlots());
        }

        void requestIds(Map<String, String> ids) {
            requestIds = ids;
        }

        void alreadyOrdered(int n) {
            facts.put("homesAlreadyOrdered", (double) n);
        }

        void revoked(int n) {
            facts.put("revoked", (double) n);
        }

        void posted(List<LiveDay.Posted> list) {
            for (LiveDay.Posted p : list) {
                offers.merge(p.msp(), 1, Integer::sum);
            }
        }

        void communities(List<LiveCommunity.Result> results) {
            results.forEach(r -> communities.add(CommunityLine.of(r)));
        }

        void clearing(JsonNode report) {
            clearing = report;
        }

        void readBack(List<JsonNode> ledgerOrders, List<JsonNode> ledgerRequests) {
            double kwh = 0;
            double eur = 0;
            for (JsonNode record : ledgerOrders) {
                // the ledger's own figures: the order's kW per slot (activation applied) and its cost
                MarketRecords.StoredOrder o = RecordJson.storedOrder(record);
                double energy = o.kwh().doubleValue();
                double cost = o.cost().doubleValue();
                orders.add(new OrderLine(
                        o.order().id(),
                        o.order().offerId(),
                        o.aggregatorMsp(),
                        o.congestionPointId(),
                        o.order().activation().doubleValue(),
                        energy,
                        cost));
                kwh += energy;
                eur += cost;
            }
            facts.put("orderedKwh", kwh);
            facts.put("orderedEur", eur);
            for (JsonNode record : ledgerRequests) {
                FlexRequest r = RecordJson.request(record);
                requestStates.put(r.id(), r.state().name());
            }
        }

        LiveOutcome build(GridDay before, GridDay after) {
            facts.put("peakKvaBefore", before.peakKva());
            facts.put("peakKvaAfter", after.peakKva());
            facts.put("congestedSlotsBefore", (double) congested(before));
            facts.put("congestedSlotsAfter", (double) congested(after));
            List<RequestLine> lines = new ArrayList<>();
            if (plan != null) {
                for (DsoRequests.PointRequest r : plan.requests()) {
                    String id = requestIds.get(r.point().id());
                    lines.add(new RequestLine(
                            id,
                            r.point().id(),
                            r.kwBySlot().size(),
                            r.energyKwh(0.25),
                            r.forced(),
                            requestStates.get(id)));
                }
            }
            return new LiveOutcome(
                    options,
                    new LinkedHashMap<>(phases),
                    facts,
                    lines,
                    offers,
                    orders,
                    clearing,
                    List.copyOf(communities));
        }

        private static int congested(GridDay d) {
            int n = 0;
            for (int t = 0; t < d.slots(); t++) {
                n += d.congested(t) ? 1 : 0;
            }
            return n;
        }
    }
}
