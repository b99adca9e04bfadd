package io.flexledger.clearing.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reader of clearing problem files (formats README section 2). Any missing, unknown, mistyped,
 * out-of-range or duplicate field is reported with its JSON path.
 */
public final class ProblemParser {

    private static final Pattern SLOT_KEY = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Set<String> TOP = Set.of("kind", "id", "slotMinutes", "slots", "requests", "offers");
    private static final Set<String> REQUEST = Set.of("id", "congestionPoint", "slot", "kw", "unservedPenalty");
    private static final Set<String> OFFER =
            Set.of("id", "aggregator", "congestionPoint", "asset", "kwBySlot", "price", "minActivation");
    private static final List<String> TOP_ORDER = List.of("kind", "id", "slotMinutes", "slots", "requests", "offers");
    private static final List<String> REQUEST_ORDER = List.of("id", "congestionPoint", "slot", "kw", "unservedPenalty");
    private static final List<String> OFFER_ORDER =
            List.of("id", "aggregator", "congestionPoint", "asset", "kwBySlot", "price", "minActivation");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Parses and validates a problem from its JSON text. */
    public ClearingProblem parse(String json) throws MalformedProblemException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedProblemException("$", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedProblemException("$", "empty document");
        }
        return problem(root);
    }

    private ClearingProblem problem(JsonNode root) throws MalformedProblemException {
        fields(root, "$", TOP, TOP_ORDER);
        String kind = string(root, "$", "kind");
        if (!kind.equals("clearing")) {
            throw new MalformedProblemException("$.kind", "expected \"clearing\", got \"" + kind + "\"");
        }
        String id = string(root, "$", "id");
        int slotMinutes = positiveInt(root, "$", "slotMinutes");
        int slots = positiveInt(root, "$", "slots");
        JsonNode requestsNode = array(root, "$", "requests");
        JsonNode offersNode = array(root, "$", "offers");

        List<Request> requests = new ArrayList<>(requestsNode.size());
        Set<String> requestIds = new HashSet<>();
        Set<String> pointSlots = new HashSet<>();
        for (int i = 0; i < requestsNode.size(); i++) {
            String at = "$.requests[" + i + "]";
            Request r = request(requestsNode.get(i), at, slots);
            if (!requestIds.add(r.id())) {
                throw new MalformedProblemException(at + ".id", "duplicate request id \"" + r.id() + "\"");
            }
            if (!pointSlots.add(r.congestionPoint() + "\u0000" + r.slot())) {
                throw new MalformedProblemException(
                        at,
                        "duplicate request for congestion point \"" + r.congestionPoint() + "\" and slot " + r.slot());
            }
            requests.add(r);
        }
        List<Offer> offers = new ArrayList<>(offersNode.size());
        Set<String> offerIds = new HashSet<>();
        for (int i = 0; i < offersNode.size(); i++) {
            String at = "$.offers[" + i + "]";
            Offer o = offer(offersNode.get(i), at, slots);
            if (!offerIds.add(o.id())) {
                throw new MalformedProblemException(at + ".id", "duplicate offer id \"" + o.id() + "\"");
            }
            offers.add(o);
        }
        return new ClearingProblem(id, slotMinutes, slots, requests, offers);
    }

    private Request request(JsonNode node, String at, int slots) throws MalformedProblemException {
        fields(node, at, REQUEST, REQUEST_ORDER);
        String id = string(node, at, "id");
        String point = string(node, at, "congestionPoint");
        int slot = integer(node, at, "slot");
        if (slot < 0 || slot >= slots) {
            throw new MalformedProblemException(at + ".slot", "must be in [0, " + slots + "), got " + slot);
        }
        double kw = number(node, at, "kw", 0.0, Double.MAX_VALUE);
        double penalty = number(node, at, "unservedPenalty", 0.0, Double.MAX_VALUE);
        return new Request(id, point, slot, kw, penalty);
    }

    private Offer offer(JsonNode node, String at, int slots) throws MalformedProblemException {
        fields(node, at, OFFER, OFFER_ORDER);
        String id = string(node, at, "id");
        String aggregator = string(node, at, "aggregator");
        String point = string(node, at, "congestionPoint");
        String asset = string(node, at, "asset");
        JsonNode kwBySlot = node.get("kwBySlot");
        if (!kwBySlot.isObject()) {
            throw new MalformedProblemException(at + ".kwBySlot", "not an object");
        }
        int[] slotArray = new int[kwBySlot.size()];
        double[] kwArray = new double[kwBySlot.size()];
        int k = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = kwBySlot.fields(); it.hasNext(); k++) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String keyPath = at + ".kwBySlot[\"" + key + "\"]";
            if (!SLOT_KEY.matcher(key).matches()) {
                throw new MalformedProblemException(keyPath, "key is not a slot number in plain decimal");
            }
            long slot = Long.parseLong(key);
            if (slot >= slots) {
                throw new MalformedProblemException(keyPath, "slot must be in [0, " + slots + ")");
            }
            slotArray[k] = (int) slot;
            kwArray[k] = finite(e.getValue(), keyPath, 0.0, Double.MAX_VALUE);
        }
        double price = number(node, at, "price", -Double.MAX_VALUE, Double.MAX_VALUE);
        double minActivation = number(node, at, "minActivation", 0.0, 1.0);
        return new Offer(id, aggregator, point, asset, slotArray, kwArray, price, minActivation);
    }

    private static void fields(JsonNode node, String at, Set<String> allowed, List<String> order)
            throws MalformedProblemException {
        if (node == null || !node.isObject()) {
            throw new MalformedProblemException(at, "not an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new MalformedProblemException(at + "." + name, "unknown field");
            }
        }
        for (String name : order) {
            if (!node.has(name)) {
                throw new MalformedProblemException(at + "." + name, "missing");
            }
        }
    }

    private static String string(JsonNode node, String at, String name) throws MalformedProblemException {
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw new MalformedProblemException(at + "." + name, "not a string");
        }
        return v.textValue();
    }

    private static JsonNode array(JsonNode node, String at, String name) throws MalformedProblemException {
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw new MalformedProblemException(at + "." + name, "not an array");
        }
        return v;
    }

    private static int integer(JsonNode node, String at, String name) throws MalformedProblemException {
        JsonNode v = node.get(name);
        String path = at + "." + name;
        if (!v.isNumber()) {
            throw new MalformedProblemException(path, "not a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d) || d != Math.rint(d)) {
            throw new MalformedProblemException(path, "not an integer");
        }
        if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new MalformedProblemException(path, "integer out of range");
        }
        return (int) d;
    }

    private static int positiveInt(JsonNode node, String at, String name) throws MalformedProblemException {
        int v = integer(node, at, name);
        if (v <= 0) {
            throw new MalformedProblemException(at + "." + name, "must be positive, got " + v);
        }
        return v;
    }

    private static double number(JsonNode node, String at, String name, double min, double max)
            throws MalformedProblemException {
        return finite(node.get(name), at + "." + name, min, max);
    }

    private static double finite(JsonNode v, String path, double min, double max) throws MalformedProblemException {
        if (!v.isNumber()) {
            throw new MalformedProblemException(path, "not a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new MalformedProblemException(path, "number out of range");
        }
        if (d < min) {
            throw new MalformedProblemException(path, "must be >= " + fmt(min) + ", got " + d);
        }
        if (d > max) {
            throw new MalformedProblemException(path, "must be <= " + fmt(max) + ", got " + d);
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
