package io.flexledger.clearing.community;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.model.Offer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The community-market file format (README "Optimiser file formats", section 3): a strict reader of a
 * {@code community} input and the writer of its {@code community-result}. Any missing, unknown,
 * mistyped, out-of-range or duplicate field is reported as an {@link InvalidCommunityException} whose
 * path names it, such as {@code $.orders[3].kw}.
 */
public final class CommunityFile {

    /** The feeder every order sits behind when the input lists no feeders: no limits. */
    public static final String NO_FEEDER = "community";

    private static final List<String> TOP =
            List.of("kind", "day", "community", "slotMinutes", "pricing", "importPrice", "exportPrice", "orders");
    private static final List<String> TOP_OPTIONAL = List.of("feeders");
    private static final List<String> ORDER = List.of("id", "homeId", "slot", "side", "flexible", "kw", "price");
    private static final List<String> ORDER_OPTIONAL = List.of("feeder");
    private static final List<String> FEEDER = List.of("id", "maxImportKw", "maxExportKw");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CommunityFile() {}

    /**
     * A parsed input: the day and its pricing rule.
     *
     * @param day the community day (checked)
     * @param pricing the pricing rule
     */
    public record Input(CommunityDay day, PricingRule pricing) {}

    /** Reads and checks a {@code community} input from its JSON text. */
    public static Input parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidCommunityException("$", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidCommunityException("$", "empty document");
        }
        fields(root, "$", TOP, TOP_OPTIONAL);
        String kind = string(root, "$.kind");
        if (!kind.equals("community")) {
            throw new InvalidCommunityException("$.kind", "expected \"community\", got \"" + kind + "\"");
        }
        String day = string(root, "$.day");
        String community = string(root, "$.community");
        int slotMinutes = integer(root.get("slotMinutes"), "$.slotMinutes");
        if (slotMinutes <= 0 || 1440 % slotMinutes != 0) {
            throw new InvalidCommunityException("$.slotMinutes", "must divide 1440 (a day), got " + slotMinutes);
        }
        String pricingText = string(root, "$.pricing");
        PricingRule pricing;
        try {
            pricing = PricingRule.valueOf(pricingText);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommunityException(
                    "$.pricing", "expected \"PAY_AS_CLEAR\" or \"PAY_AS_BID\", got \"" + pricingText + "\"");
        }
        double[] importPrice = prices(root.get("importPrice"), "$.importPrice");
        double[] exportPrice = prices(root.get("exportPrice"), "$.exportPrice");
        if (importPrice.length == 0) {
            throw new InvalidCommunityException("$.importPrice", "needs one price per slot, got none");
        }
        int slots = importPrice.length;
        List<Feeder> feeders = new ArrayList<>();
        boolean ownFeeders = root.has("feeders");
        if (ownFeeders) {
            JsonNode fs = array(root.get("feeders"), "$.feeders");
            if (fs.isEmpty()) {
                throw new InvalidCommunityException("$.feeders", "empty: leave the field out for no feeder limits");
            }
            for (int i = 0; i < fs.size(); i++) {
                String at = "$.feeders[" + i + "]";
                JsonNode f = fs.get(i);
                fields(f, at, FEEDER, List.of());
                feeders.add(new Feeder(
                        string(f, at + ".id"),
                        number(f.get("maxImportKw"), at + ".maxImportKw"),
                        number(f.get("maxExportKw"), at + ".maxExportKw")));
            }
        } else {
            feeders.add(new Feeder(NO_FEEDER, CommunityDay.MAX_KW, CommunityDay.MAX_KW));
        }
        JsonNode os = array(root.get("orders"), "$.orders");
        List<CommunityOrder> orders = new ArrayList<>(os.size());
        for (int i = 0; i < os.size(); i++) {
            String at = "$.orders[" + i + "]";
            JsonNode o = os.get(i);
            fields(o, at, ORDER, ORDER_OPTIONAL);
            String feeder;
            if (ownFeeders) {
                if (!o.has("feeder")) {
                    throw new InvalidCommunityException(at + ".feeder", "missing (the input lists feeders)");
                }
                feeder = string(o, at + ".feeder");
            } else {
                if (o.has("feeder")) {
                    throw new InvalidCommunityException(at + ".feeder", "the input lists no feeders");
                }
                feeder = NO_FEEDER;
            }
            String sideText = string(o, at + ".side");
            Side side;
            if (sideText.equals("BUY")) {
                side = Side.BUY;
            } else if (sideText.equals("SELL")) {
                side = Side.SELL;
            } else {
                throw new InvalidCommunityException(
                        at + ".side", "expected \"BUY\" or \"SELL\", got \"" + sideText + "\"");
            }
            JsonNode flexible = o.get("flexible");
            if (!flexible.isBoolean()) {
                throw new InvalidCommunityException(at + ".flexible", "not true or false");
            }
            double kw = number(o.get("kw"), at + ".kw");
            if (!(kw > 0.0)) {
                throw new InvalidCommunityException(at + ".kw", "must be > 0, got " + kw);
            }
            orders.add(new CommunityOrder(
                    string(o, at + ".id"),
                    string(o, at + ".homeId"),
                    feeder,
                    integer(o.get("slot"), at + ".slot"),
                    side,
                    flexible.booleanValue(),
                    kw,
                    number(o.get("price"), at + ".price")));
        }
        // the remaining rules (ranges, uniqueness, export <= import, one feeder per home) with their paths
        CommunityDay checked =
                new CommunityDay(day, community, slotMinutes, slots, importPrice, exportPrice, feeders, orders);
        return new Input(checked, pricing);
    }

    /** The {@code community-result} of a cleared day, as indented JSON (numbers rounded to 6 decimals). */
    public static String write(CommunityDay day, CommunityResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "community-result");
        root.put("day", day.id());
        root.put("community", day.aggregator());
        root.put("pricing", result.prices().rule().name());
        root.put("feasible", result.matching().feasible());
        root.put("welfareEur", round(result.matching().welfareEur()));
        root.put("aggregatorBalanceEur", round(result.prices().aggregatorBalanceEur()));
        double h = day.slotHours();
        double[] matched = result.matching().matchedKw();
        double[] bought = new double[day.slots()];
        double[] sold = new double[day.slots()];
        ArrayNode trades = root.putArray("trades");
        List<CommunityOrder> orders = day.orders();
        for (int i = 0; i < orders.size(); i++) {
            if (!(matched[i] > 0.0)) {
                continue;
            }
            CommunityOrder o = orders.get(i);
            (o.buys() ? bought : sold)[o.slot()] += matched[i];
            ObjectNode t = trades.addObject();
            t.put("orderId", o.id());
            t.put("homeId", o.home());
            t.put("slot", o.slot());
            t.put("side", o.side().name());
            t.put("flexible", o.flexible());
            t.put("kw", round(matched[i]));
            t.put("price", round(result.prices().amountEur()[i] / (matched[i] * h)));
        }
        ArrayNode slots = root.putArray("slots");
        CommunityPosition position = result.position();
        for (int t = 0; t < day.slots(); t++) {
            ObjectNode s = slots.addObject();
            s.put("slot", t);
            double price = result.prices().clearingPriceEurPerKwh()[t];
            if (Double.isNaN(price)) {
                s.putNull("clearingPrice");
            } else {
                s.put("clearingPrice", round(price));
            }
            s.put("volumeKw", round(bought[t]));
            s.put("residualNetImportKw", round(position.residualNetImportKw()[t]));
            s.put("leftoverFlexibilityKw", round(position.leftoverFlexibilityKw()[t]));
        }
        ArrayNode homes = root.putArray("homes");
        for (Settlement st : result.prices().settlements()) {
            ObjectNode s = homes.addObject();
            s.put("homeId", st.home());
            s.put("boughtKwh", round(st.boughtKwh()));
            s.put("soldKwh", round(st.soldKwh()));
            s.put("paidEur", round(st.paidEur()));
            s.put("receivedEur", round(st.receivedEur()));
        }
        ArrayNode leftover = root.putArray("leftover");
        for (Offer o : position.offers()) {
            ObjectNode l = leftover.addObject();
            l.put("id", o.id());
            l.put("homeId", o.asset());
            l.put("feeder", o.congestionPoint());
            ObjectNode kw = l.putObject("kwBySlot");
            for (int k = 0; k < o.slots().length; k++) {
                kw.put(Integer.toString(o.slots()[k]), round(o.kw()[k]));
            }
            l.put("price", round(o.priceEurPerKwh()));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal round(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        // -0 and 0E-6 print as 0
        return d.signum() == 0 ? BigDecimal.ZERO : d.scale() < 0 ? d.setScale(0) : d;
    }

    private static void fields(JsonNode node, String at, List<String> required, List<String> optional) {
        if (node == null || !node.isObject()) {
            throw new InvalidCommunityException(at, "not an object");
        }
        Set<String> known = new java.util.HashSet<>(required);
        known.addAll(optional);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new InvalidCommunityException(at + "." + name, "unknown field");
            }
        }
        for (String name : required) {
            if (!node.has(name)) {
                throw new InvalidCommunityException(at + "." + name, "missing");
            }
        }
    }

    private static String string(JsonNode node, String path) {
        JsonNode v = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null || !v.isTextual()) {
            throw new InvalidCommunityException(path, "not a string");
        }
        if (v.textValue().isEmpty()) {
            throw new InvalidCommunityException(path, "empty");
        }
        return v.textValue();
    }

    private static JsonNode array(JsonNode v, String path) {
        if (v == null || !v.isArray()) {
            throw new InvalidCommunityException(path, "not an array");
        }
        return v;
    }

    private static double[] prices(JsonNode v, String path) {
        array(v, path);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(v.get(i), path + "[" + i + "]");
        }
        return out;
    }

    private static int integer(JsonNode v, String path) {
        if (v == null || !v.isNumber()) {
            throw new InvalidCommunityException(path, "not a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d) || d != Math.rint(d)) {
            throw new InvalidCommunityException(path, "not an integer");
        }
        if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new InvalidCommunityException(path, "integer out of range");
        }
        return (int) d;
    }

    private static double number(JsonNode v, String path) {
        if (v == null || !v.isNumber()) {
            throw new InvalidCommunityException(path, "not a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidCommunityException(path, "number out of range");
        }
        return d;
    }
}
