package io.flexledger.agents.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.agents.dso.CongestionPoint;
import io.flexledger.agents.grid.CableType;
import io.flexledger.agents.grid.LvNetwork;
import io.flexledger.clearing.model.Offer;
import io.flexledger.client.MarketplaceClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * The bodies the live agents post, in marketplace-api's terms, with every quantity at the ledger's
 * scale (decision 0005): kW with 3 decimals, EUR/kWh with 5, fractions with 6. Finer values are
 * rounded the safe way rather than refused by the ledger: an offer's kW down (never more than the
 * home proved it can deliver), its price up (never below the bill-neutral price plus margin), a
 * request's kW up (never less than the power flow needs).
 */
public final class LedgerJson {

    /** The ledger's id rule. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private LedgerJson() {}

    /** A congestion point's registration; a feeder's capacity is its head cable's three phases at 1 pu. */
    public static ObjectNode congestionPoint(LvNetwork network, CongestionPoint p) {
        ObjectNode o = MarketplaceClient.object();
        o.put("id", p.id());
        if (p.isTransformer()) {
            o.put("kind", "TRANSFORMER");
            o.put("capacityKw", kw(network.transformer().ratedKva(), RoundingMode.HALF_EVEN));
        } else {
            o.put("kind", "FEEDER");
            o.put("parentId", network.transformer().id());
            CableType head = headCable(network, p.feeder());
            double kw = LvNetwork.PHASES * network.nominalPhaseVoltageV() * head.ratingA() / 1000;
            o.put("capacityKw", kw(kw, RoundingMode.HALF_EVEN));
        }
        return o;
    }

    /**
     * A home's registration at its feeder; the {@code home} object is private (address, meter,
     * connection capacity and a fresh salt).
     */
    public static ObjectNode asset(LvNetwork network, LvNetwork.Home home, double connectionKw, String saltHex) {
        ObjectNode o = MarketplaceClient.object();
        o.put("id", requireId(home.id()));
        o.put("congestionPointId", network.feederIds().get(home.feeder()));
        ObjectNode h = o.putObject("home");
        h.put("assetId", home.id());
        h.put("address", addressOf(home.id()));
        h.put("meterId", "mpan-" + home.id());
        h.put("connectionCapacityKw", kw(connectionKw, RoundingMode.FLOOR));
        h.put("salt", saltHex);
        return o;
    }

    /** A request of load reduction at a point, 1 EUR/kWh (or the given penalty) unserved. */
    public static ObjectNode request(
            String id, String pointId, MarketDay day, SortedMap<Integer, Double> kwBySlot, double penalty) {
        ObjectNode o = MarketplaceClient.object();
        o.put("id", requireId(id));
        o.put("congestionPointId", pointId);
        o.put("day", day.date().toString());
        ObjectNode kw = o.putObject("kwBySlot");
        for (Map.Entry<Integer, Double> e : kwBySlot.entrySet()) {
            kw.put(Integer.toString(e.getKey()), kw(e.getValue(), RoundingMode.CEILING));
        }
        o.put("unservedPenalty", eurPerKwh(penalty, RoundingMode.CEILING));
        return o;
    }

    /**
     * An offer answering a request: the clearing offer's slots and kW (0 kW slots included: they make
     * the home's offers alternatives), price and minimum activation.
     */
    public static ObjectNode offer(String id, String assetId, String requestId, MarketDay day, Offer offer) {
        ObjectNode o = MarketplaceClient.object();
        o.put("id", requireId(id));
        o.put("congestionPointId", offer.congestionPoint());
        o.put("assetId", assetId);
        o.put("day", day.date().toString());
        o.put("requestId", requestId);
        ObjectNode kw = o.putObject("kwBySlot");
        for (int i = 0; i < offer.slots().length; i++) {
            kw.put(Integer.toString(offer.slots()[i]), kw(offer.kw()[i], RoundingMode.FLOOR));
        }
        o.put("price", eurPerKwh(offer.priceEurPerKwh(), RoundingMode.CEILING));
        o.put(
                "minActivation",
                BigDecimal.valueOf(offer.minActivation())
                        .setScale(6, RoundingMode.CEILING)
                        .min(BigDecimal.ONE)
                        .stripTrailingZeros());
        return o;
    }

    /** Whether an offer body still moves some kW after rounding (the ledger refuses an all-zero block). */
    public static boolean movesSomething(ObjectNode offer) {
        for (var it = offer.path("kwBySlot").elements(); it.hasNext(); ) {
            if (it.next().decimalValue().signum() > 0) {
                return true;
            }
        }
        return false;
    }

    /** kW at the ledger's 3 decimals. */
    static BigDecimal kw(double v, RoundingMode mode) {
        // a double such as 0.30000000000000004 is first read at 9 decimals, so FLOOR keeps 0.300
        return BigDecimal.valueOf(v).setScale(9, RoundingMode.HALF_EVEN).setScale(3, mode);
    }

    /** EUR/kWh at the ledger's 5 decimals. */
    static BigDecimal eurPerKwh(double v, RoundingMode mode) {
        return BigDecimal.valueOf(v).setScale(9, RoundingMode.HALF_EVEN).setScale(5, mode);
    }

    static String requireId(String id) {
        // ids are the ledger's keys: 1 to 64 of a restricted alphabet
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' does not match " + ID.pattern());
        }
        return id;
    }

    private static String addressOf(String homeId) {
        String n = homeId.replaceAll("\\D+", "");
        return (n.isEmpty() ? "1" : Integer.parseInt(n)) + " Pontypool Row, Pontypool";
    }

    private static CableType headCable(LvNetwork network, int feeder) {
        for (LvNetwork.Joint j : network.joints()) {
            if (j.feeder() == feeder && j.parent() < 0) {
                return j.cable();
            }
        }
        throw new IllegalArgumentException("feeder " + feeder + " has no head cable");
    }
}
